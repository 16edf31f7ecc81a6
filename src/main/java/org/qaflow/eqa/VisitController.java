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

    public VisitController(EqaVisitRepository visits, VisitService visitService, CentreRepository centres,
                           CentreAccess access, CurrentUser currentUser) {
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

    @GetMapping("/{id}")
    @Refuses(status = 403, when = "The visit is of a centre you do not work with")
    public VisitView get(@PathVariable long id) {
        EqaVisit visit = visits.findById(id).orElseThrow(() -> new NotFoundException("There is no EQA visit " + id));
        AppUser user = currentUser.get();
        access.check(user, centres.findById(visit.getCentreId()).orElseThrow(), "EQA visit " + id);
        return view(visit, true);
    }

    private VisitView view(EqaVisit v, boolean detail) {
        Centre centre = centres.findById(v.getCentreId()).orElseThrow();
        return new VisitView(v.getId(), centre.getCode(), centre.getName(), v.getEqaUsername(), v.isRemote(),
                v.getStatus(), v.getPlannedFor(), v.getVisitedOn(), v.getOutcome(), v.getReport(),
                detail ? visitService.sampleOf(v.getId()).stream().map(s -> new SampleView(s.getId(), s.getClaimId(),
                        s.getReasons(), s.getFinding())).toList() : null,
                detail ? visitService.actionsOf(v.getId()).stream().map(a -> new ActionView(a.getId(),
                        a.getDescription(), a.isOpen())).toList() : null,
                detail ? visitService.releasesOf(v.getId()) : null);
    }

    /**
     * remote: a review of the centre's waiting claims without a visit. releases: the claims waiting for release that
     * this visit's outcome releases (satisfactory) or holds; sample: those among them (or others) the EQA reviews.
     */
    public record VisitView(long id, String centre, String centreName, String eqa, boolean remote,
                            EqaVisit.Status status, LocalDate plannedFor, LocalDate visitedOn,
                            EqaVisit.Outcome outcome, String report, List<SampleView> sample,
                            List<ActionView> actions, List<Long> releases) {
    }

    public record SampleView(long id, long claimId, String whySampled, String finding) {
    }

    public record ActionView(long id, String description, boolean open) {
    }
}
