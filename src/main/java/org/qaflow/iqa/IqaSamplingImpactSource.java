package org.qaflow.iqa;

import jakarta.persistence.EntityManager;
import org.qaflow.assessment.AssessmentDecision;
import org.qaflow.assessment.AssessmentDecisionRepository;
import org.qaflow.assessment.AssessmentService;
import org.qaflow.centre.StaffMember;
import org.qaflow.centre.StaffRepository;
import org.qaflow.learner.Claim;
import org.qaflow.learner.ClaimUnit;
import org.qaflow.learner.ClaimUnitRepository;
import org.qaflow.rules.EligibilityResult;
import org.qaflow.rules.ImpactDifference;
import org.qaflow.rules.ImpactSource;
import org.qaflow.rules.IqaSamplingRequest;
import org.qaflow.rules.IqaSamplingResult;
import org.qaflow.rules.RuleSet;
import org.qaflow.rules.StaffEligibilityRequest;
import org.springframework.core.annotation.Order;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.*;
import java.util.stream.Collectors;

/**
 * Every assessment decision the sampling rules judged, judged again on today's facts (the assessor's eligibility and
 * recent referrals, the decisions before it, the centre's risk) under the active and the candidate rule set: which
 * decisions an IQA would sample that are not sampled now, and which would no longer be.
 */
@Component
@Order(3)
public class IqaSamplingImpactSource implements ImpactSource {

    private static final int PAGE = 500;

    private final AssessmentDecisionRepository decisions;
    private final ClaimUnitRepository claimUnits;
    private final StaffRepository staff;
    private final Clock clock;
    private final EntityManager entities;

    public IqaSamplingImpactSource(AssessmentDecisionRepository decisions, ClaimUnitRepository claimUnits,
                                   StaffRepository staff, Clock clock, EntityManager entities) {
        this.decisions = decisions;
        this.claimUnits = claimUnits;
        this.staff = staff;
        this.clock = clock;
        this.entities = entities;
    }

    @Override
    public String name() {
        return "IQA sampling";
    }

    /** What is known of one assessor, under each rule set where it depends on the rules. */
    private record Assessor(String name, boolean workingTowardsBefore, boolean workingTowardsNow, int recentReferrals) {
    }

    @Override
    @Transactional(readOnly = true)
    public Impact impact(RuleSet active, RuleSet candidate) {
        LocalDate today = LocalDate.now(clock);
        Instant recent = Instant.now(clock).minus(AssessmentService.RECENT_REFERRALS);
        List<ImpactDifference> differences = new ArrayList<>();
        // Per assessor, not per decision: bounded by the staff, not by the decisions.
        Map<Long, Assessor> assessors = new HashMap<>();
        Map<Long, Integer> priorDecisions = new HashMap<>();
        long after = 0;
        long looked = 0;
        List<AssessmentDecision> page;
        // Keyset pages in id order, so each decision's count of the assessor's earlier ones is a running count.
        while (!(page = decisions.findByRuleSetVersionIsNotNullAndIdGreaterThanOrderById(after, Limit.of(PAGE)))
                .isEmpty()) {
            Map<Long, ClaimUnit> units = claimUnits.findByIdIn(page.stream().map(AssessmentDecision::getClaimUnitId)
                    .collect(Collectors.toSet())).stream().collect(Collectors.toMap(ClaimUnit::getId, u -> u));
            learnAssessors(page, assessors, active, candidate, today, recent);
            List<IqaSamplingRequest> requests = new ArrayList<>(page.size());
            for (AssessmentDecision d : page) {
                Claim claim = units.get(d.getClaimUnitId()).getClaim();
                int prior = priorDecisions.merge(d.getAssessorId(), 1, Integer::sum) - 1;
                Assessor a = assessors.get(d.getAssessorId());
                requests.add(new IqaSamplingRequest(d.getId(), a.workingTowardsBefore(), prior,
                        d.isSimulatedEvidence(), a.recentReferrals(), claim.getCentre().getRiskRating()));
            }
            List<IqaSamplingResult> before = active.iqaSamplings(requests);
            List<IqaSamplingResult> now = candidate.iqaSamplings(withWorkingTowardsNow(requests, page, assessors));
            for (int i = 0; i < page.size(); i++) {
                AssessmentDecision d = page.get(i);
                difference(d, units.get(d.getClaimUnitId()), assessors.get(d.getAssessorId()).name(),
                        before.get(i), now.get(i)).ifPresent(differences::add);
            }
            looked += page.size();
            after = page.get(page.size() - 1).getId();
            entities.clear();
        }
        return new Impact(name(), looked, "assessment decisions", differences);
    }

