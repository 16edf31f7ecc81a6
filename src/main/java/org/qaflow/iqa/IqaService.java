package org.qaflow.iqa;

import org.qaflow.assessment.AssessmentDecision;
import org.qaflow.assessment.AssessmentDecisionRepository;
import org.qaflow.catalogue.UnitCategory;
import org.qaflow.catalogue.UnitRepository;
import org.qaflow.centre.StaffMember;
import org.qaflow.centre.StaffRepository;
import org.qaflow.learner.*;
import org.qaflow.notification.Notice;
import org.qaflow.problem.BadRequestException;
import org.qaflow.problem.HumanText;
import org.qaflow.problem.ConflictException;
import org.qaflow.rules.EligibilityResult;
import org.qaflow.rules.RuleEngine;
import org.qaflow.rules.StaffEligibilityRequest;
import org.qaflow.security.AppUser;
import org.qaflow.task.TaskDone;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/** The IQA's part: verify a sampled assessment decision (accept, or refer back with a reason) and countersign. */
@Service
@Transactional
public class IqaService {

    private final ClaimUnitRepository claimUnits;
    private final AssessmentDecisionRepository decisions;
    private final StaffRepository staff;
    private final UnitRepository units;
    private final org.qaflow.learner.ConflictsOfInterest interests;
    private final RuleEngine rules;
    private final ApplicationEventPublisher events;
    private final Timeline timeline;
    private final Clock clock;

    public IqaService(ClaimUnitRepository claimUnits, AssessmentDecisionRepository decisions, StaffRepository staff,
                      UnitRepository units, org.qaflow.learner.ConflictsOfInterest interests, RuleEngine rules,
                      ApplicationEventPublisher events, Timeline timeline, Clock clock) {
        this.claimUnits = claimUnits;
        this.decisions = decisions;
        this.staff = staff;
        this.units = units;
        this.interests = interests;
        this.rules = rules;
        this.events = events;
        this.timeline = timeline;
        this.clock = clock;
    }

    public void verify(String taskId, long claimUnitId, boolean accept, String reason, AppUser user) {
        ClaimUnit claimUnit = claimUnits.findById(claimUnitId).orElseThrow();
        Claim claim = claimUnit.getClaim();
        StaffMember iqa = eligibleIqa(user, claimUnit);
        if (!accept && (reason == null || reason.isBlank())) {
            throw new BadRequestException("A referral back to the assessor needs a reason");
        }
        HumanText.Check.require("reason", reason, 2000, true);
        AssessmentDecision decision = decisions.findFirstByClaimUnitIdOrderByIdDesc(claimUnitId).orElseThrow();
        decision.iqaVerdict(user.getUsername(), accept ? AssessmentDecision.IqaOutcome.ACCEPTED
                : AssessmentDecision.IqaOutcome.REFERRED, reason, Instant.now(clock));
        timeline.record(claim, claimUnit.getUnitRef(), user.getUsername(),
                accept ? "IQA accepted the assessment decision" : "referred back to the assessor",
                accept ? reason : reason.trim(), null);
        if (!accept) {
            events.publishEvent(new Notice.ReferredBack(claimUnitId, user.getUsername(), reason.trim()));
        }
        events.publishEvent(new TaskDone(taskId, user, Map.of("accepted", accept)));
    }

    /** Called by the process after an acceptance: a working-towards IQA's decision needs a qualified countersignature. */
    public boolean needsCountersignature(long claimUnitId) {
        ClaimUnit claimUnit = claimUnits.findById(claimUnitId).orElseThrow();
        AssessmentDecision decision = decisions.findFirstByClaimUnitIdOrderByIdDesc(claimUnitId).orElseThrow();
        if (decision.getIqaOutcome() != AssessmentDecision.IqaOutcome.ACCEPTED) {
            return false;
        }
        StaffMember iqa = staff.findByUsername(decision.getIqaUsername()).orElseThrow();
        EligibilityResult eligibility = eligibility(iqa, false, false, false);
        boolean needed = !eligibility.conditions().isEmpty();
        if (needed) {
            timeline.record(claimUnit.getClaim(), claimUnit.getUnitRef(), "rules",
                    "awaiting a qualified IQA's countersignature", String.join("; ", eligibility.conditions()),
                    String.valueOf(eligibility.ruleSetVersion()));
            events.publishEvent(new Notice.CountersignNeeded(claimUnitId, decision.getIqaUsername()));
        }
        return needed;
    }

    public void countersign(String taskId, long claimUnitId, AppUser user) {
        ClaimUnit claimUnit = claimUnits.findById(claimUnitId).orElseThrow();
        StaffMember iqa = eligibleIqa(user, claimUnit);
        AssessmentDecision decision = decisions.findFirstByClaimUnitIdOrderByIdDesc(claimUnitId).orElseThrow();
        if (user.getUsername().equals(decision.getIqaUsername())) {
            throw new ConflictException("An IQA cannot countersign their own verification");
        }
        if (!eligibility(iqa, false, false, false).conditions().isEmpty()) {
            throw new AccessDeniedException(iqa.getName() + " is still working towards an IQA qualification and "
                    + "cannot countersign");
        }
        decision.countersign(user.getUsername(), Instant.now(clock));
        timeline.record(claimUnit.getClaim(), claimUnit.getUnitRef(), user.getUsername(),
                "IQA decision countersigned", "verified by " + decision.getIqaUsername(), null);
        events.publishEvent(new TaskDone(taskId, user, Map.of()));
    }

    private StaffMember eligibleIqa(AppUser user, ClaimUnit claimUnit) {
        Claim claim = claimUnit.getClaim();
        StaffMember iqa = staff.findByUsername(user.getUsername())
                .orElseThrow(() -> new AccessDeniedException(user.getUsername() + " is not a member of centre staff"));
        if (!iqa.isActive()) {
            throw new AccessDeniedException(iqa.getName() + " has been deactivated at centre "
                    + iqa.getCentre().getCode() + " and may not quality-assure this decision");
        }
        boolean interest = interests.declared(iqa, claim.getLearner());
        boolean ownDecision = iqa.getId().equals(claim.getAssessor().getId());
        // The specification asks sales-leadership competence of IQAs of leadership units as of their assessors.
        boolean leadership = units.findById(claimUnit.getUnitRef())
                .map(u -> u.getCategory() == UnitCategory.LEADERSHIP).orElse(false);
        EligibilityResult result = eligibility(iqa, leadership, interest, ownDecision);
        if (!result.eligible()) {
            throw new AccessDeniedException(iqa.getName() + " may not quality-assure this decision: "
                    + String.join("; ", result.reasons()) + " (rule set " + result.ruleSetVersion() + ")");
        }
        return iqa;
    }

    private EligibilityResult eligibility(StaffMember iqa, boolean leadership, boolean interest, boolean ownDecision) {
        return rules.staffEligibility(StaffEligibilityRequest.of(iqa, LocalDate.now(clock))
                .withAssignment(leadership, interest, ownDecision));
    }
}
