package org.qaflow.home;

import org.qaflow.assessment.Referrals;
import org.qaflow.centre.CentreAccess;
import org.qaflow.centre.CentreRepository;
import org.qaflow.eqa.EqaVisit;
import org.qaflow.eqa.EqaVisitRepository;
import org.qaflow.eqa.VisitService;
import org.qaflow.learner.ClaimAccess;
import org.qaflow.learner.ClaimRepository;
import org.qaflow.learner.ClaimStatus;
import org.qaflow.problem.Paging;
import org.qaflow.security.AppUser;
import org.qaflow.security.CurrentUser;
import org.qaflow.security.People;
import org.qaflow.task.TaskTitles;
import org.qaflow.web.WebPage;
import org.qaflow.workflow.TaskController;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Set;
import java.util.List;

/** Login, and a home page per role with what needs that person now. */
@Controller
@WebPage
public class HomePage {

    /** The home page lists the first of these; the claims page has them all. */
    private static final int WAITING_SHOWN = 50;

    private final CurrentUser currentUser;
    private final TaskController tasks;
    private final ClaimAccess policy;
    private final EqaVisitRepository visits;
    private final CentreRepository centres;
    private final CentreAccess access;
    private final Clock clock;
    private final ClaimRepository claims;
    private final Referrals referrals;
    private final People people;

    public HomePage(CurrentUser currentUser, TaskController tasks, ClaimAccess policy, EqaVisitRepository visits,
                    CentreRepository centres, CentreAccess access, Clock clock, ClaimRepository claims,
                    Referrals referrals, People people) {
        this.claims = claims;
        this.referrals = referrals;
        this.people = people;
        this.currentUser = currentUser;
        this.tasks = tasks;
        this.policy = policy;
        this.visits = visits;
        this.centres = centres;
        this.access = access;
        this.clock = clock;
    }

    @GetMapping("/login")
    public String login(jakarta.servlet.http.HttpServletRequest request, Model model) {
        // A failed form login leaves its reason in the session; a throttled one must say when to try again.
        var session = request.getSession(false);
        if (session != null && session.getAttribute(org.springframework.security.web.WebAttributes.AUTHENTICATION_EXCEPTION)
                instanceof org.qaflow.security.LoginThrottle.LoginThrottledException throttled) {
            session.removeAttribute(org.springframework.security.web.WebAttributes.AUTHENTICATION_EXCEPTION);
            model.addAttribute("throttled", throttled.getMessage());
        }
        return "login";
    }

    /** Spring Security forwards refused requests here with their own method (a POST without its CSRF token too). */
    @org.springframework.web.bind.annotation.RequestMapping("/forbidden")
    public String forbidden(Model model, jakarta.servlet.http.HttpServletResponse response) {
        response.setStatus(403);
        model.addAttribute("status", 403);
        model.addAttribute("title", "Not yours to see");
        model.addAttribute("message", "Your role may not open this page.");
        return "error-page";
    }

    @GetMapping("/")
    public String root() {
        return "redirect:/home";
    }

    @GetMapping("/home")
    @Transactional(readOnly = true)
    public String home(Model model) {
        AppUser user = currentUser.get();
        model.addAttribute("tasks", tasks.mine(0, Paging.MAX_SIZE).stream().map(this::line).toList());
        var visible = access.visibleCentreIds(user);
        // Claims that wait on someone other than the assessor or IQA: the provider and EQA must see them first.
        Set<ClaimStatus> waitingOnOthers = EnumSet.copyOf(VisitService.WAITING_FOR_RELEASE);
        waitingOnOthers.add(ClaimStatus.COMBINATION_NOT_MET);
        var waiting = policy.claimsIn(user, waitingOnOthers, PageRequest.of(0, WAITING_SHOWN, Sort.by("id")));
        model.addAttribute("waiting", waiting.stream()
                .map(c -> new Waiting(c.getId(), c.getLearner().getFirstName() + " " + c.getLearner().getLastName(),
                        c.getCentre().getCode(), c.getStatus().words())).toList());
        model.addAttribute("waitingCount", waiting.getTotalElements());
        LocalDate today = LocalDate.now(clock);
        model.addAttribute("overdue", visits.findByCentreIdInOrderByPlannedForDesc(visible).stream()
                .filter(v -> v.getStatus() != EqaVisit.Status.COMPLETED && v.getPlannedFor() != null
                        && v.getPlannedFor().isBefore(today))
                .sorted(Comparator.comparing(EqaVisit::getPlannedFor))
                .map(v -> new Overdue(v.getId(), centres.findById(v.getCentreId()).orElseThrow().getCode(),
                        v.getPlannedFor())).toList());
        model.addAttribute("claimCount", policy.claims(user, null, "", PageRequest.of(0, 1)).getTotalElements());
        return "home";
    }

    /** Takes a task offered to my group, so colleagues see it is being handled. */
    @org.springframework.web.bind.annotation.PostMapping("/tasks/{id}/claim")
    @Transactional
    public String claim(@org.springframework.web.bind.annotation.PathVariable String id,
                        org.springframework.web.servlet.mvc.support.RedirectAttributes redirect) {
        tasks.claim(id);
        redirect.addFlashAttribute("notice", "Task claimed: it is yours now");
        return "redirect:/home";
    }

    public record Waiting(long claimId, String learner, String centre, String words) {
    }

    /** A task in words, who holds it by name, and (for a unit referred back) the IQA's reason. */
    public record TaskLine(TaskController.TaskView task, String link, String title, String owner, String referral) {
    }

    private TaskLine line(TaskController.TaskView t) {
        String centre = t.centre() == null ? null
                : centres.findByCode(t.centre()).map(c -> c.getName() + " (" + c.getCode() + ")").orElse(t.centre());
        String referral = t.claimId() == null || t.unit() == null ? null
                : claims.findById(t.claimId()).flatMap(c -> c.unit(t.unit())).flatMap(referrals::of)
                        .map(Referrals.Referral::words).orElse(null);
        return new TaskLine(t, taskLink(t), TaskTitles.title(t.name(), t.unit(), t.learner(), centre),
                people.name(t.owner()), referral);
    }

    public record Overdue(long visitId, String centre, LocalDate plannedFor) {
    }

    /** Where each kind of task is done, for the task inbox links. */
    public static String taskLink(TaskController.TaskView t) {
        return switch (t.name()) {
            case "AssessUnit" -> "/assessor/claims/" + t.claimId() + "/units/" + t.unit();
            case "VerifyDecision", "CountersignDecision" -> "/iqa";
            case "PlanVisit", "ConductVisit" -> "/eqa/visits/" + t.visitId();
            default -> "/home";
        };
    }

}