    /** The assessors of this page not met before: their eligibility under both rule sets, in one batch each. */
    private void learnAssessors(List<AssessmentDecision> page, Map<Long, Assessor> known, RuleSet active,
                                RuleSet candidate, LocalDate today, Instant recent) {
        Set<Long> unknown = page.stream().map(AssessmentDecision::getAssessorId).filter(id -> !known.containsKey(id))
                .collect(Collectors.toCollection(TreeSet::new));
        if (unknown.isEmpty()) {
            return;
        }
        List<StaffMember> members = staff.findAllById(unknown);
        List<StaffEligibilityRequest> requests = members.stream()
                .map(m -> StaffEligibilityRequest.of(m, today)).toList();
        List<EligibilityResult> before = active.staffEligibilities(requests);
        List<EligibilityResult> now = candidate.staffEligibilities(requests);
        for (int i = 0; i < members.size(); i++) {
            StaffMember m = members.get(i);
            // As AssessmentService decides it: an assessor eligible only with conditions is working towards.
            known.put(m.getId(), new Assessor(m.getName(), !before.get(i).conditions().isEmpty(),
                    !now.get(i).conditions().isEmpty(), (int) decisions.countReferralsSince(m.getId(), recent)));
        }
    }

    private static List<IqaSamplingRequest> withWorkingTowardsNow(List<IqaSamplingRequest> requests,
                                                                  List<AssessmentDecision> page,
                                                                  Map<Long, Assessor> assessors) {
        List<IqaSamplingRequest> now = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            IqaSamplingRequest r = requests.get(i);
            now.add(new IqaSamplingRequest(r.decisionId(),
                    assessors.get(page.get(i).getAssessorId()).workingTowardsNow(), r.assessorPriorDecisions(),
                    r.simulatedEvidence(), r.assessorRecentReferrals(), r.assessorRisk()));
        }
        return now;
    }

    private Optional<ImpactDifference> difference(AssessmentDecision d, ClaimUnit unit, String assessor,
                                                  IqaSamplingResult before, IqaSamplingResult after) {
        if (before.sampled() == after.sampled() && before.reasons().equals(after.reasons())) {
            return Optional.empty();
        }
        Claim claim = unit.getClaim();
        String learner = claim.getLearner().getFirstName() + " " + claim.getLearner().getLastName();
        String subject = "decision " + d.getId() + ": " + assessor + " on " + unit.getUnitRef() + " of claim "
                + claim.getId() + " (" + learner + ", centre " + claim.getCentre().getCode() + ")";
        String summary = before.sampled() == after.sampled()
                ? (after.sampled() ? "sampled" : "not sampled") + ", for different reasons"
                : (before.sampled() ? "sampled -> not sampled" : "not sampled -> sampled");
        String why = after.sampled() == before.sampled() ? "now " + said(after) + " (was: " + said(before) + ")"
                : after.sampled() ? said(after) : "no sampling rule applies now (was: " + said(before) + ")";
        String sentence = assessor + "'s sign-off of " + unit.getUnitRef() + " for " + learner + " (claim "
                + claim.getId() + ") at " + claim.getCentre().getCode() + " " + claim.getCentre().getName() + ": "
                + (before.sampled() == after.sampled() ? "still " + (after.sampled() ? "sampled" : "not sampled")
                : summary) + ": " + why;
        return Optional.of(new ImpactDifference(name(), subject, summary, decision(before), decision(after), sentence));
    }

    private static String said(IqaSamplingResult r) {
        return r.reasons().isEmpty() ? "no sampling rule applies" : String.join("; ", r.reasons());
    }

    private static Map<String, Object> decision(IqaSamplingResult r) {
        return Map.of("sampled", r.sampled(), "reasons", r.reasons());
    }
}
