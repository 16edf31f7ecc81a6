package org.qaflow.eqa;

import org.qaflow.centre.Centre;
import org.qaflow.centre.CentreRepository;
import org.qaflow.centre.DirectClaimStatusChanged;
import org.qaflow.centre.StaffMember;
import org.qaflow.centre.StaffRepository;
import org.qaflow.centre.StaffRole;

import org.qaflow.assessment.AssessmentDecisionRepository;
import org.qaflow.learner.Claim;
import org.qaflow.learner.ClaimRepository;
import org.qaflow.learner.Timeline;
import org.qaflow.problem.BadRequestException;
import org.qaflow.problem.NotFoundException;
import org.qaflow.rules.DirectClaimFacts;
import org.qaflow.rules.DirectClaimRecommendation;
import org.qaflow.rules.EligibilityResult;
import org.qaflow.rules.RuleEngine;
import org.qaflow.rules.RuleSet;
import org.qaflow.rules.StaffEligibilityRequest;
import org.qaflow.rules.VisitOutcome;
import org.qaflow.security.AppUser;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Direct claim status: the rules recommend from the centre's EQA record, the quality manager confirms or overrules
 * (with a reason), and every decision is kept beside the recommendation it followed or overruled. A change
 * reaches claims in flight through the engine (DirectClaimStatusChanged): gaining it releases every claim waiting for
 * the EQA; losing it leaves issued certificates standing, and claims still in assessment then wait for the EQA.
 */
@Service
@Transactional
public class DirectClaimService {

    private final CentreRepository centres;
    private final EqaVisitRepository visits;
    private final VisitActionRepository actions;
    private final StaffRepository staff;
    private final ClaimRepository claims;
    private final AssessmentDecisionRepository decisions;
    private final DirectClaimDecisionRepository statusDecisions;
    private final RuleEngine rules;
    private final ApplicationEventPublisher events;
    private final Timeline timeline;
    private final Clock clock;

    public DirectClaimService(CentreRepository centres, EqaVisitRepository visits, VisitActionRepository actions,
                              StaffRepository staff, ClaimRepository claims, AssessmentDecisionRepository decisions,
                              DirectClaimDecisionRepository statusDecisions, RuleEngine rules, ApplicationEventPublisher events, Timeline timeline, Clock clock) {
        this.centres = centres;
        this.visits = visits;
        this.actions = actions;
        this.staff = staff;
        this.claims = claims;
        this.decisions = decisions;
        this.statusDecisions = statusDecisions;
        this.rules = rules;
        this.events = events;
        this.timeline = timeline;
        this.clock = clock;
    }

    public Centre centre(String code) {
        return centres.findByCode(code).orElseThrow(() -> new NotFoundException("There is no centre " + code));
    }

    public DirectClaimRecommendation recommend(Centre centre) {
        return recommend(List.of(centre)).get(0);
    }

    /** The rules' recommendation for each centre, in the order given, in one evaluation. */
    public List<DirectClaimRecommendation> recommend(List<Centre> centres) {
        RuleSet active = rules.active();
        return active.directClaimStatuses(facts(centres, active));
    }

