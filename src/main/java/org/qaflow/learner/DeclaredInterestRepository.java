package org.qaflow.learner;

import org.springframework.data.jpa.repository.JpaRepository;
import java.util.List;

public interface DeclaredInterestRepository extends JpaRepository<DeclaredInterest, DeclaredInterest.Key> {

    boolean existsByStaffIdAndLearnerId(Long staffId, Long learnerId);

    List<DeclaredInterest> findByLearnerId(Long learnerId);
}
