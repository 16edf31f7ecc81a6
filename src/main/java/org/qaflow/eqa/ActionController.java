package org.qaflow.eqa;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.qaflow.problem.HumanText;
import org.qaflow.problem.Paging;
import org.qaflow.problem.Refuses;
import org.qaflow.security.CurrentUser;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.*;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The actions EQAs raised at visits: the centre sees and answers its own, the EQA closes or reopens them. */
@RestController
@RequestMapping("/api/actions")
@Tag(name = "EQA actions")
@Transactional(readOnly = true)
public class ActionController {

    private final ActionService actions;
    private final VisitAccess policy;
    private final CurrentUser currentUser;
    private final java.time.Clock clock;

    public ActionController(ActionService actions, VisitAccess policy, CurrentUser currentUser,
                            java.time.Clock clock) {
        this.clock = clock;
        this.actions = actions;
        this.policy = policy;
        this.currentUser = currentUser;
    }

    /** overdue: past its due date (by the application's clock) and not closed. */
    public record ActionView(long id, long visitId, String description, VisitAction.Status status, boolean open,
                             boolean overdue, String owner, LocalDate due, String raisedBy, Instant raisedAt, String response,
                             String respondedBy, Instant respondedAt, String closingNote, String closedBy,
                             Instant closedAt, String reopenedBy, Instant reopenedAt) {
    }

    static ActionView view(VisitAction a, LocalDate today) {
        return new ActionView(a.getId(), a.getVisitId(), a.getDescription(), a.getStatus(), a.isOpen(),
                a.overdueOn(today), a.getOwnerUsername(), a.getDueOn(), a.getRaisedBy(), a.getRaisedAt(), a.getResponse(),
                a.getRespondedBy(), a.getRespondedAt(), a.getClosingNote(), a.getClosedBy(), a.getClosedAt(),
                a.getReopenedBy(), a.getReopenedAt());
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    public record ActionPage(List<ActionView> actions, int page, int size, long total, int pages) {
    }

    @GetMapping
    @Operation(summary = "The actions of completed visits to the centres you work with, open ones first, "
            + "the earliest due first")
    @Refuses(status = 400, when = "The page or size is out of range")
    public ActionPage list(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
        var found = actions.visible(currentUser.get(), Paging.request(page, size, null));
        return new ActionPage(found.getContent().stream().map(a -> view(a, today())).toList(), found.getNumber(),
                found.getSize(), found.getTotalElements(), found.getTotalPages());
    }

    @GetMapping("/{id}")
    @Refuses(status = 403, when = "The action is of a centre you do not work with")
    @Refuses(status = 404, when = "There is no such action (or its visit is not completed yet)")
    public ActionView get(@PathVariable long id) {
        return view(policy.action(currentUser.get(), id), today());
    }

    public record Response(@HumanText(max = 2000, multiline = true) String response) {
    }

    public record Note(@HumanText(max = 2000, multiline = true) String note) {
    }

    @PostMapping("/{id}/response")
    @Transactional
    @Operation(summary = "The centre's provider responds to an action: what the centre has done or will do")
    @Refuses(status = 400, when = "The response is missing or malformed")
    @Refuses(status = 403, when = "You are not the provider of the action's centre")
    @Refuses(status = 409, when = "The action is closed")
    public ActionView respond(@PathVariable long id, @Valid @RequestBody Response body) {
        return view(actions.respond(id, body.response(), currentUser.get()), today());
    }

    @PostMapping("/{id}/close")
    @Transactional
    @Operation(summary = "The centre's EQA closes an action with a closing note")
    @Refuses(status = 400, when = "The closing note is missing or malformed")
    @Refuses(status = 403, when = "You are not the EQA appointed to the action's centre")
    @Refuses(status = 409, when = "The action is already closed")
    public ActionView close(@PathVariable long id, @Valid @RequestBody Note body) {
        return view(actions.close(id, body.note(), currentUser.get()), today());
    }

    @PostMapping("/{id}/reopen")
    @Transactional
    @Operation(summary = "The centre's EQA reopens a closed action; the closing note stays on record")
    @Refuses(status = 403, when = "You are not the EQA appointed to the action's centre")
    @Refuses(status = 409, when = "The action is not closed")
    public ActionView reopen(@PathVariable long id) {
        return view(actions.reopen(id, currentUser.get()), today());
    }
}
