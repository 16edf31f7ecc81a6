package org.qaflow.eqa;

import org.qaflow.centre.Centre;
import org.qaflow.centre.CentreRepository;
import org.qaflow.centre.DirectClaimStatusChanged;
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
import java.util.List;
import java.util.Optional;

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
        RuleSet active = rules.active();
        return active.directClaimStatus(facts(centre, active));
    }

    /** The centre's record as the direct claim rules judge it; which IQAs count as qualified is the given rules' say. */
    DirectClaimFacts facts(Centre centre, RuleSet ruleSet) {
        List<EqaVisit> completed = visits.findByCentreIdAndOutcomeIsNotNullOrderByVisitedOnDescIdDesc(centre.getId());
        long openActions = completed.isEmpty() ? 0
                : actions.countByVisitIdInAndOpenTrue(completed.stream().map(EqaVisit::getId).toList());
        LocalDate today = LocalDate.now(clock);
        List<StaffEligibilityRequest> iqas = staff.findByCentreIdOrderByName(centre.getId()).stream()
                .filter(s -> s.getRole() == StaffRole.IQA).map(s -> StaffEligibilityRequest.of(s, today)).toList();
        int qualifiedIqas = iqas.isEmpty() ? 0 : (int) ruleSet.staffEligibilities(iqas).stream()
                .filter(e -> e.eligible() && e.conditions().isEmpty()).count();
        return new DirectClaimFacts(centre.isDirectClaimStatus(),
                completed.stream().map(v -> VisitOutcome.valueOf(v.getOutcome().name())).toList(), (int) openActions,
                everyActiveAssessorSampled(centre), qualifiedIqas);
    }

    /**
     * Every assessor who has made decisions at the centre has had at least one of them sampled by an IQA. Asked of
     * the database for this centre alone: every centre view asks it.
     */
    private boolean everyActiveAssessorSampled(Centre centre) {
        return decisions.findAssessorsNeverSampledAtCentre(centre.getId()).isEmpty();
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