    /**
     * The centres' records as the direct claim rules judge them, in the order given; which IQAs count as qualified
     * is the given rules' say. A fixed number of queries and one eligibility evaluation for any number of centres:
     * the EQA's and the quality manager's centre pages ask it of every centre they show.
     */
    List<DirectClaimFacts> facts(List<Centre> centres, RuleSet ruleSet) {
        if (centres.isEmpty()) {
            return List.of();
        }
        List<Long> ids = centres.stream().map(Centre::getId).toList();
        Map<Long, List<VisitOutcome>> outcomes = new HashMap<>();
        for (EqaVisit v : visits.findByCentreIdInAndOutcomeIsNotNullOrderByVisitedOnDescIdDesc(ids)) {
            outcomes.computeIfAbsent(v.getCentreId(), k -> new ArrayList<>())
                    .add(VisitOutcome.valueOf(v.getOutcome().name()));
        }
        Map<Long, Long> openActions = new HashMap<>();
        for (Object[] row : actions.countOpenOfVisitsWithOutcome(ids)) {
            openActions.put((Long) row[0], ((Number) row[1]).longValue());
        }
        LocalDate today = LocalDate.now(clock);
        List<StaffMember> iqas = staff.findByCentreIdInAndRoleOrderById(ids, StaffRole.IQA);
        List<EligibilityResult> verdicts = iqas.isEmpty() ? List.of() : ruleSet.staffEligibilities(
                iqas.stream().map(s -> StaffEligibilityRequest.of(s, today)).toList());
        Map<Long, Integer> qualifiedIqas = new HashMap<>();
        for (int i = 0; i < iqas.size(); i++) {
            if (verdicts.get(i).eligible() && verdicts.get(i).conditions().isEmpty()) {
                qualifiedIqas.merge(iqas.get(i).getCentre().getId(), 1, Integer::sum);
            }
        }
        // Every assessor who has made decisions at the centre has had at least one of them sampled by an IQA there.
        Set<Long> notAllSampled = new HashSet<>();
        decisions.findAssessorsNeverSampledAtCentres(ids).forEach(row -> notAllSampled.add((Long) row[0]));
        return centres.stream().map(c -> new DirectClaimFacts(c.isDirectClaimStatus(),
                outcomes.getOrDefault(c.getId(), List.of()), Math.toIntExact(openActions.getOrDefault(c.getId(), 0L)),
                !notAllSampled.contains(c.getId()), qualifiedIqas.getOrDefault(c.getId(), 0))).toList();
    }

    /** Whether a recommendation means the centre should have direct claim status. */
    public static boolean recommendsStatus(DirectClaimRecommendation.Recommendation recommendation) {
        return recommendation == DirectClaimRecommendation.Recommendation.GRANT
                || recommendation == DirectClaimRecommendation.Recommendation.KEEP;
    }

    public List<DirectClaimDecision> decisions(Centre centre) {
        return statusDecisions.findByCentreIdOrderByIdDesc(centre.getId());
    }

    public Optional<DirectClaimDecision> latestDecision(Centre centre) {
        return statusDecisions.findFirstByCentreIdOrderByIdDesc(centre.getId());
    }

    /**
     * The quality manager confirms what the rules recommend now, or overrules it: overruling needs a reason. Either
     * way the decision is recorded with the recommendation and rule set version it followed or overruled.
     */
    public DirectClaimDecision decide(String code, boolean granted, String reason, AppUser qualityManager) {
        Centre centre = centre(code);
        DirectClaimRecommendation recommended = recommend(centre);
        boolean overruled = granted != recommendsStatus(recommended.recommendation());
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        if (overruled && why == null) {
            throw new BadRequestException("reason is missing: " + (granted ? "granting" : "withdrawing")
                    + " direct claim status for " + code + " overrules the rules, which recommend "
                    + recommended.recommendation().name().toLowerCase() + " (" + String.join("; ", recommended.reasons())
                    + "); say why");
        }
        DirectClaimDecision decision = statusDecisions.save(new DirectClaimDecision(centre.getId(), granted,
                recommended.recommendation(), recommended.ruleSetVersion(), overruled, why,
                qualityManager.getUsername(), Instant.now(clock)));
        confirm(centre, granted, why, qualityManager);
        return decision;
    }

    private Centre confirm(Centre centre, boolean granted, String reason, AppUser qualityManager) {
        if (centre.isDirectClaimStatus() == granted) {
            return centre;
        }
        centre.setDirectClaimStatus(granted);
        String what = granted ? "centre granted direct claim status" : "centre's direct claim status withdrawn";
        for (Claim claim : claims.findByCentreIdOrderById(centre.getId())) {
            if (claim.getCertificateNumber() == null) {
                timeline.record(claim, qualityManager.getUsername(), what, reason);
            }
        }
        events.publishEvent(new DirectClaimStatusChanged(centre.getId(), granted));
        return centre;
    }
}
