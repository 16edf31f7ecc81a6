package org.qaflow.learner;

import org.springframework.data.jpa.repository.JpaRepository;
import java.util.List;
import java.util.Optional;

public interface LearnerRepository extends JpaRepository<Learner, Long> {

    Optional<Learner> findByUln(String uln);

    Optional<Learner> findByCentreIdAndUln(Long centreId, String uln);

    List<Learner> findByCentreIdOrderByLastNameAscFirstNameAsc(Long centreId);
}
