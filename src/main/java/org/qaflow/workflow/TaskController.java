package org.qaflow.workflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.kie.kogito.usertask.view.UserTaskView;
import org.qaflow.assessment.AssessmentService;
import org.qaflow.centre.Centre;
import org.qaflow.centre.CentreRepository;
import org.qaflow.eqa.EqaVisit;
import org.qaflow.eqa.EqaVisitRepository;
import org.qaflow.eqa.VisitService;
import org.qaflow.iqa.IqaService;
import org.qaflow.learner.ClaimUnit;
import org.qaflow.learner.ClaimUnitRepository;
import org.qaflow.problem.BadRequestException;
import org.qaflow.problem.HumanText;
import org.qaflow.problem.JsonProblems;
import org.qaflow.problem.Violations;
import org.qaflow.problem.Paging;
import org.qaflow.problem.Refuses;
import org.qaflow.security.AppUser;
import org.qaflow.security.CurrentUser;
import org.qaflow.task.TaskInbox;
import org.qaflow.task.Tasks;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.data.domain.Page;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.*;

import java.time.LocalDate;
import java.util.List;

/** My tasks, whatever my role: list, claim, complete with the data the task asks for. */
@RestController
@RequestMapping("/api/tasks")
@Tag(name = "Tasks", description = "The work waiting for the logged-in user")
public class TaskController {

    private final Tasks tasks;
    private final CurrentUser currentUser;
    private final ClaimUnitRepository claimUnits;
    private final EqaVisitRepository visits;
    private final AssessmentService assessment;
    private final IqaService iqa;
    private final VisitService visitService;
    private final CentreRepository centres;
    private final ObjectMapper json;
    private final Validator validator;

    public TaskController(Tasks tasks, CurrentUser currentUser, ClaimUnitRepository claimUnits,
                          EqaVisitRepository visits, AssessmentService assessment, IqaService iqa,
                          VisitService visitService, CentreRepository centres, ObjectMapper json,
                          Validator validator) {
        this.tasks = tasks;
        this.currentUser = currentUser;
        this.claimUnits = claimUnits;
        this.visits = visits;
        this.assessment = assessment;
        this.iqa = iqa;
        this.visitService = visitService;
        this.centres = centres;
        this.json = json;
        this.validator = validator;
    }

    @GetMapping
    @Transactional(readOnly = true)
    @Operation(summary = "My tasks, a page at a time (page from 0, size up to 200), oldest first unless sorted "
            + "(sort: created, due, name or claim, each optionally ,desc; several separated by ';'); the header "
            + "X-Total-Count says how many there are in all")
    public List<TaskView> mine(@RequestParam(defaultValue = "0") int page,
                               @RequestParam(defaultValue = "50") int size,
                               @RequestParam(required = false) String sort, HttpServletResponse response) {
        Page<TaskInbox.InboxTask> mine = tasks.mine(currentUser.get(), Paging.request(page, size, sort));
        response.setHeader("X-Total-Count", Long.toString(mine.getTotalElements()));
        return mine.stream().map(TaskController::view).toList();
    }

    /** The first tasks of mine, oldest first, for pages that show the inbox. */
    public List<TaskView> mine(int page, int size) {
        return tasks.mine(currentUser.get(), Paging.request(page, size, null)).stream().map(TaskController::view)
                .toList();
    }

    @GetMapping("/{id}")
    @Transactional(readOnly = true)
    @Refuses(status = 403, when = "The task is not offered to you or is someone else's")
    public TaskView get(@PathVariable String id) {
        return view(tasks.get(id, currentUser.get()));
    }

    @PostMapping("/{id}/claim")
    @Transactional
    @Operation(summary = "Claim a task offered to a group; exactly one of several claimants wins, the others get 409")
    @Refuses(status = 403, when = "The task is not offered to you or is someone else's")
    @Refuses(status = 409, when = "Someone else claimed the task first (the detail names them)")
    public TaskView claim(@PathVariable String id) {
        tasks.lock(id);
        AppUser user = currentUser.get();
        tasks.claim(id, user);
        return view(tasks.get(id, user));
    }

