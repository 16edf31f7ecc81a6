package org.qaflow.assessment;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

public interface AssessmentDecisionRepository extends JpaRepository<AssessmentDecision, Long> {

    Optional<AssessmentDecision> findFirstByClaimUnitIdOrderByIdDesc(Long claimUnitId);

    /**
     * Of the given centres, each (centre id, assessor id) where the assessor has made decisions and had none of them
     * sampled by an IQA there: one pass over the centres' decisions, grouped.
     */
    @Query("select u.claim.centre.id, d.assessorId from AssessmentDecision d, org.qaflow.learner.ClaimUnit u "
            + "where u.id = d.claimUnitId and u.claim.centre.id in ?1 group by u.claim.centre.id, d.assessorId "
            + "having sum(case when d.sampled = true then 1 else 0 end) = 0")
    List<Object[]> findAssessorsNeverSampledAtCentres(java.util.Collection<Long> centreIds);

    long countByAssessorIdAndIdLessThan(Long assessorId, Long id);

    /** A page of decisions the sampling rules judged, after the given id: the impact preview walks them all. */
    List<AssessmentDecision> findByRuleSetVersionIsNotNullAndIdGreaterThanOrderById(Long afterId, Limit limit);

    @Query("select count(d) from AssessmentDecision d where d.assessorId = ?1 and d.iqaOutcome = "
            + "org.qaflow.assessment.AssessmentDecision.IqaOutcome.REFERRED and d.iqaDecidedAt >= ?2")
    long countReferralsSince(Long assessorId, Instant since);
}
