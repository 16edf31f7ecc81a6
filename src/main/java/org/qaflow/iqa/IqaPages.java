package org.qaflow.iqa;

import org.kie.kogito.usertask.view.UserTaskView;
import org.qaflow.assessment.AssessmentDecisionRepository;
import org.qaflow.assessment.AssessmentService;
import org.qaflow.learner.ClaimUnit;
import org.qaflow.learner.ClaimUnitRepository;
import org.qaflow.problem.BadRequestException;
import org.qaflow.problem.ConflictException;
import org.qaflow.security.AppUser;
import org.qaflow.security.CurrentUser;
import org.qaflow.web.WebPage;
import org.qaflow.workflow.Tasks;
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

    public IqaPages(Tasks tasks, ClaimUnitRepository claimUnits, AssessmentDecisionRepository decisions,
                    AssessmentService assessment, IqaService iqa, CurrentUser currentUser) {
        this.tasks = tasks;
        this.claimUnits = claimUnits;
        this.decisions = decisions;
        this.assessment = assessment;
        this.iqa = iqa;
        this.currentUser = currentUser;
    }

    public record Item(String taskId, String kind, long claimId, String learner, String unit, String assessor,
                       String whySampled, String verifiedBy, List<String> evidence) {
    }

    @GetMapping
    @Transactional(readOnly = true)
    public String queue(Model model) {
        return page(model, Map.of(), Map.of());
    }

    @PostMapping("/tasks/{taskId}/verify")
    @Transactional
    public String verify(@PathVariable String taskId, @RequestParam(defaultValue = "") String decision,
                         @RequestParam(defaultValue = "") String reason, Model model, RedirectAttributes redirect) {
        AppUser user = currentUser.get();
        if (!decision.equals("ACCEPT") && !decision.equals("REFER")) {
            return page(model, Map.of(taskId, "choose accept or refer back"), Map.of(taskId, reason));
        }
        if (decision.equals("REFER") && reason.isBlank()) {
            return page(model, Map.of(taskId, "a referral back to the assessor needs a reason"), Map.of(taskId, reason));
        }
        try {
            ClaimUnit unit = unitOf(tasks.get(taskId, user));
            iqa.verify(taskId, unit.getId(), decision.equals("ACCEPT"), reason.isBlank() ? null : reason, user);
            redirect.addFlashAttribute("notice", (decision.equals("ACCEPT") ? "Accepted " : "Referred back ")
                    + unit.getUnitRef() + " of claim " + unit.getClaim().getId());
        } catch (BadRequestException | ConflictException e) {
            TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
            return page(model, Map.of(taskId, e.getMessage()), Map.of(taskId, reason));
        }
        return "redirect:/iqa";
    }

    @PostMapping("/tasks/{taskId}/countersign")
    @Transactional
    public String countersign(@PathVariable String taskId, RedirectAttributes redirect) {
        AppUser user = currentUser.get();
        ClaimUnit unit = unitOf(tasks.get(taskId, user));
        iqa.countersign(taskId, unit.getId(), user);
        redirect.addFlashAttribute("notice", "Countersigned " + unit.getUnitRef() + " of claim " + unit.getClaim().getId());
        return "redirect:/iqa";
    }

    private String page(Model model, Map<String, String> errors, Map<String, String> reasons) {
        AppUser user = currentUser.get();
        List<Item> items = new ArrayList<>();
        for (UserTaskView t : tasks.mine(user)) {
            if (!Tasks.VERIFY_DECISION.equals(t.getTaskName()) && !Tasks.COUNTERSIGN_DECISION.equals(t.getTaskName())) {
                continue;
            }
            ClaimUnit unit = unitOf(t);
            var decision = decisions.findFirstByClaimUnitIdOrderByIdDesc(unit.getId()).orElse(null);
            var claim = unit.getClaim();
            items.add(new Item(t.getId(), t.getTaskName(), claim.getId(),
                    claim.getLearner().getFirstName() + " " + claim.getLearner().getLastName(), unit.getUnitRef(),
                    claim.getAssessor().getName(), decision == null ? "" : decision.getSamplingReasons(),
                    decision == null ? null : decision.getIqaUsername(),
                    assessment.evidenceFor(unit).stream().map(e -> e.getCriterionKey() + ": "
                            + e.getMethod().name().toLowerCase().replace('_', ' ') + ", " + e.getLocation()).toList()));
        }
        model.addAttribute("items", items);
        model.addAttribute("errors", errors);
        model.addAttribute("reasons", reasons);
        return "iqa/queue";
    }

    private ClaimUnit unitOf(UserTaskView task) {
        Object id = task.getInputs().get("claimUnitId");
        return claimUnits.findById(id instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(id)))
                .orElseThrow();
    }
}
