package org.qaflow.learner;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import java.util.List;
import java.util.Optional;

public interface LearnerRepository extends JpaRepository<Learner, Long> {

    Optional<Learner> findByUln(String uln);

    /** Written out, as ClaimRepository's queries by centre are, so that the learner's own column is used. */
    @Query("select l from Learner l where l.centre.id = ?1 and l.uln = ?2")
    Optional<Learner> findByCentreIdAndUln(Long centreId, String uln);
}
