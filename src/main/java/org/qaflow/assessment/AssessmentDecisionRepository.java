package org.qaflow.assessment;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

import java.time.Instant;
import java.util.Optional;

public interface AssessmentDecisionRepository extends JpaRepository<AssessmentDecision, Long> {

    Optional<AssessmentDecision> findFirstByClaimUnitIdOrderByIdDesc(Long claimUnitId);

    long countByAssessorIdAndIdLessThan(Long assessorId, Long id);

    @Query("select count(d) from AssessmentDecision d where d.assessorId = ?1 and d.iqaOutcome = "
            + "org.qaflow.assessment.AssessmentDecision.IqaOutcome.REFERRED and d.iqaDecidedAt >= ?2")
    long countReferralsSince(Long assessorId, Instant since);
}
