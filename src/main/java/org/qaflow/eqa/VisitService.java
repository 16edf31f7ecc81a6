package org.qaflow.eqa;

import jakarta.validation.constraints.NotNull;
import org.qaflow.assessment.EvidenceRepository;
import org.qaflow.centre.Centre;
import org.qaflow.centre.CentreRepository;
import org.qaflow.certification.CertificationService;
import org.qaflow.learner.*;
import org.qaflow.problem.HumanText;
import org.qaflow.problem.BadRequestException;
import org.qaflow.problem.ConflictException;
import org.qaflow.problem.NotFoundException;
import org.qaflow.rules.EqaCandidate;
import org.qaflow.rules.EqaSampleRequest;
import org.qaflow.rules.EqaSampleResult;
import org.qaflow.rules.RuleEngine;
import org.qaflow.security.AppUser;
import org.qaflow.security.AppUserRepository;
import org.qaflow.security.Role;
import org.qaflow.workflow.JobScheduler;
import org.qaflow.workflow.ProcessGateway;
import org.qaflow.workflow.Tasks;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.LocalDate;
import java.util.*;
import java.util.stream.Collectors;

/** EQA visits to centres without direct claim status: appointment, planning with a rule-chosen sample, outcome. */
@Service
@Transactional
public class VisitService {

    public static final String VISIT_DUE = "VISIT_DUE";
    /** How far ahead a visit may be planned. */
    static final int MAX_YEARS_AHEAD = 2;
    /** The spec asks for a visit at least yearly; the next one is opened a month before the year is up. */
    private static final int MONTHS_TO_NEXT_VISIT = 11;

    private final EqaVisitRepository visits;
    private final VisitSampleRepository samples;
    private final VisitActionRepository actions;
    private final CentreRepository centres;
    private final ClaimRepository claims;
    private final EvidenceRepository evidence;
    private final AppUserRepository users;
    private final RuleEngine rules;
    private final ProcessGateway processes;
    private final Tasks tasks;
    private final Timeline timeline;
    private final CertificationService certification;
    private final JobScheduler jobs;
    private final Clock clock;
    @PersistenceContext
    private EntityManager entityManager;

    public VisitService(EqaVisitRepository visits, VisitSampleRepository samples, VisitActionRepository actions,
                        CentreRepository centres, ClaimRepository claims, EvidenceRepository evidence,
                        AppUserRepository users, RuleEngine rules, ProcessGateway processes, Tasks tasks,
                        Timeline timeline, CertificationService certification, JobScheduler jobs, Clock clock) {
        this.visits = visits;
        this.samples = samples;
        this.actions = actions;
        this.centres = centres;
        this.claims = claims;
        this.evidence = evidence;
        this.users = users;
        this.rules = rules;
        this.processes = processes;
        this.tasks = tasks;
        this.timeline = timeline;
        this.certification = certification;
        this.jobs = jobs;
        this.clock = clock;
    }

    /**
     * A centre without direct claim status registering its first learner: appoint its EQA if it has none (the EQA
     * with fewest centres) and give the EQA the task of planning the first visit.
     */
    public void onFirstRegistration(Centre centre, Claim firstClaim, String actor) {
        lock(centre);
        if (centre.getEqaUsername() == null) {
            centre.setEqaUsername(leastLoadedEqa());
            timeline.record(firstClaim, "workflow", "EQA appointed to the centre", centre.getEqaUsername());
        }
        if (openVisit(centre).isEmpty() && visits.findByCentreIdOrderByPlannedForDesc(centre.getId()).isEmpty()) {
            openVisit(centre, actor);
            timeline.record(firstClaim, "workflow", "first EQA visit to be planned", "by " + centre.getEqaUsername());
        }
    }

