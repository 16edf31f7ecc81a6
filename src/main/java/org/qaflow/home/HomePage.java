package org.qaflow.home;

import org.qaflow.assessment.Referrals;
import org.qaflow.centre.CentreAccess;
import org.qaflow.centre.CentreRepository;
import org.qaflow.eqa.EqaVisit;
import org.qaflow.eqa.EqaVisitRepository;
import org.qaflow.eqa.VisitService;
import org.qaflow.learner.ClaimAccess;
import org.qaflow.learner.ClaimRepository;
import org.qaflow.learner.ClaimSearch;
import org.qaflow.learner.ClaimStage;
import org.qaflow.learner.ClaimStatus;
import org.qaflow.security.AppUser;
import org.qaflow.security.CurrentUser;
import org.qaflow.security.People;
import org.qaflow.problem.BadRequestException;
import org.qaflow.security.Role;
import org.qaflow.task.TaskInbox;
import org.qaflow.task.TaskTitles;
import org.qaflow.task.Tasks;
import org.qaflow.workflow.IqaOverdueJob;
import org.qaflow.web.WebPage;
import org.qaflow.workflow.TaskController;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
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
    private final Tasks taskList;
    private final ClaimSearch search;
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
                    Referrals referrals, People people, Tasks taskList, ClaimSearch search) {
        this.taskList = taskList;
        this.search = search;
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

    /** Tasks shown on one page of the home page's list. */
    static final int TASKS_SHOWN = 20;

    /** The counts each role's home page starts with, most pressing first; each links to the claims it counts. */
    private static final Map<Role, List<ClaimStage>> COUNTS = Map.of(
            Role.PROVIDER, List.of(ClaimStage.AWAITING_ASSESSMENT, ClaimStage.WITH_IQA, ClaimStage.REFERRED_BACK,
                    ClaimStage.AWAITING_EQA, ClaimStage.CERTIFICATED_THIS_MONTH),
            Role.ASSESSOR, List.of(ClaimStage.AWAITING_ASSESSMENT, ClaimStage.REFERRED_BACK, ClaimStage.WITH_IQA,
                    ClaimStage.CERTIFICATED_THIS_MONTH),
            Role.IQA, List.of(ClaimStage.WITH_IQA, ClaimStage.REFERRED_BACK, ClaimStage.AWAITING_ASSESSMENT,
                    ClaimStage.CERTIFICATED_THIS_MONTH),
            Role.EQA, List.of(ClaimStage.AWAITING_EQA, ClaimStage.WITH_IQA, ClaimStage.CERTIFICATED_THIS_MONTH),
            Role.QUALITY_MANAGER, List.of(ClaimStage.values()));

    /** A count on the dashboard and the list it counts. */
    public record Count(long count, String words, String href) {
    }

    @GetMapping("/home")
    @Transactional(readOnly = true)
    public String home(@RequestParam(required = false) String kind,
                       @RequestParam(required = false) TaskInbox.Due due,
                       @RequestParam(defaultValue = "due") String sort,
                       @RequestParam(required = false) String dir,
                       @RequestParam(defaultValue = "1") int page, Model model) {
        AppUser user = currentUser.get();
        boolean ascending = dir == null || dir.isBlank() || switch (dir.trim()) {
            case "asc" -> true;
            case "desc" -> false;
            default -> throw new BadRequestException("dir: '" + dir + "' is not asc or desc");
        };
        String kindOrAny = kind == null || kind.isBlank() ? null : kind.trim();
        TaskInbox.Query query = new TaskInbox.Query(kindOrAny, due, sort, ascending, IqaOverdueJob.DAYS_ALLOWED);
        var found = taskList.mine(user, query, PageRequest.of(Math.max(page, 1) - 1, TASKS_SHOWN));
        int pages = Math.max(1, found.getTotalPages());
        int current = Math.min(Math.max(page, 1), pages);
        if (current != found.getNumber() + 1) { // past the last page: show the last
            found = taskList.mine(user, query, PageRequest.of(current - 1, TASKS_SHOWN));
        }
        LocalDate today = LocalDate.now(clock);
        model.addAttribute("tasks", found.stream().map(t -> line(t, today)).toList());
        model.addAttribute("taskTotal", found.getTotalElements());
        model.addAttribute("page", current);
        model.addAttribute("pages", pages);
        model.addAttribute("kind", kindOrAny);
        model.addAttribute("due", due);
        model.addAttribute("kinds", TaskInbox.KINDS.stream().map(k -> new Kind(k, Tasks.inWords(k))).toList());
        model.addAttribute("links", new TaskLinks(kindOrAny, due, sort, ascending));

        List<Count> counts = new ArrayList<>();
        for (ClaimStage stage : COUNTS.get(user.getRole())) {
            counts.add(new Count(search.count(user, ClaimSearch.Filter.stage(stage)), stage.words(),
                    "/claims?stage=" + stage.name()));
        }
        if (HAS_TASKS.contains(user.getRole())) {
            for (TaskInbox.Due when : TaskInbox.Due.values()) {
                counts.add(new Count(taskList.count(user, new TaskInbox.Query(null, when, "due", true,
                        IqaOverdueJob.DAYS_ALLOWED)), when == TaskInbox.Due.OVERDUE ? "tasks overdue"
                        : "tasks due this week", "/home?due=" + when.name() + "#tasks"));
            }
        }
        model.addAttribute("counts", counts);

        var visible = access.visibleCentreIds(user);
        // Claims that wait on someone other than the assessor or IQA: the provider and EQA must see them first.
        Set<ClaimStatus> waitingOnOthers = EnumSet.copyOf(VisitService.WAITING_FOR_RELEASE);
        waitingOnOthers.add(ClaimStatus.COMBINATION_NOT_MET);
        var waiting = policy.claimsIn(user, waitingOnOthers, PageRequest.of(0, WAITING_SHOWN, Sort.by("id")));
        model.addAttribute("waiting", waiting.stream()
                .map(c -> new Waiting(c.getId(), c.getLearner().getFirstName() + " " + c.getLearner().getLastName(),
                        c.getCentre().getCode(), c.getStatus().words())).toList());
        model.addAttribute("waitingCount", waiting.getTotalElements());
        model.addAttribute("overdue", visits.findByCentreIdInOrderByPlannedForDesc(visible).stream()
                .filter(v -> v.getStatus() != EqaVisit.Status.COMPLETED && v.getPlannedFor() != null
                        && v.getPlannedFor().isBefore(today))
                .sorted(Comparator.comparing(EqaVisit::getPlannedFor))
                .map(v -> new Overdue(v.getId(), centres.findById(v.getCentreId()).orElseThrow().getCode(),
                        v.getPlannedFor())).toList());
        model.addAttribute("claimCount", policy.claims(user, null, PageRequest.of(0, 1)).getTotalElements());
        return "home";
    }

    /** Providers and quality managers are offered no tasks: their counts are of claims only. */
    private static final Set<Role> HAS_TASKS = EnumSet.of(Role.ASSESSOR, Role.IQA, Role.EQA);

    public record Kind(String name, String words) {
    }

    /** The task list's addresses: kind, due, sort and page are query parameters, for the back button and bookmarks. */
    public record TaskLinks(String kind, TaskInbox.Due due, String sort, boolean ascending) {

        /** The column's heading link: sorts by it, or reverses it when it is already the sort. */
        public String sortBy(String column) {
            return href(column, !column.equals(sort) || !ascending, 1);
        }

        public String ariaSort(String column) {
            return !column.equals(sort) ? null : ascending ? "ascending" : "descending";
        }

        public String page(int page) {
            return href(sort, ascending, page);
        }

        private String href(String column, boolean asc, int page) {
            StringBuilder href = new StringBuilder("/home?sort=").append(column).append("&dir=")
                    .append(asc ? "asc" : "desc");
            if (kind != null) {
                href.append("&kind=").append(kind);
            }
            if (due != null) {
                href.append("&due=").append(due.name());
            }
            return href.append("&page=").append(page).append("#tasks").toString();
        }
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

    /**
     * A task in words, who holds it by name, when it is due or how long it has waited, and (for a unit referred back)
     * the IQA's reason.
     */
    public record TaskLine(TaskInbox.InboxTask task, String link, String title, String owner, String referral,
                           String due, boolean overdue, String offered) {
    }

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

    private TaskLine line(TaskInbox.DueTask due, LocalDate today) {
        TaskInbox.InboxTask t = due.task();
        String centre = t.centre() == null ? null
                : centres.findByCode(t.centre()).map(c -> c.getName() + " (" + c.getCode() + ")").orElse(t.centre());
        String referral = t.claimId() == null || t.unitRef() == null ? null
                : claims.findById(t.claimId()).flatMap(c -> c.unit(t.unitRef())).flatMap(referrals::of)
                        .map(Referrals.Referral::words).orElse(null);
        String when;
        boolean overdue = false;
        if (due.dueBy() != null) {
            LocalDate day = due.dueBy().atZone(clock.getZone()).toLocalDate();
            overdue = day.isBefore(today);
            when = overdue ? "overdue: was due " + DAY.format(day)
                    : day.equals(today) ? "due today" : "due " + DAY.format(day);
        } else {
            long days = ChronoUnit.DAYS.between(t.createdAt().atZone(clock.getZone()).toLocalDate(), today);
            when = days <= 0 ? "waiting since today" : "waiting " + days + (days == 1 ? " day" : " days");
        }
        return new TaskLine(t, taskLink(t), TaskTitles.title(t.name(), t.unitRef(), t.learner(), centre),
                people.name(t.owner()), referral, when, overdue,
                DAY.format(t.createdAt().atZone(clock.getZone()).toLocalDate()));
    }

    public record Overdue(long visitId, String centre, LocalDate plannedFor) {
    }

    /** Where each kind of task is done, for the task inbox links. */
    public static String taskLink(TaskInbox.InboxTask t) {
        return switch (t.name()) {
            case "AssessUnit" -> "/assessor/claims/" + t.claimId() + "/units/" + t.unitRef();
            case "VerifyDecision", "CountersignDecision" -> "/iqa";
            case "PlanVisit", "ConductVisit" -> "/eqa/visits/" + t.visitId();
            default -> "/home";
        };
    }

}
