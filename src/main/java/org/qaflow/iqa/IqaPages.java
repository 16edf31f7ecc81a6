package org.qaflow.iqa;

import org.kie.kogito.usertask.view.UserTaskView;
import org.qaflow.assessment.AssessmentDecisionRepository;
import org.qaflow.assessment.AssessmentService;
import org.qaflow.evidence.EvidenceFiles;
import org.qaflow.evidence.FileLine;
import org.qaflow.learner.ClaimUnit;
import org.qaflow.learner.ClaimUnitRepository;
import org.qaflow.problem.BadRequestException;
import org.qaflow.problem.ConflictException;
import org.qaflow.problem.Paging;
import org.qaflow.security.AppUser;
import org.qaflow.security.CurrentUser;
import org.qaflow.web.WebPage;
import org.qaflow.task.TaskTakenException;
import org.qaflow.task.Tasks;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionAspectSupport;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.*;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The IQA's sampling queue: each sampled decision with why it was sampled and its evidence; accept, refer, countersign. */
@Controller
@WebPage
@RequestMapping("/iqa")
public class IqaPages {

    private final Tasks tasks;
    private final ClaimUnitRepository claimUnits;
    private final AssessmentDecisionRepository decisions;
    private final AssessmentService assessment;
    private final IqaService iqa;
    private final CurrentUser currentUser;
    private final EvidenceFiles files;

    public IqaPages(Tasks tasks, ClaimUnitRepository claimUnits, AssessmentDecisionRepository decisions,
                    AssessmentService assessment, IqaService iqa, CurrentUser currentUser, EvidenceFiles files) {
        this.files = files;
        this.tasks = tasks;
        this.claimUnits = claimUnits;
        this.decisions = decisions;
        this.assessment = assessment;
        this.iqa = iqa;
        this.currentUser = currentUser;
    }

    public record Item(String taskId, String kind, long claimId, String learner, String unit, String assessor,
                       String whySampled, String verifiedBy, List<String> evidence, List<FileLine> files) {
    }

    @GetMapping
    @Transactional(readOnly = true)
    public String queue(Model model) {
        return page(model, Map.of(), Map.of(), Map.of(), null);
    }

    @PostMapping("/tasks/{taskId}/verify")
    @Transactional
    public String verify(@PathVariable String taskId, @RequestParam(defaultValue = "") String decision,
                         @RequestParam(defaultValue = "") String reason, Model model, RedirectAttributes redirect) {
        AppUser user = currentUser.get();
        Map<String, String> typed = Map.of(taskId, reason);
        Map<String, String> chosen = Map.of(taskId, decision);
        if (!decision.equals("ACCEPT") && !decision.equals("REFER")) {
            return page(model, Map.of(taskId, "choose accept or refer back"), typed, chosen, null);
        }
        if (decision.equals("REFER") && reason.isBlank()) {
            return page(model, Map.of(taskId, "a referral back to the assessor needs a reason"), typed, chosen, null);
        }
        UserTaskView task = null;
        try {
            tasks.lock(taskId); // before reading the task, so a colleague's claim or verdict just made is seen
            task = tasks.get(taskId, user);
            ClaimUnit unit = unitOf(task);
            iqa.verify(taskId, unit.getId(), decision.equals("ACCEPT"), reason.isBlank() ? null : reason, user);
            redirect.addFlashAttribute("notice", (decision.equals("ACCEPT") ? "Accepted " : "Referred back ")
                    + unit.getUnitRef() + " of claim " + unit.getClaim().getId());
        } catch (BadRequestException | ConflictException e) {
            TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
            String why = e instanceof TaskTakenException taken ? taken.who() + "; your verdict was not recorded"
                    : e.getMessage();
            if (task == null) {
                // The task is gone, and the form with it: say what the verdict was, so that it is not lost.
                why += " (" + (decision.equals("ACCEPT") ? "accept" : "refer back")
                        + (reason.isBlank() ? "" : ": " + reason.trim()) + ")";
            }
            return page(model, Map.of(taskId, why), typed, chosen, task);
        }
        return "redirect:/iqa";
    }