    /** Opens the next visit for the centre's EQA to plan, unless one is already open. */
    public Optional<EqaVisit> openVisitIfNoneOpen(long centreId, String actor) {
        Centre centre = centres.findById(centreId).orElseThrow();
        lock(centre);
        if (centre.isDirectClaimStatus() || centre.getEqaUsername() == null || openVisit(centre).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(openVisit(centre, actor));
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
        if (openVisit(centre).isPresent()) {
            throw new ConflictException("Centre " + centre.getCode() + " already has an EQA visit open (visit "
                    + openVisit(centre).get().getId() + ")");
        }
        return openVisit(centre, user.getUsername());
    }

    private EqaVisit openVisit(Centre centre, String actor) {
        EqaVisit visit = visits.save(EqaVisit.toPlan(centre.getId(), centre.getEqaUsername(),
                LocalDate.now(clock).plusDays(30)));
        visit.setProcessInstanceId(processes.startEqaVisit(visit.getId(), centre.getEqaUsername()));
        return visit;
    }

    /** The EQA fixes the date; the sampling rules choose which claims the EQA will review, each with its reasons. */
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
        List<Claim> cohort = claims.findByCentreIdOrderById(centre.getId());
        EqaSampleResult sample = rules.eqaSample(new EqaSampleRequest(centre.getRiskRating(), visitId,
                cohort.stream().map(this::candidate).toList()));
        for (EqaSampleResult.Selected selected : sample.selected()) {
            samples.save(new VisitSample(visitId, Long.valueOf(selected.id()), String.join("; ", selected.reasons())));
        }
        visit.plan(date);
        tasks.complete(taskId, user, Map.of());
        return sample;
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

    public void conduct(String taskId, long visitId, EqaVisit.Outcome outcome, String report, List<Finding> findings,
                        List<String> raisedActions, AppUser user) {
        EqaVisit visit = ownVisit(visitId, user, EqaVisit.Status.PLANNED);
        if (outcome == null) {
            throw new BadRequestException("outcome: SATISFACTORY or UNSATISFACTORY is required");
        }
        if (report == null || report.isBlank()) {
            throw new BadRequestException("report: the EQA report is required");
        }
        HumanText.Check.require("report", report, 4000, true);
        Map<Long, VisitSample> byId = samples.findByVisitIdOrderById(visitId).stream()
                .collect(Collectors.toMap(VisitSample::getId, s -> s));
        for (Finding f : findings == null ? List.<Finding>of() : findings) {
            VisitSample sampled = byId.get(f.sampleId());
            if (sampled == null) {
                throw new BadRequestException("findings: item " + f.sampleId() + " is not in this visit's sample "
                        + byId.keySet());
            }
            HumanText.Check.require("findings", f.finding(), 2000, true);
            sampled.setFinding(f.finding());
        }
        for (String action : raisedActions == null ? List.<String>of() : raisedActions) {
            HumanText.Check.require("actions", action, 2000, true);
            if (action != null && !action.isBlank()) {
                actions.save(new VisitAction(visitId, action.trim()));
            }
        }
        visit.record(LocalDate.now(clock), outcome, report.trim());
        tasks.complete(taskId, user, Map.of());
    }

    /** Called by the process when the visit is recorded: release or hold the claims waiting on it. */
    public void applyOutcome(long visitId) {
        EqaVisit visit = visits.findById(visitId).orElseThrow();
        Centre centre = centres.findById(visit.getCentreId()).orElseThrow();
        List<Claim> waiting = claims.findByCentreIdAndStatusIn(centre.getId(),
                EnumSet.of(ClaimStatus.AWAITING_FIRST_EQA_VISIT, ClaimStatus.HELD_BY_EQA));
        for (Claim claim : waiting) {
            timeline.record(claim, visit.getEqaUsername(), "EQA visit " + visit.getOutcome().name().toLowerCase(),
                    visit.getOutcome() == EqaVisit.Outcome.SATISFACTORY ? "claims released" : "claims held");
        }
        certification.reconsiderCentre(centre, visit.getEqaUsername());
        jobs.schedule(VISIT_DUE, centre.getId(), visit.getVisitedOn().plusMonths(MONTHS_TO_NEXT_VISIT));
    }

    public List<VisitSample> sampleOf(long visitId) {
        return samples.findByVisitIdOrderById(visitId);
    }

    public List<VisitAction> actionsOf(long visitId) {
        return actions.findByVisitIdOrderById(visitId);
    }

    /**
     * Whoever opens a visit to a centre holds the centre's row until commit, so two at once (people, nodes, the
     * yearly job) take turns and the later one finds the visit the earlier one opened: one open visit per centre.
     */
    private void lock(Centre centre) {
        entityManager.lock(centre, LockModeType.PESSIMISTIC_WRITE);
    }

    private Optional<EqaVisit> openVisit(Centre centre) {
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
        return users.findAll().stream().filter(u -> u.getRole() == Role.EQA && u.isEnabled())
                .min(Comparator.comparingInt((AppUser u) -> centres.findByEqaUsernameOrderByCode(u.getUsername()).size())
                        .thenComparing(AppUser::getUsername))
                .map(AppUser::getUsername)
                .orElseThrow(() -> new ConflictException("No EQA is available to appoint to the centre"));
    }
}
