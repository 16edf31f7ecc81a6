package org.qaflow.eqa;

import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.qaflow.centre.Centre;
import org.qaflow.centre.CentreAccess;
import org.qaflow.centre.CentreRepository;
import org.qaflow.problem.HumanText;
import org.qaflow.problem.NotFoundException;
import org.qaflow.problem.Refuses;
import org.qaflow.security.AppUser;
import org.qaflow.security.CurrentUser;
import org.qaflow.security.People;
import org.qaflow.problem.Paging;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.*;

import java.time.LocalDate;
import java.util.List;

/** EQA visits of the centres the user may see: the sample the rules chose (and why), findings, actions, report. */
@RestController
@RequestMapping("/api/visits")
@Tag(name = "EQA visits")
@Transactional(readOnly = true)
public class VisitController {

    private final EqaVisitRepository visits;
    private final VisitService visitService;
    private final CentreRepository centres;
    private final CentreAccess access;
    private final CurrentUser currentUser;
    private final VisitAccess policy;
    private final People people;
    private final java.time.Clock clock;

    public VisitController(EqaVisitRepository visits, VisitService visitService, CentreRepository centres,
                           CentreAccess access, CurrentUser currentUser, VisitAccess policy, People people,
                           java.time.Clock clock) {
        this.clock = clock;
        this.policy = policy;
        this.people = people;
        this.visits = visits;
        this.visitService = visitService;
        this.centres = centres;
        this.access = access;
        this.currentUser = currentUser;
    }

    @GetMapping
    public List<VisitView> list() {
        return visits.findByCentreIdInOrderByPlannedForDesc(access.visibleCentreIds(currentUser.get())).stream()
                .map(v -> view(v, false)).toList();
    }

    public record OpenVisit(@NotBlank(message = "required: the centre's code, e.g. RVT02") @HumanText(max = 20)
                            String centre) {
    }

    @PostMapping
    @ResponseStatus(org.springframework.http.HttpStatus.CREATED)
    @PreAuthorize("hasAnyRole('EQA', 'QUALITY_MANAGER')")
    @Transactional
    @io.swagger.v3.oas.annotations.Operation(summary = "Open a visit to a centre now; its EQA gets the planning task")
    @Refuses(status = 403, when = "Only the centre's EQA or a quality manager may open a visit")
    @Refuses(status = 404, when = "There is no such centre")
    @Refuses(status = 409, when = "The centre already has a visit open, or has no EQA appointed")
    public VisitView open(@Valid @RequestBody OpenVisit request) {
        Centre centre = centres.findByCode(request.centre())
                .orElseThrow(() -> new NotFoundException("There is no centre " + request.centre()));
        return view(visitService.openVisitNow(centre, currentUser.get()), true);
    }

    @GetMapping("/history")
    @io.swagger.v3.oas.annotations.Operation(summary = "Every visit of a centre, latest planned first, a page at a time")
    @Refuses(status = 400, when = "The page or size is out of range")
    @Refuses(status = 403, when = "The centre is not one you work with")
    @Refuses(status = 404, when = "There is no such centre")
    public PageView history(@RequestParam String centre, @RequestParam(defaultValue = "0") int page,
                            @RequestParam(defaultValue = "20") int size) {
        Centre c = centres.findByCode(centre).orElseThrow(() -> new NotFoundException("There is no centre " + centre));
        access.check(currentUser.get(), c, "Centre " + centre);
        var visits = visitService.history(c.getId(), Paging.request(page, size, null));
        return new PageView(visits.getContent().stream().map(v -> view(v, false)).toList(), visits.getNumber(),
                visits.getSize(), visits.getTotalElements(), visits.getTotalPages());
    }

    public record PageView(List<VisitView> visits, int page, int size, long total, int pages) {
    }

    @GetMapping("/{id}")
    @Refuses(status = 403, when = "The visit is of a centre you do not work with")
    public VisitView get(@PathVariable long id) {
        return view(policy.visit(currentUser.get(), id), true);
    }

    public record Draft(EqaVisit.Outcome outcome, @HumanText(max = 4000, multiline = true) String report,
                        List<VisitService.@jakarta.validation.constraints.NotNull @Valid Finding> findings,
                        List<VisitService.@Valid ActionRequest> actions) {
    }