    @PostMapping("/tasks/{taskId}/countersign")
    @Transactional
    public String countersign(@PathVariable String taskId, Model model, RedirectAttributes redirect) {
        AppUser user = currentUser.get();
        UserTaskView task = null;
        try {
            tasks.lock(taskId);
            task = tasks.get(taskId, user);
            ClaimUnit unit = unitOf(task);
            iqa.countersign(taskId, unit.getId(), user);
            redirect.addFlashAttribute("notice", "Countersigned " + unit.getUnitRef() + " of claim "
                    + unit.getClaim().getId());
        } catch (ConflictException e) {
            TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
            return page(model, Map.of(taskId, e instanceof TaskTakenException taken
                    ? taken.who() + "; your countersignature was not recorded" : e.getMessage()), Map.of(), Map.of(),
                    task);
        }
        return "redirect:/iqa";
    }

    /**
     * The queue, with what was typed and why it was refused. A task a colleague took meanwhile is no longer the
     * user's, but it stays on the page with what they typed, so that nothing is lost without a word.
     */
    private String page(Model model, Map<String, String> errors, Map<String, String> reasons,
                        Map<String, String> verdicts, UserTaskView takenMeanwhile) {
        AppUser user = currentUser.get();
        List<Item> items = new ArrayList<>();
        List<Shown> shown = new ArrayList<>(tasks.mine(user, PageRequest.of(0, Paging.MAX_SIZE)).stream()
                .map(t -> new Shown(t.id(), t.name(), t.claimUnitId())).toList());
        if (takenMeanwhile != null && shown.stream().noneMatch(t -> t.id().equals(takenMeanwhile.getId()))) {
            shown.add(0, new Shown(takenMeanwhile.getId(), takenMeanwhile.getTaskName(), unitOf(takenMeanwhile).getId()));
        }
        for (Shown t : shown) {
            if (!Tasks.VERIFY_DECISION.equals(t.name()) && !Tasks.COUNTERSIGN_DECISION.equals(t.name())) {
                continue;
            }
            ClaimUnit unit = claimUnits.findById(t.claimUnitId()).orElseThrow();
            var decision = decisions.findFirstByClaimUnitIdOrderByIdDesc(unit.getId()).orElse(null);
            var claim = unit.getClaim();
            items.add(new Item(t.id(), t.name(), claim.getId(),
                    claim.getLearner().getFirstName() + " " + claim.getLearner().getLastName(), unit.getUnitRef(),
                    claim.getAssessor().getName(), decision == null ? "" : decision.getSamplingReasons(),
                    decision == null ? null : decision.getIqaUsername(),
                    assessment.evidenceFor(unit).stream().map(e -> e.getCriterionKey() + ": "
                            + e.getMethod().name().toLowerCase().replace('_', ' ') + ", " + e.getLocation()
                            + (e.getJudgement() == null ? "" : " · " + e.judgementWords())).toList(),
                    files.lines(unit)));
        }
        model.addAttribute("items", items);
        model.addAttribute("errors", errors);
        model.addAttribute("reasons", reasons);
        model.addAttribute("verdicts", verdicts);
        // A refusal about a task that cannot be shown (finished and gone) still needs saying.
        model.addAttribute("problem", errors.entrySet().stream()
                .filter(e -> items.stream().noneMatch(i -> i.taskId().equals(e.getKey())))
                .map(Map.Entry::getValue).findFirst().orElse(null));
        return "iqa/queue";
    }

    /** A task on the queue: the user's own, or one a colleague took while they were typing. */
    private record Shown(String id, String name, Long claimUnitId) {
    }

    private ClaimUnit unitOf(UserTaskView task) {
        Object id = task.getInputs().get("claimUnitId");
        return claimUnits.findById(id instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(id)))
                .orElseThrow();
    }
}
