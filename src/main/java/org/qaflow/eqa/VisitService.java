package org.qaflow.eqa;

import jakarta.validation.constraints.NotNull;
import org.qaflow.assessment.EvidenceRepository;
import org.qaflow.centre.Centre;
import org.qaflow.centre.CentreRepository;
import org.qaflow.learner.*;
import org.qaflow.notification.Notice;
import org.qaflow.problem.HumanText;
import org.qaflow.problem.BadRequestException;
import org.qaflow.problem.ConflictException;
import org.qaflow.problem.NotFoundException;
import org.qaflow.rules.EqaCandidate;
import org.qaflow.rules.EqaSampleRequest;
import org.qaflow.rules.EqaSampleResult;
import org.qaflow.rules.EqaReleaseDecision;
import org.qaflow.rules.EqaReleaseRequest;
import org.qaflow.rules.RuleEngine;
import org.qaflow.rules.VisitOutcome;
import org.qaflow.security.AppUser;
import org.qaflow.security.AppUserRepository;
import org.qaflow.security.Role;
import org.qaflow.task.TaskDone;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.*;
import java.util.stream.Collectors;

/**
 * External quality assurance of every centre: its appointed EQA, visits at least yearly (direct claim status or not),
 * and, for a centre without direct claim status, the release of its claims: the release rules say whether the EQA
 * releases them at a visit or remotely, the sampling rules choose which claims the EQA reviews, and the outcome
 * releases or holds every claim the review covered. The engine is moved by the workflow (VisitOpened, TaskDone).
 */
@Service
@Transactional
public class VisitService {

    /** How far ahead a visit may be planned. */
    static final int MAX_YEARS_AHEAD = 2;
    /** The spec asks for a visit at least yearly; the next one is opened a month before the year is up. */
    public static final int MONTHS_TO_NEXT_VISIT = 11;
    /** Claims whose units are verified and whose certificate waits for the EQA. */
    public static final Set<ClaimStatus> WAITING_FOR_RELEASE = EnumSet.of(ClaimStatus.AWAITING_FIRST_EQA_VISIT,
            ClaimStatus.AWAITING_EQA_RELEASE, ClaimStatus.HELD_BY_EQA);

    private final EqaVisitRepository visits;
    private final VisitSampleRepository samples;
    private final VisitActionRepository actions;
    private final CentreRepository centres;
    private final ClaimRepository claims;
    private final EvidenceRepository evidence;
    private final AppUserRepository users;
    private final RuleEngine rules;
    private final Timeline timeline;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final ConflictsOfInterest interests;
    @PersistenceContext
    private EntityManager entityManager;