    @PutMapping("/{id}/draft")
    @Transactional
    @PreAuthorize("hasRole('EQA')")
    @io.swagger.v3.oas.annotations.Operation(summary = "Save the visit form as a draft without completing the visit: "
            + "findings, actions (description, owner, due), outcome and report; actions given replace the draft's")
    @Refuses(status = 400, when = "A field is malformed, a finding names an item not in the sample, or an action's "
            + "owner is not a person at the centre")
    @Refuses(status = 403, when = "You are not the EQA appointed to the centre")
    @Refuses(status = 409, when = "The visit is not planned (still to plan, or completed)")
    public VisitView draft(@PathVariable long id, @Valid @RequestBody Draft draft) {
        visitService.saveDraft(id, draft.outcome(), draft.report(), draft.findings(), draft.actions(),
                currentUser.get());
        return view(policy.visit(currentUser.get(), id), true);
    }

    public record SampleChange(Long claimId,
                               @NotBlank(message = "required: why the sample changes") @HumanText(max = 2000)
                               String reason) {
    }

    @PostMapping("/{id}/sample")
    @Transactional
    @PreAuthorize("hasRole('EQA')")
    @io.swagger.v3.oas.annotations.Operation(summary = "Add a learner's claim to the visit's sample, with the reason")
    @Refuses(status = 400, when = "No reason, or the claim is not the centre's or has nothing assessed")
    @Refuses(status = 403, when = "You are not the EQA appointed to the centre")
    @Refuses(status = 409, when = "The claim is already sampled, or the visit is not planned")
    public VisitView addToSample(@PathVariable long id, @Valid @RequestBody SampleChange change) {
        if (change.claimId() == null) {
            throw new org.qaflow.problem.BadRequestException("claimId: required: the claim to add to the sample");
        }
        visitService.addToSample(id, change.claimId(), change.reason(), currentUser.get());
        return view(policy.visit(currentUser.get(), id), true);
    }

    @PostMapping("/{id}/sample/{sampleId}/removal")
    @Transactional
    @PreAuthorize("hasRole('EQA')")
    @io.swagger.v3.oas.annotations.Operation(summary = "Take an item out of the visit's sample, with the reason; "
            + "the change stays on the record and the report")
    @Refuses(status = 400, when = "No reason")
    @Refuses(status = 403, when = "You are not the EQA appointed to the centre")
    @Refuses(status = 404, when = "The visit has no such sampled item")
    @Refuses(status = 409, when = "The item was already removed, or the visit is not planned")
    public VisitView removeFromSample(@PathVariable long id, @PathVariable long sampleId,
                                      @Valid @RequestBody SampleChange change) {
        visitService.removeFromSample(id, sampleId, change.reason(), currentUser.get());
        return view(policy.visit(currentUser.get(), id), true);
    }

    private VisitView view(EqaVisit v, boolean detail) {
        Centre centre = centres.findById(v.getCentreId()).orElseThrow();
        AppUser user = currentUser.get();
        boolean work = policy.seesWork(user, v);
        return new VisitView(v.getId(), centre.getCode(), centre.getName(), v.getEqaUsername(),
                people.name(v.getEqaUsername()), v.isRemote(),
                v.getStatus(), v.getPlannedFor(), v.getVisitedOn(), v.getOutcome(), v.getReport(),
                detail ? visitService.sampleOf(v.getId()).stream().map(s -> new SampleView(s.getId(), s.getClaimId(),
                        s.getReasons(), s.getFinding(), s.getAddedBy(), s.getAddedReason(), s.isRemoved(),
                        s.getRemovedBy(), s.getRemovedReason())).toList() : null,
                detail && work ? visitService.actionsOf(v.getId()).stream()
                        .map(a -> ActionController.view(a, LocalDate.now(clock))).toList()
                        : null,
                detail ? visitService.releasesOf(v.getId()) : null,
                detail && work && user.getRole() == org.qaflow.security.Role.EQA && v.getDraftSavedAt() != null
                        ? new DraftView(v.getDraftOutcome(), v.getDraftReport(), v.getDraftSavedAt()) : null);
    }

    /**
     * remote: a review of the centre's waiting claims without a visit. releases: the claims waiting for release that
     * this visit's outcome releases (satisfactory) or holds; sample: those among them (or others) the EQA reviews,
     * with the EQA's own additions and removals (removed items stay, marked, with the reason). draft: the EQA's
     * saved form, shown to the EQA only.
     */
    public record VisitView(long id, String centre, String centreName, String eqa, String eqaName, boolean remote,
                            EqaVisit.Status status, LocalDate plannedFor, LocalDate visitedOn,
                            EqaVisit.Outcome outcome, String report, List<SampleView> sample,
                            List<ActionController.ActionView> actions, List<Long> releases, DraftView draft) {
    }

    public record SampleView(long id, long claimId, String whySampled, String finding, String addedBy,
                             String addedReason, boolean removed, String removedBy, String removedReason) {
    }

    public record DraftView(EqaVisit.Outcome outcome, String report, java.time.Instant savedAt) {
    }
}
