package org.qaflow.assessment;

import org.qaflow.catalogue.AssessmentCriterion;
import org.qaflow.catalogue.LearningOutcome;
import org.qaflow.catalogue.Unit;
import org.qaflow.catalogue.UnitRepository;
import org.qaflow.centre.StaffMember;
import org.qaflow.learner.*;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.qaflow.notification.Notice;
import org.qaflow.problem.BadRequestException;
import org.qaflow.problem.HumanText;
import org.qaflow.problem.Violations;
import org.qaflow.problem.ConflictException;
import org.qaflow.problem.NotFoundException;
import org.qaflow.rules.EligibilityResult;
import org.qaflow.rules.IqaSamplingRequest;
import org.qaflow.rules.IqaSamplingResult;
import org.qaflow.rules.RuleEngine;
import org.qaflow.rules.StaffEligibilityRequest;
import org.qaflow.security.AppUser;
import org.qaflow.task.TaskDone;
import org.qaflow.task.Tasks;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.*;
import java.util.stream.Collectors;

/** The assessor's part: evidence per assessment criterion, sign-off, and what happens to a signed-off unit. */
@Service
@Transactional
public class AssessmentService {

    /** Referrals within this window raise the assessor's IQA sampling rate (the impact preview counts them alike). */
    public static final Duration RECENT_REFERRALS = Duration.ofDays(90);

    private final ClaimRepository claims;
    private final ClaimUnitRepository claimUnits;
    private final UnitRepository units;
    private final EvidenceRepository evidence;
    private final AssessmentDecisionRepository decisions;
    private final RuleEngine rules;
    private final Tasks tasks;
    private final Timeline timeline;
    private final ApplicationEventPublisher events;
    private final Validator validator;
    private final Clock clock;
    private final RegistrationService registration;
    @PersistenceContext
    private EntityManager entityManager;

    public AssessmentService(ClaimRepository claims, ClaimUnitRepository claimUnits, UnitRepository units,
                             EvidenceRepository evidence, AssessmentDecisionRepository decisions, RuleEngine rules,
                             Tasks tasks, Timeline timeline, ApplicationEventPublisher events, Clock clock,
                             Validator validator, RegistrationService registration) {
        this.registration = registration;
        this.claims = claims;
        this.claimUnits = claimUnits;
        this.units = units;
        this.evidence = evidence;
        this.decisions = decisions;
        this.rules = rules;
        this.tasks = tasks;
        this.timeline = timeline;
        this.events = events;
        this.clock = clock;
        this.validator = validator;
    }

    /**
     * criterion: the criterion's key, or its number where that names only one criterion of the unit. judgement and
     * feedback are optional: absent, the criterion is not judged yet, and a sign-off counts it as met.
     */
    public record EvidenceEntry(@NotBlank(message = "required, e.g. 1.1") @HumanText(max = 10) String criterion,
                                @NotNull(message = "required: how the evidence was gathered, e.g. OBSERVATION")
                                EvidenceMethod method,
                                @NotBlank(message = "required: where the evidence is in the portfolio")
                                @HumanText(max = 500, multiline = true) String location,
                                Judgement judgement,
                                @HumanText(max = 2000, multiline = true) String feedback) {

        public EvidenceEntry(String criterion, EvidenceMethod method, String location) {
            this(criterion, method, location, null, null);
        }
    }