    public VisitService(EqaVisitRepository visits, VisitSampleRepository samples, VisitActionRepository actions,
                        CentreRepository centres, ClaimRepository claims, EvidenceRepository evidence,
                        AppUserRepository users, RuleEngine rules, Timeline timeline,
                        ApplicationEventPublisher events, Clock clock, ConflictsOfInterest interests) {
        this.interests = interests;
        this.visits = visits;
        this.samples = samples;
        this.actions = actions;
        this.centres = centres;
        this.claims = claims;
        this.evidence = evidence;
        this.users = users;
        this.rules = rules;
        this.timeline = timeline;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Every approved centre has an EQA (the one with fewest centres is appointed) and a visit at least yearly.
     * @return when the centre's next visit falls due, or empty while one is open
     */
    public Optional<LocalDate> keepCovered(long centreId) {
        Centre centre = centres.findById(centreId).orElseThrow();
        lock(centre);
        if (centre.getEqaUsername() == null) {
            centre.setEqaUsername(leastLoadedEqa());
        }
        if (currentVisit(centre).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(visits.findByCentreIdAndOutcomeIsNotNullOrderByVisitedOnDescIdDesc(centreId).stream()
                .filter(v -> !v.isRemote()).findFirst()
                .map(v -> v.getVisitedOn().plusMonths(MONTHS_TO_NEXT_VISIT))
                .orElse(LocalDate.now(clock)));
    }

    /** The yearly visit falls due: open it for the centre's EQA to plan, unless one is already open. */
    public Optional<EqaVisit> openVisitIfNoneOpen(long centreId, String actor) {
        Centre centre = centres.findById(centreId).orElseThrow();
        lock(centre);
        if (centre.getEqaUsername() == null || currentVisit(centre).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(openVisit(centre));
    }

    /** The centre's EQA (or the quality manager) opens a visit now, ahead of the yearly one. */
    public EqaVisit openVisitNow(Centre centre, AppUser user) {
        if (user.getRole() != Role.QUALITY_MANAGER && !user.getUsername().equals(centre.getEqaUsername())) {
            throw new AccessDeniedException("Only the EQA appointed to centre " + centre.getCode()
                    + " or a quality manager may open a visit to it");
        }
        if (centre.getEqaUsername() == null) {
            throw new ConflictException("Centre " + centre.getCode() + " has no EQA appointed");
        }
        lock(centre);
        Optional<EqaVisit> open = currentVisit(centre);
        if (open.isPresent()) {
            throw new ConflictException("Centre " + centre.getCode() + " already has an EQA "
                    + (open.get().isRemote() ? "remote release review" : "visit") + " open (visit "
                    + open.get().getId() + ")");
        }
        return openVisit(centre);
    }

    private EqaVisit openVisit(Centre centre) {
        EqaVisit visit = visits.save(EqaVisit.toPlan(centre.getId(), centre.getEqaUsername(),
                LocalDate.now(clock).plusDays(30)));
        events.publishEvent(new VisitOpened(visit.getId(), centre.getEqaUsername(), false));
        return visit;
    }

    /**
     * A claim's units are verified and its centre has no direct claim status: it waits for the EQA's release. The
     * release rules say how the EQA releases this centre's claims; a visit or remote review is opened for them if
     * none is open, so no claim waits for a review that will never come.
     */
    public void claimWaiting(long claimId) {
        Claim claim = claims.findById(claimId).orElseThrow();
        Centre centre = claim.getCentre();
        lock(centre);
        List<EqaVisit> completed = completedVisits(centre);
        ClaimStatus status = completed.isEmpty() ? ClaimStatus.AWAITING_FIRST_EQA_VISIT
                : completed.get(0).getOutcome() == EqaVisit.Outcome.UNSATISFACTORY ? ClaimStatus.HELD_BY_EQA
                : completed.stream().anyMatch(v -> v.getOutcome() == EqaVisit.Outcome.SATISFACTORY)
                ? ClaimStatus.AWAITING_EQA_RELEASE : ClaimStatus.AWAITING_FIRST_EQA_VISIT;
        claim.setStatus(status);
        timeline.record(claim, null, "workflow", status.words(), "centre " + centre.getCode()
                + " has no direct claim status: its EQA releases the claim", null);
        events.publishEvent(new Notice.ClaimHeld(claimId, status.words() + ": " + centre.getName()
                + " has no direct claim status, so its EQA releases the certificate"));
        ensureReleaseReview(centre);
    }

    /** Opens a visit or remote review for the centre's claims waiting for release that no open review covers. */
    public void ensureReleaseReview(Centre centre) {
        lock(centre);
        if (centre.isDirectClaimStatus() || centre.getEqaUsername() == null || currentVisit(centre).isPresent()) {
            return;
        }
        List<Claim> uncovered = uncoveredWaiting(centre);
        if (uncovered.isEmpty()) {
            return;
        }
        EqaReleaseDecision decision = release(centre, uncovered.size());
        if (!decision.remote()) {
            EqaVisit visit = openVisit(centre);
            uncovered.forEach(c -> timeline.record(c, null, "rules", "EQA visit to be planned",
                    "visit " + visit.getId() + ": " + String.join("; ", decision.reasons()),
                    String.valueOf(decision.ruleSetVersion())));
            return;
        }
        EqaVisit review = visits.save(EqaVisit.remoteReview(centre.getId(), centre.getEqaUsername(),
                LocalDate.now(clock)));
        List<EqaSampleResult.Selected> chosen = rules.eqaReview(sampleable(assessedSinceLastVisit(centre, uncovered),
                        review.getEqaUsername()).stream()
                        .map(this::candidate).toList(),
                decision.reviewCount(), review.getId());
        for (EqaSampleResult.Selected selected : chosen) {
            samples.save(new VisitSample(review.getId(), Long.valueOf(selected.id()),
                    String.join("; ", selected.reasons())));
        }
        for (Claim claim : uncovered) {
            claim.setReleaseVisitId(review.getId());
            timeline.record(claim, null, "rules", "in a remote release review by the EQA", "review " + review.getId()
                    + ": " + String.join("; ", decision.reasons()), String.valueOf(decision.ruleSetVersion()));
        }
        events.publishEvent(new VisitOpened(review.getId(), centre.getEqaUsername(), true));
    }

    private EqaReleaseDecision release(Centre centre, int waiting) {
        return rules.eqaRelease(releaseRequest(centre, waiting));
    }

    private EqaReleaseRequest releaseRequest(Centre centre, int waiting) {
        List<EqaVisit> completed = completedVisits(centre);
        int satisfactory = (int) completed.stream().filter(v -> v.getOutcome() == EqaVisit.Outcome.SATISFACTORY).count();
        return new EqaReleaseRequest(satisfactory,
                completed.isEmpty() ? null : VisitOutcome.valueOf(completed.get(0).getOutcome().name()), waiting);
    }

    /**
     * What the EQA samples at a centre now, for the impact preview: its claims waiting for release (with the release
     * rules' facts where the centre has no direct claim status), or else, as plan does, its claims with a signed-off
     * unit; the seed is the open visit's, as its sample would be drawn, or the centre's while none is open.
     */
    record ReviewCohort(boolean waiting, List<Claim> claims, List<EqaCandidate> candidates,
                        EqaReleaseRequest release, long seed) {
    }

    ReviewCohort reviewCohort(Centre centre) {
        List<Claim> waiting = claims.findByCentreIdAndStatusIn(centre.getId(), WAITING_FOR_RELEASE).stream()
                .sorted(Comparator.comparing(Claim::getId)).toList();
        List<Claim> cohort = !waiting.isEmpty() ? waiting : claims.findByCentreIdOrderById(centre.getId()).stream()
                .filter(c -> c.getUnits().stream().anyMatch(u -> u.getSignedOffAt() != null)).toList();
        EqaReleaseRequest release = waiting.isEmpty() || centre.isDirectClaimStatus() ? null
                : releaseRequest(centre, waiting.size());
        return new ReviewCohort(!waiting.isEmpty(), cohort, cohort.stream().map(this::candidate).toList(), release,
                currentVisit(centre).map(EqaVisit::getId).orElse(centre.getId()));
    }

    /**
     * The EQA fixes the date. The sampling rules choose, among the centre's claims waiting for release, which the
     * EQA will review; the visit's outcome releases or holds all of those waiting claims. With none waiting (a
     * centre with direct claim status, say) the sample is drawn from the claims with assessment decisions.
     */
    public EqaSampleResult plan(String taskId, long visitId, LocalDate date, AppUser user) {
        EqaVisit visit = ownVisit(visitId, user, EqaVisit.Status.PLANNING);
        if (date == null) {
            throw new BadRequestException("date: the visit date is required (yyyy-mm-dd)");
        }
        if (date.isBefore(LocalDate.now(clock))) {
            throw new BadRequestException("date: " + date + " is in the past");
        }
        // Visits are at least yearly; a date years away is a typo (or a year the database cannot even store).
        LocalDate latest = LocalDate.now(clock).plusYears(MAX_YEARS_AHEAD);
        if (date.isAfter(latest)) {
            throw new BadRequestException("date: " + date + " is more than " + MAX_YEARS_AHEAD
                    + " years ahead; plan the visit for " + latest + " or earlier");
        }
        Centre centre = centres.findById(visit.getCentreId()).orElseThrow();
        List<Claim> waiting = uncoveredWaiting(centre);
        List<Claim> cohort = !waiting.isEmpty() ? waiting : claims.findByCentreIdOrderById(centre.getId()).stream()
                .filter(c -> c.getUnits().stream().anyMatch(u -> u.getSignedOffAt() != null)).toList();
        EqaSampleResult sample = rules.eqaSample(new EqaSampleRequest(centre.getRiskRating(), visitId,
                sampleable(assessedSinceLastVisit(centre, cohort), user.getUsername()).stream()
                        .map(this::candidate).toList()));
        for (EqaSampleResult.Selected selected : sample.selected()) {
            samples.save(new VisitSample(visitId, Long.valueOf(selected.id()), String.join("; ", selected.reasons())));
        }
        for (Claim claim : waiting) {
            claim.setReleaseVisitId(visitId);
            timeline.record(claim, user.getUsername(), "EQA visit planned", "visit " + visitId + " on " + date
                    + " releases or holds this claim");
        }
        visit.plan(date);
        events.publishEvent(new Notice.VisitPlanned(centre.getId(), user.getUsername(), date));
        events.publishEvent(new TaskDone(taskId, user, Map.of()));
        return sample;
    }

    /**
     * The claims with an assessment decision since the centre's last completed visit: what that visit saw is not
     * sampled again, and a learner with nothing assessed has nothing to sample. The rules then choose among them.
     */
    private List<Claim> assessedSinceLastVisit(Centre centre, List<Claim> cohort) {
        Optional<Instant> since = completedVisits(centre).stream().findFirst().map(v -> v.getCompletedAt() != null
                ? v.getCompletedAt() : v.getVisitedOn().atStartOfDay(clock.getZone()).toInstant());
        return cohort.stream().filter(c -> c.getUnits().stream().map(ClaimUnit::getSignedOffAt)
                .anyMatch(at -> at != null && (since.isEmpty() || !at.isBefore(since.get())))).toList();
    }

    /**
     * The claims an EQA may sample: never one whose learner they declared a personal interest in. Such a claim is left
     * out of this EQA's sample rather than sent to another EQA: the sample is drawn to judge the centre's assessment
     * and quality assurance, which the other claims show as well, and a second EQA's review would hold that learner's
     * certificate back for a visit of its own. The claim is still released or held with the centre's other claims.
     */
    private List<Claim> sampleable(List<Claim> cohort, String eqa) {
        List<Claim> open = new ArrayList<>();
        for (Claim claim : cohort) {
            if (interests.declared(eqa, claim.getLearner())) {
                timeline.record(claim, null, "rules", "left out of the EQA sample",
                        eqa + " has declared a personal interest in the learner", null);
            } else {
                open.add(claim);
            }
        }
        return open;
    }

    private EqaCandidate candidate(Claim claim) {
        List<String> methods = claim.getUnits().stream()
                .flatMap(u -> evidence.findByClaimUnitIdOrderById(u.getId()).stream())
                .map(e -> e.getMethod().name()).distinct().toList();
        return new EqaCandidate(String.valueOf(claim.getId()), claim.getAssessor().getName(),
                claim.getUnits().stream().map(ClaimUnit::getUnitRef).toList(), methods, claim.getCentre().getCode());
    }

    public record Finding(@NotNull(message = "required: the id of a sampled item") Long sampleId,
                          @HumanText(max = 2000, multiline = true) String finding) {
    }

    /** An action for the centre: what, who at the centre owns it (a user name), and by when. */
    public record ActionRequest(@HumanText(max = 2000, multiline = true) String description,
                                @HumanText(max = 50) String owner, LocalDate due) {
    }

    /**
     * The visit form as far as the EQA got: findings, actions, outcome and report are kept without completing the
     * visit, so a reload (or a new login) shows them. Only what is there is checked; completing checks everything.
     */
    public void saveDraft(long visitId, EqaVisit.Outcome outcome, String report, List<Finding> findings,
                          List<ActionRequest> raisedActions, AppUser user) {
        EqaVisit visit = ownVisit(visitId, user, EqaVisit.Status.PLANNED);
        if (report != null) {
            HumanText.Check.require("report", report, 4000, true);
        }
        applyFindings(visitId, findings);
        if (raisedActions != null) {
            replaceActions(visit, raisedActions, false, user);
        }
        visit.saveDraft(outcome, report == null || report.isBlank() ? null : report.trim(), user.getUsername(),
                clock.instant());
    }

    /**
     * Completes the visit. visitedOn: the day it took place, by default the planned day (today when that is still
     * ahead); never in the future. findings and actions: null keeps what the draft holds.
     */
    public void conduct(String taskId, long visitId, EqaVisit.Outcome outcome, String report, LocalDate visitedOn,
                        List<Finding> findings, List<ActionRequest> raisedActions, AppUser user) {
        EqaVisit visit = ownVisit(visitId, user, EqaVisit.Status.PLANNED);
        if (outcome == null) {
            throw new BadRequestException("outcome: SATISFACTORY or UNSATISFACTORY is required");
        }
        if (report == null || report.isBlank()) {
            throw new BadRequestException("report: the EQA report is required");
        }
        HumanText.Check.require("report", report, 4000, true);
        LocalDate today = LocalDate.now(clock);
        LocalDate on = visitedOn != null ? visitedOn
                : visit.getPlannedFor().isAfter(today) ? today : visit.getPlannedFor();
        if (on.isAfter(today)) {
            throw new BadRequestException("visitedOn: " + on + " is in the future; the visit took place on "
                    + today + " or earlier");
        }
        applyFindings(visitId, findings);
        if (raisedActions != null) {
            replaceActions(visit, raisedActions, true, user);
        } else {
            List<VisitAction> drafted = actions.findByVisitIdOrderById(visitId);
            for (int i = 0; i < drafted.size(); i++) {
                VisitAction a = drafted.get(i);
                checkAction(i, visit, a.getOwnerUsername(), a.getDueOn());
            }
        }
        visit.record(on, outcome, report.trim(), clock.instant());
        events.publishEvent(new TaskDone(taskId, user, Map.of()));
    }

    private void applyFindings(long visitId, List<Finding> findings) {
        Map<Long, VisitSample> byId = samples.findByVisitIdOrderById(visitId).stream()
                .filter(s -> !s.isRemoved()).collect(Collectors.toMap(VisitSample::getId, s -> s));
        for (Finding f : findings == null ? List.<Finding>of() : findings) {
            VisitSample sampled = byId.get(f.sampleId());
            if (sampled == null) {
                throw new BadRequestException("findings: item " + f.sampleId() + " is not in this visit's sample "
                        + byId.keySet());
            }
            HumanText.Check.require("findings", f.finding(), 2000, true);
            sampled.setFinding(f.finding() == null || f.finding().isBlank() ? null : f.finding().trim());
        }
    }

    /** The visit's actions become those given (in the order given); complete: each needs an owner and a due date. */
    private void replaceActions(EqaVisit visit, List<ActionRequest> raised, boolean complete, AppUser user) {
        actions.deleteAll(actions.findByVisitIdOrderById(visit.getId()));
        actions.flush();
        for (int i = 0; i < raised.size(); i++) {
            ActionRequest a = raised.get(i);
            String where = "actions[" + i + "]";
            if (a == null || a.description() == null || a.description().isBlank()) {
                if (a != null && (a.owner() != null && !a.owner().isBlank() || a.due() != null)) {
                    throw new BadRequestException(where + ".description: say what the centre must do");
                }
                continue;
            }
            HumanText.Check.require(where + ".description", a.description(), 2000, true);
            String owner = a.owner() == null || a.owner().isBlank() ? null : a.owner().trim();
            if (owner != null && centreUsers(visit.getCentreId()).stream()
                    .noneMatch(u -> u.getUsername().equals(owner))) {
                throw new BadRequestException(where + ".owner: " + owner + " is not a person at the centre");
            }
            if (complete) {
                checkAction(i, visit, owner, a.due());
            }
            actions.save(new VisitAction(visit.getId(), a.description().trim(), owner, a.due(), user.getUsername(),
                    clock.instant()));
        }
    }

    private void checkAction(int i, EqaVisit visit, String owner, LocalDate due) {
        String where = "actions[" + i + "]";
        if (owner == null) {
            throw new BadRequestException(where + ".owner: choose the person at the centre who owns the action");
        }
        if (due == null) {
            throw new BadRequestException(where + ".due: the date the action is due (yyyy-mm-dd) is required");
        }
        if (due.isBefore(LocalDate.now(clock))) {
            throw new BadRequestException(where + ".due: " + due + " is in the past");
        }
    }

    /** Who may own an action: the centre's people (provider, assessors, IQAs) with a login, by name. */
    public List<AppUser> centreUsers(long centreId) {
        return users.findByCentreIdAndEnabledTrue(centreId).stream()
                .sorted(Comparator.comparing(AppUser::getDisplayName)).toList();
    }

    /**
     * The EQA adds a learner the rules did not choose, with the reason: only a claim of the centre with an
     * assessment decision (nothing assessed, nothing to sample), not already in the sample.
     */
    public VisitSample addToSample(long visitId, long claimId, String reason, AppUser user) {
        EqaVisit visit = ownVisit(visitId, user, EqaVisit.Status.PLANNED);
        String why = requireReason(reason);
        Claim claim = claims.findById(claimId).filter(c -> c.getCentre().getId().equals(visit.getCentreId()))
                .orElseThrow(() -> new BadRequestException("claimId: " + claimId + " is not a claim of this centre"));
        if (claim.getUnits().stream().allMatch(u -> u.getSignedOffAt() == null)) {
            throw new BadRequestException("claimId: learner " + claim.getLearner().getFirstName() + " "
                    + claim.getLearner().getLastName() + " has nothing assessed yet, so there is nothing to sample");
        }
        if (interests.declared(user.getUsername(), claim.getLearner())) {
            throw new BadRequestException("claimId: you declared a personal interest in this learner");
        }
        if (samples.findByVisitIdOrderById(visitId).stream()
                .anyMatch(s -> !s.isRemoved() && s.getClaimId().equals(claimId))) {
            throw new ConflictException("Claim " + claimId + " is already in the sample of visit " + visitId);
        }
        return samples.save(VisitSample.addedByEqa(visitId, claimId, why, user.getUsername(), clock.instant()));
    }

    /** The EQA takes a learner out of the sample, with the reason; the row stays, marked, for the report. */
    public VisitSample removeFromSample(long visitId, long sampleId, String reason, AppUser user) {
        ownVisit(visitId, user, EqaVisit.Status.PLANNED);
        String why = requireReason(reason);
        VisitSample sample = samples.findById(sampleId).filter(s -> s.getVisitId() == visitId)
                .orElseThrow(() -> new NotFoundException("Visit " + visitId + " has no sampled item " + sampleId));
        if (sample.isRemoved()) {
            throw new ConflictException("Item " + sampleId + " was already removed from the sample");
        }
        sample.remove(why, user.getUsername(), clock.instant());
        return sample;
    }

    private static String requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new BadRequestException("reason: say why the sample changes");
        }
        HumanText.Check.require("reason", reason, 2000, true);
        return reason.trim();
    }

    /** What a recorded outcome decided: the claims to release, and when the centre's next visit falls due. */
    public record OutcomeApplied(long centreId, List<Claim> released, Optional<LocalDate> nextVisitDue) {
    }

    /**
     * The outcome is recorded: a satisfactory one releases every claim the review covered, an unsatisfactory one
     * holds them (they wait on, for a satisfactory visit). The workflow then signals the released claims.
     */
    public OutcomeApplied applyOutcome(long visitId) {
        EqaVisit visit = visits.findById(visitId).orElseThrow();
        Centre centre = centres.findById(visit.getCentreId()).orElseThrow();
        boolean satisfactory = visit.getOutcome() == EqaVisit.Outcome.SATISFACTORY;
        String review = visit.isRemote() ? "remote release review " + visitId : "EQA visit " + visitId;
        List<Claim> released = new ArrayList<>();
        for (Claim claim : claims.findByReleaseVisitIdOrderById(visitId)) {
            if (!WAITING_FOR_RELEASE.contains(claim.getStatus())) {
                continue;
            }
            if (satisfactory) {
                released.add(claim);
                timeline.record(claim, visit.getEqaUsername(), "released by the EQA", review + " satisfactory");
            } else {
                claim.setStatus(ClaimStatus.HELD_BY_EQA);
                claim.setReleaseVisitId(null);
                timeline.record(claim, visit.getEqaUsername(), "held by the EQA", review
                        + " unsatisfactory: held until a satisfactory visit");
                events.publishEvent(new Notice.ClaimHeld(claim.getId(), ClaimStatus.HELD_BY_EQA.words()
                        + " (" + review + "); it waits for a satisfactory visit"));
            }
        }
        return new OutcomeApplied(centre.getId(), released, visit.isRemote() ? Optional.empty()
                : Optional.of(visit.getVisitedOn().plusMonths(MONTHS_TO_NEXT_VISIT)));
    }

    /** The centre's visits, latest planned first, a page at a time (paged in the database). */
    public org.springframework.data.domain.Page<EqaVisit> history(long centreId,
                                                                  org.springframework.data.domain.Pageable page) {
        return visits.findByCentreIdOrderByPlannedForDescIdDesc(centreId, page);
    }

    public List<VisitSample> sampleOf(long visitId) {
        return samples.findByVisitIdOrderById(visitId);
    }

    public List<VisitAction> actionsOf(long visitId) {
        return actions.findByVisitIdOrderById(visitId);
    }

    public List<Long> releasesOf(long visitId) {
        return claims.findByReleaseVisitIdOrderById(visitId).stream().map(Claim::getId).toList();
    }

    private List<Claim> uncoveredWaiting(Centre centre) {
        return claims.findByCentreIdAndStatusIn(centre.getId(), WAITING_FOR_RELEASE).stream()
                .filter(c -> c.getReleaseVisitId() == null).toList();
    }

    private List<EqaVisit> completedVisits(Centre centre) {
        return visits.findByCentreIdAndOutcomeIsNotNullOrderByVisitedOnDescIdDesc(centre.getId());
    }

    /**
     * Whoever opens a visit to a centre holds the centre's row until commit, so two at once (people, nodes, the
     * yearly job) take turns and the later one finds the visit the earlier one opened: one open visit per centre.
     */
    private void lock(Centre centre) {
        entityManager.lock(centre, LockModeType.PESSIMISTIC_WRITE);
    }

    private Optional<EqaVisit> currentVisit(Centre centre) {
        return visits.findByCentreIdOrderByPlannedForDesc(centre.getId()).stream()
                .filter(v -> v.getStatus() != EqaVisit.Status.COMPLETED).findFirst();
    }

    private EqaVisit ownVisit(long visitId, AppUser user, EqaVisit.Status expected) {
        EqaVisit visit = visits.findById(visitId)
                .orElseThrow(() -> new NotFoundException("There is no EQA visit " + visitId));
        // One planning or recording of a visit at a time: the later one sees the visit as the earlier one left it.
        entityManager.flush();
        entityManager.refresh(visit, LockModeType.PESSIMISTIC_WRITE);
        Centre centre = centres.findById(visit.getCentreId()).orElseThrow();
        if (!user.getUsername().equals(centre.getEqaUsername())) {
            throw new AccessDeniedException("Only the EQA appointed to centre " + centre.getCode()
                    + " may act on its visits");
        }
        if (visit.getStatus() != expected) {
            throw new ConflictException("EQA visit " + visitId + " is " + visit.getStatus().name().toLowerCase());
        }
        return visit;
    }

    private String leastLoadedEqa() {
        return users.findByRoleAndEnabledTrue(Role.EQA).stream()
                .min(Comparator.comparingInt((AppUser u) -> centres.findByEqaUsernameOrderByCode(u.getUsername()).size())
                        .thenComparing(AppUser::getUsername))
                .map(AppUser::getUsername)
                .orElseThrow(() -> new ConflictException("No EQA is available to appoint to the centre"));
    }
}