    @PostMapping("/{id}/complete")
    @Transactional
    @Operation(summary = "Complete a task. AssessUnit: {} (signs the unit off). VerifyDecision: {\"decision\": "
            + "\"ACCEPT\"|\"REFER\", \"reason\": \"...\"}. CountersignDecision: {}. PlanVisit: {\"date\": "
            + "\"2026-12-15\"}. ConductVisit: {\"outcome\": \"SATISFACTORY\"|\"UNSATISFACTORY\", \"report\": \"...\", "
            + "\"visitedOn\": \"2026-12-15\" (default: the planned day; never in the future), \"findings\": "
            + "[{\"sampleId\": 1, \"finding\": \"...\"}], \"actions\": [{\"description\": \"...\", \"owner\": "
            + "\"provider2\", \"due\": \"2027-01-31\"}]} (findings or actions left out: the draft's)")
    @Refuses(status = 403, when = "The task is not offered to you or is someone else's")
    @Refuses(status = 409, when = "The task is claimed by someone else, or already done")
    public void complete(@PathVariable String id, @RequestBody(required = false) JsonNode data) {
        tasks.lock(id); // first: one task, one completion, however many people or nodes try at once
        AppUser user = currentUser.get();
        UserTaskView task = tasks.get(id, user);
        switch (task.getTaskName()) {
            case Tasks.ASSESS_UNIT -> {
                read(data, NoFields.class);
                ClaimUnit unit = claimUnit(task);
                assessment.signOff(unit.getClaim().getId(), List.of(unit.getUnitRef()), user);
            }
            case Tasks.VERIFY_DECISION -> {
                Verification body = read(data, Verification.class);
                iqa.verify(id, claimUnit(task).getId(), body.decision() == Verdict.ACCEPT, body.reason(), user);
            }
            case Tasks.COUNTERSIGN_DECISION -> {
                read(data, NoFields.class);
                iqa.countersign(id, claimUnit(task).getId(), user);
            }
            case Tasks.PLAN_VISIT -> visitService.plan(id, visitId(task), read(data, Plan.class).date(), user);
            case Tasks.CONDUCT_VISIT -> {
                Conduct body = read(data, Conduct.class);
                visitService.conduct(id, visitId(task), body.outcome(), body.report(), body.visitedOn(),
                        body.findings(), body.actions(), user);
            }
            default -> throw new BadRequestException("Task " + id + " (" + task.getTaskName()
                    + ") cannot be completed through this API");
        }
    }

    /** AssessUnit and CountersignDecision take nothing: {} or no body. */
    record NoFields() {
    }

    enum Verdict { ACCEPT, REFER }

    record Verification(@NotNull(message = "required: ACCEPT or REFER") Verdict decision,
                        @HumanText(max = 2000, multiline = true) String reason) {
    }

    record Plan(@NotNull(message = "required: the visit date (yyyy-mm-dd)") LocalDate date) {
    }

    /** findings and actions left out keep what the visit's draft holds; visitedOn defaults to the planned day. */
    record Conduct(@NotNull(message = "required: SATISFACTORY or UNSATISFACTORY") EqaVisit.Outcome outcome,
                   @NotBlank(message = "required: the EQA report") @HumanText(max = 4000, multiline = true)
                   String report,
                   LocalDate visitedOn,
                   List<VisitService.@NotNull @Valid Finding> findings,
                   List<VisitService.@NotNull(message = "an action cannot be empty") @Valid ActionRequest> actions) {
    }

    /**
     * The task's body read as that task's fields, as strictly as any other body: an unknown or misspelt field, a value
     * of the wrong kind or out of range is a 400 naming it.
     */
    private <T> T read(JsonNode data, Class<T> type) {
        JsonNode body = data == null || data.isNull() ? json.createObjectNode() : data;
        try {
            return Violations.require(validator, json.treeToValue(body, type));
        } catch (JsonProcessingException e) {
            throw new BadRequestException(JsonProblems.describe(e));
        }
    }

    private ClaimUnit claimUnit(UserTaskView task) {
        return claimUnits.findById(number(task, "claimUnitId")).orElseThrow();
    }

    private static long visitId(UserTaskView task) {
        return number(task, "visitId");
    }

    private static long number(UserTaskView task, String input) {
        Object value = task.getInputs().get(input);
        return value instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(value));
    }

    private static TaskView view(TaskInbox.InboxTask t) {
        return new TaskView(t.id(), t.name(), t.status(), t.owner(), t.claimId(), t.unitRef(), t.learner(),
                t.visitId(), t.centre());
    }

    private TaskView view(UserTaskView t) {
        Long claimId = null;
        String unitRef = null;
        String learner = null;
        Long visitId = null;
        String centre = null;
        if (t.getInputs() != null && t.getInputs().get("claimUnitId") != null) {
            ClaimUnit unit = claimUnit(t);
            claimId = unit.getClaim().getId();
            unitRef = unit.getUnitRef();
            learner = unit.getClaim().getLearner().getFirstName() + " " + unit.getClaim().getLearner().getLastName();
            centre = unit.getClaim().getCentre().getCode();
        } else if (t.getInputs() != null && t.getInputs().get("visitId") != null) {
            visitId = visitId(t);
            EqaVisit visit = visits.findById(visitId).orElseThrow();
            centre = centres.findById(visit.getCentreId()).map(Centre::getCode).orElse(null);
        }
        return new TaskView(t.getId(), t.getTaskName(), t.getStatus() == null ? null : t.getStatus().getName(),
                t.getActualOwner(), claimId, unitRef, learner, visitId, centre);
    }

    public record TaskView(String id, String name, String status, String owner, Long claimId, String unit,
                           String learner, Long visitId, String centre) {
    }
}