    public List<Evidence> recordEvidence(long claimId, String unitRef, List<EvidenceEntry> entries, AppUser user) {
        ClaimUnit claimUnit = assessable(claimId, unitRef, user);
        Unit unit = units.findById(claimUnit.getUnitRef()).orElseThrow();
        if (entries == null || entries.isEmpty()) {
            throw new BadRequestException("No evidence given for " + unitRef);
        }
        List<Evidence> saved = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            EvidenceEntry e = entries.get(i);
            String where = "evidence[" + i + "]";
            var invalid = Violations.of(validator.validate(e));
            if (!invalid.isEmpty()) {
                throw new BadRequestException(invalid.stream().map(p -> where + "." + p)
                        .collect(Collectors.joining("; ")));
            }
            AssessmentCriterion criterion = criterionOf(unit, e.criterion(), where);
            LearningOutcome outcome = criterion.getOutcome();
            if (e.method() == EvidenceMethod.SIMULATION && !outcome.isSimulationAllowed()) {
                throw new BadRequestException(where + ": simulation is not allowed for " + unit.getRef() + " LO"
                        + outcome.getNumber() + " (criterion " + e.criterion() + "); the unit's assessor guidance "
                        + "permits it only where stated");
            }
            String feedback = e.feedback() == null || e.feedback().isBlank() ? null : e.feedback().trim();
            if (e.judgement() == Judgement.NOT_YET_MET && feedback == null) {
                throw new BadRequestException(where + ".feedback: required when the judgement is NOT_YET_MET: tell "
                        + "the learner what is still needed for criterion " + e.criterion());
            }
            saved.add(evidence.save(new Evidence(claimUnit.getId(), criterion.getKey(), criterion.getNumber(),
                    outcome.getNumber(), e.method(), e.location().trim(), e.judgement(), feedback,
                    user.getUsername(), Instant.now(clock))));
        }
        timeline.record(claimUnit.getClaim(), claimUnit.getUnitRef(), user.getUsername(), "progress saved",
                saved.size() + " criteria: " + saved.stream().map(ev -> ev.getCriterionKey()
                        + (ev.getJudgement() == null ? "" : " (" + ev.getJudgement().words() + ")"))
                        .collect(Collectors.joining(", ")), null);
        return saved;
    }

    /** One criterion as it stands: the latest entry of the evidence log, or nothing recorded yet (method null). */
    public record CriterionState(String criterion, String number, String text, EvidenceMethod method, String location,
                                 Judgement judgement, String feedback, String recordedBy, Instant recordedAt) {
    }

    /** Every criterion of the unit, in the specification's order, with its latest evidence and judgement. */
    @Transactional(readOnly = true)
    public List<CriterionState> criteria(Claim claim, String unitRef) {
        ClaimUnit claimUnit = claim.unit(unitRef).orElseThrow(() -> new NotFoundException("Claim " + claim.getId()
                + " has no unit " + unitRef + "; its units are "
                + claim.getUnits().stream().map(ClaimUnit::getUnitRef).toList()));
        Map<String, Evidence> latest = new HashMap<>();
        evidenceFor(claimUnit).forEach(e -> latest.put(e.getCriterionKey(), e));
        return units.findById(claimUnit.getUnitRef()).orElseThrow().getCriteria().stream().map(c -> {
            Evidence e = latest.get(c.getKey());
            return e == null ? new CriterionState(c.getKey(), c.getNumber(), c.getText(), null, null, null, null, null,
                    null) : new CriterionState(c.getKey(), c.getNumber(), c.getText(), e.getMethod(), e.getLocation(),
                    e.getJudgement(), e.getFeedback(), e.getRecordedBy(), e.getRecordedAt());
        }).toList();
    }

    public List<Evidence> evidenceFor(ClaimUnit claimUnit) {
        return evidence.findByClaimUnitIdOrderById(claimUnit.getId());
    }

    /** Signs off the given units (or, when none are named, every unit still with the assessor) all at once. */
    public List<String> signOff(long claimId, List<String> unitRefs, AppUser user) {
        Claim claim = claim(claimId);
        // Sign-offs of one claim take turns (a double click, two tabs, a retry): the later one reads the units as the
        // earlier one left them and is told they are no longer with the assessor, instead of failing on the version.
        // The row is locked before the claim and its units are read again (refreshing with a lock mode would load the
        // units first, unlocked, and so stale).
        entityManager.createNativeQuery("select id from claim where id = ? for update").setParameter(1, claimId)
                .getResultList();
        entityManager.refresh(claim);
        List<String> refs = unitRefs == null || unitRefs.isEmpty()
                ? claim.getUnits().stream().filter(AssessmentService::withAssessor).map(ClaimUnit::getUnitRef).toList()
                : unitRefs;
        if (refs.isEmpty()) {
            throw new ConflictException("Claim " + claimId + " has no unit waiting for the assessor's sign-off");
        }
        requireStillEligible(claim, user);
        for (String ref : refs) {
            signOffUnit(claim, ref, user);
        }
        return refs;
    }

    /**
     * Eligibility is judged again at sign-off, for today: an assessor whose CPD has lapsed, who has abandoned their
     * qualification or declared an interest since registration, or who was deactivated, signs nothing off; the
     * provider reassigns the learner.
     */
    private void requireStillEligible(Claim claim, AppUser user) {
        StaffMember assessor = claim.getAssessor();
        if (!user.getUsername().equals(assessor.getUsername())) {
            throw new AccessDeniedException("Only the learner's assigned assessor may assess claim " + claim.getId());
        }
        EligibilityResult eligibility = registration.assessorEligibility(claim, assessor);
        if (!eligibility.eligible()) {
            throw new ConflictException(assessor.getName() + " is no longer eligible to assess this learner and "
                    + "cannot sign off: " + String.join("; ", eligibility.reasons()) + " (rule set "
                    + eligibility.ruleSetVersion() + "). The provider can reassign the learner to another assessor");
        }
    }

    private void signOffUnit(Claim claim, String unitRef, AppUser user) {
        ClaimUnit claimUnit = assessable(claim.getId(), unitRef, user);
        Unit unit = units.findById(claimUnit.getUnitRef()).orElseThrow();
        List<Evidence> recorded = evidenceFor(claimUnit);
        // The log keeps every edit; what counts is the latest entry per criterion.
        Map<String, Evidence> latest = new HashMap<>();
        recorded.forEach(e -> latest.put(e.getCriterionKey(), e));
        List<String> missing = unit.getCriteria().stream().filter(c -> !latest.containsKey(c.getKey()))
                .map(AssessmentService::describe).toList();
        List<String> notMet = unit.getCriteria().stream().filter(c -> latest.containsKey(c.getKey())
                        && latest.get(c.getKey()).getJudgement() == Judgement.NOT_YET_MET)
                .map(c -> c.getKey() + " \"" + c.getText() + "\" (still needed: "
                        + latest.get(c.getKey()).getFeedback() + ")").toList();
        if (!missing.isEmpty() || !notMet.isEmpty()) {
            List<String> why = new ArrayList<>();
            if (!missing.isEmpty()) {
                why.add("no evidence yet for criteria " + String.join(", ", missing));
            }
            if (!notMet.isEmpty()) {
                why.add("not yet met: " + String.join("; ", notMet));
            }
            throw new BadRequestException(unit.getRef() + " cannot be signed off until every criterion is met: "
                    + String.join("; and ", why));
        }
        latest.values().forEach(Evidence::metAtSignOff);
        boolean simulated = recorded.stream().anyMatch(e -> e.getMethod() == EvidenceMethod.SIMULATION);
        Instant now = Instant.now(clock);
        claimUnit.setSignedOffAt(now);
        decisions.save(new AssessmentDecision(claimUnit.getId(), claim.getAssessor().getId(), now, simulated));
        timeline.record(claim, unit.getRef(), user.getUsername(), "unit signed off by the assessor",
                "every assessment criterion met", null);
        var task = tasks.find(user, Tasks.ASSESS_UNIT, "claimUnitId", claimUnit.getId())
                .orElseThrow(() -> new ConflictException("There is no open assessment task for " + unit.getRef()
                        + " of claim " + claim.getId()));
        events.publishEvent(new TaskDone(task.getId(), user, Map.of()));
    }

    /** Called by the process after sign-off: the sampling rules decide whether an IQA looks at the decision. */
    public boolean decideIqaSampling(long claimUnitId) {
        ClaimUnit claimUnit = claimUnits.findById(claimUnitId).orElseThrow();
        Claim claim = claimUnit.getClaim();
        AssessmentDecision decision = decisions.findFirstByClaimUnitIdOrderByIdDesc(claimUnitId).orElseThrow();
        StaffMember assessor = claim.getAssessor();
        var eligibility = rules.staffEligibility(StaffEligibilityRequest.of(assessor, LocalDate.now(clock)));
        IqaSamplingResult result = rules.iqaSampling(new IqaSamplingRequest(decision.getId(),
                !eligibility.conditions().isEmpty(),
                (int) decisions.countByAssessorIdAndIdLessThan(assessor.getId(), decision.getId()),
                decision.isSimulatedEvidence(),
                (int) decisions.countReferralsSince(assessor.getId(), Instant.now(clock).minus(RECENT_REFERRALS)),
                claim.getCentre().getRiskRating()));
        String reasons = String.join("; ", result.reasons());
        decision.sampling(result.sampled(), reasons, String.valueOf(result.ruleSetVersion()));
        timeline.record(claim, claimUnit.getUnitRef(), "rules",
                result.sampled() ? "sampled for IQA" : "not sampled for IQA",
                reasons + " (rules fired: " + String.join(", ", result.firedRules()) + ")",
                String.valueOf(result.ruleSetVersion()));
        if (result.sampled()) {
            events.publishEvent(new Notice.SampledForIqa(claimUnitId));
        }
        return result.sampled();
    }

    /** Called by the process once the unit needs nothing more from assessor or IQA. */
    public void unitVerified(long claimUnitId) {
        ClaimUnit claimUnit = claimUnits.findById(claimUnitId).orElseThrow();
        claimUnit.setStatus(UnitStatus.VERIFIED);
        claimUnit.setVerifiedAt(Instant.now(clock));
        timeline.record(claimUnit.getClaim(), claimUnit.getUnitRef(), "workflow", "unit verified", null, null);
    }

    private ClaimUnit assessable(long claimId, String unitRef, AppUser user) {
        Claim claim = claim(claimId);
        if (claim.getAssessor().getUsername() == null || !claim.getAssessor().getUsername().equals(user.getUsername())) {
            throw new AccessDeniedException("Only the learner's assigned assessor may assess claim " + claimId);
        }
        if (claim.getStatus() == ClaimStatus.WITHDRAWN) {
            throw new ConflictException("Claim " + claimId + " is withdrawn: the learner left the qualification");
        }
        ClaimUnit claimUnit = claim.unit(unitRef).orElseThrow(() -> new NotFoundException(
                "Claim " + claimId + " has no unit " + unitRef + "; its units are "
                        + claim.getUnits().stream().map(ClaimUnit::getUnitRef).toList()));
        if (!withAssessor(claimUnit)) {
            throw new ConflictException(claimUnit.getUnitRef() + " of claim " + claimId + " is "
                    + claimUnit.getStatus().words() + "; it is not with the assessor now");
        }
        return claimUnit;
    }

    private static boolean withAssessor(ClaimUnit unit) {
        return unit.getSignedOffAt() == null || unit.getStatus() == UnitStatus.REFERRED_BACK;
    }

    private Claim claim(long claimId) {
        return claims.findById(claimId).orElseThrow(() -> new NotFoundException("There is no claim " + claimId));
    }

    /** By key; a number only where it names one criterion, since the spec numbers two of L4C7's criteria "1.4". */
    private static AssessmentCriterion criterionOf(Unit unit, String given, String where) {
        List<AssessmentCriterion> all = unit.getCriteria();
        Optional<AssessmentCriterion> byKey = all.stream().filter(c -> c.getKey().equals(given)).findFirst();
        if (byKey.isPresent()) {
            return byKey.get();
        }
        List<AssessmentCriterion> byNumber = all.stream().filter(c -> c.getNumber().equals(given)).toList();
        if (byNumber.size() == 1) {
            return byNumber.get(0);
        }
        if (byNumber.isEmpty()) {
            throw new BadRequestException(where + ": " + unit.getRef() + " has no assessment criterion " + given);
        }
        throw new BadRequestException(where + ": " + unit.getRef() + " has " + byNumber.size()
                + " different criteria numbered " + given + " in the specification; name one by its key: "
                + byNumber.stream().map(AssessmentService::describe).collect(Collectors.joining("; ")));
    }

    /** The key, with the spec's number and text where the key is not simply the number. */
    private static String describe(AssessmentCriterion c) {
        return c.getKey().equals(c.getNumber()) ? c.getKey()
                : c.getKey() + " (numbered " + c.getNumber() + " in the specification: \"" + c.getText() + "\")";
    }
}
