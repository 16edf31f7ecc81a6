package org.qaflow.task;

import org.kie.kogito.auth.IdentityProvider;
import org.kie.kogito.internal.process.workitem.WorkItemNotFoundException;
import org.kie.kogito.auth.IdentityProviders;
import org.kie.kogito.usertask.UserTaskInstanceNotAuthorizedException;
import org.kie.kogito.usertask.UserTaskService;
import org.kie.kogito.usertask.lifecycle.UserTaskTransitionException;
import org.kie.kogito.usertask.view.UserTaskView;
import org.qaflow.centre.Centre;
import org.qaflow.centre.CentreRepository;
import org.qaflow.centre.StaffMember;
import org.qaflow.centre.StaffRepository;
import org.qaflow.problem.ConflictException;
import org.qaflow.problem.NotFoundException;
import org.qaflow.rules.RuleEngine;
import org.qaflow.rules.StaffEligibilityRequest;
import org.qaflow.security.AppUser;
import org.qaflow.security.AppUserRepository;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.*;

/**
 * People's tasks in the process engine, always acted on as the authenticated user: the engine sees the user's name
 * and the groups qaflow derives from their role and centre, never anything a request says about itself.
 */
@Component
public class Tasks {

    public static final String ASSESS_UNIT = "AssessUnit";
    public static final String VERIFY_DECISION = "VerifyDecision";
    public static final String COUNTERSIGN_DECISION = "CountersignDecision";
    public static final String PLAN_VISIT = "PlanVisit";
    public static final String CONDUCT_VISIT = "ConductVisit";

    private final UserTaskService userTasks;
    private final CentreRepository centres;
    private final StaffRepository staff;
    private final RuleEngine rules;
    private final Clock clock;
    private final JdbcTemplate jdbc;
    private final AppUserRepository users;
    private final TaskInbox inbox;

    public Tasks(UserTaskService userTasks, CentreRepository centres, StaffRepository staff, RuleEngine rules,
                 Clock clock, JdbcTemplate jdbc, AppUserRepository users, TaskInbox inbox) {
        this.inbox = inbox;
        this.jdbc = jdbc;
        this.users = users;
        this.userTasks = userTasks;
        this.centres = centres;
        this.staff = staff;
        this.rules = rules;
        this.clock = clock;
    }

    /**
     * My work, a page at a time: tasks I hold, and tasks offered to me that nobody has claimed yet. Read from the
     * inbox table, not the engine, so the cost does not grow with everyone else's tasks.
     */
    public Page<TaskInbox.InboxTask> mine(AppUser user, Pageable pageable) {
        IdentityProvider identity = identity(user);
        return inbox.waitingFor(identity.getName(), identity.getRoles(), pageable);
    }

    /** My work for a dashboard: filtered by kind and due date, sorted and paged in the inbox table. */
    public Page<TaskInbox.DueTask> mine(AppUser user, TaskInbox.Query query, Pageable pageable) {
        IdentityProvider identity = identity(user);
        return inbox.page(identity.getName(), identity.getRoles(), query, Instant.now(clock), clock.getZone(),
                pageable);
    }

    /** How many of my tasks answer the query, counted in the inbox table. */
    public long count(AppUser user, TaskInbox.Query query) {
        IdentityProvider identity = identity(user);
        return inbox.count(identity.getName(), identity.getRoles(), query, Instant.now(clock), clock.getZone());
    }

    public UserTaskView get(String taskId, AppUser user) {
        return get(taskId, identity(user));
    }

    private UserTaskView get(String taskId, IdentityProvider identity) {
        try {
            UserTaskView task = userTasks.getUserTaskInstance(taskId, identity).orElse(null);
            if (task == null) {
                Holder done = holder(taskId).filter(h -> h.action().equals(COMPLETED)).orElseThrow(
                        () -> new NotFoundException("There is no task " + taskId + " among yours"));
                throw taken(taskId, "acted on", done.username(), true);
            }
            if (!offeredTo(task, identity)) {
                throw new AccessDeniedException("Task " + taskId + " is not yours to see or act on");
            }
            return task;
        } catch (UserTaskInstanceNotAuthorizedException e) {
            throw new AccessDeniedException("Task " + taskId + " is not yours to see or act on");
        }
    }

    /**
     * The engine lets anyone read a task by id: only its owner and its potential owners (by name or group, unless
     * excluded) may see it. A potential owner sees a task a colleague has claimed, and gets a conflict acting on it.
     */
    private static boolean offeredTo(UserTaskView task, IdentityProvider identity) {
        String name = identity.getName();
        if (task.getExcludedUsers() != null && task.getExcludedUsers().contains(name)) {
            return false;
        }
        return name.equals(task.getActualOwner())
                || (task.getPotentialUsers() != null && task.getPotentialUsers().contains(name))
                || (task.getPotentialGroups() != null
                    && task.getPotentialGroups().stream().anyMatch(identity.getRoles()::contains));
    }

    /** The open task of a given kind that works on one claim unit or visit, as this user sees it. */
    public Optional<UserTaskView> find(AppUser user, String taskName, String inputName, long id) {
        IdentityProvider identity = identity(user);
        return inbox.find(identity.getName(), identity.getRoles(), taskName, inputName, id)
                .map(taskId -> get(taskId, identity));
    }

    /** What a task asks of someone, in words, for lists. */
    public static String inWords(String taskName) {
        return switch (taskName) {
            case ASSESS_UNIT -> "Assess the unit";
            case VERIFY_DECISION -> "Verify the assessment decision";
            case COUNTERSIGN_DECISION -> "Countersign the IQA decision";
            case PLAN_VISIT -> "Plan the EQA visit";
            case CONDUCT_VISIT -> "Review the sample and record the visit outcome";
            default -> taskName;
        };
    }

    /**
     * Holds the task's row until the surrounding transaction ends, so that people acting on one task at once (on one
     * node or several) take turns: the task store has no version column, and without this two claims read "Ready"
     * and both succeed. Call it before anything reads the task in the transaction, or the later reads see a stale copy.
     */
    public void lock(String taskId) {
        jdbc.query("select id from jbpm_user_tasks where id = ? for update", rs -> { }, taskId);
    }

    public void claim(String taskId, AppUser user) {
        lock(taskId);
        IdentityProvider identity = identity(user);
        UserTaskView task = get(taskId, identity);
        requireOpen(task, user, "claimed");
        if (task.getActualOwner() == null) {
            transition(taskId, "claim", Map.of(), identity);
            record(task, user, CLAIMED);
        }
    }

    /** Completes a task, claiming it first when it is still open to a group the user belongs to. */
    public void complete(String taskId, AppUser user, Map<String, Object> outputs) {
        lock(taskId);
        IdentityProvider identity = identity(user);
        UserTaskView task = get(taskId, identity);
        requireOpen(task, user, "completed");
        if (task.getActualOwner() == null) {
            transition(taskId, "claim", Map.of(), identity);
        }
        transition(taskId, "complete", outputs, identity);
        record(task, user, COMPLETED);
    }

    private static final String CLAIMED = "CLAIMED";
    private static final String COMPLETED = "COMPLETED";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

    private record Holder(String username, String action, Instant at) {
    }

    /** Refuses a task that is finished or that a colleague holds, saying who and since when. */
    private void requireOpen(UserTaskView task, AppUser user, String verb) {
        boolean finished = task.getStatus() != null && task.getStatus().isTerminate();
        String owner = task.getActualOwner();
        if (finished || (owner != null && !owner.equals(user.getUsername()))) {
            throw taken(task.getId(), verb, owner, finished);
        }
    }

    /** The task store keeps the owner but not since when: qaflow notes it beside, in the same transaction. */
    private void record(UserTaskView task, AppUser user, String action) {
        jdbc.update("delete from task_holder where task_id = ?", task.getId());
        jdbc.update("insert into task_holder (task_id, task_name, subject, username, action, acted_at) "
                + "values (?, ?, ?, ?, ?, ?)", task.getId(), task.getTaskName(), subject(task), user.getUsername(),
                action, Timestamp.from(Instant.now(clock)));
    }

    private static String subject(UserTaskView task) {
        Map<String, Object> inputs = task.getInputs() == null ? Map.of() : task.getInputs();
        for (String input : List.of("claimUnitId", "visitId")) {
            if (inputs.get(input) != null) {
                return input + "=" + asLong(inputs.get(input));
            }
        }
        return "";
    }

    /**
     * For a form whose task is no longer among the user's: "Eve Example completed this task at 09:14", from the
     * latest task of that kind on that claim unit or visit that someone finished.
     */
    public Optional<String> finishedMeanwhile(String taskName, String inputName, long id) {
        return jdbc.query("select task_id from task_holder where task_name = ? and subject = ? and action = ? "
                        + "order by acted_at desc", (rs, n) -> rs.getString(1), taskName, inputName + "=" + id,
                        COMPLETED)
                .stream().findFirst().map(taskId -> taken(taskId, "completed", null, true).who());
    }

    private Optional<Holder> holder(String taskId) {
        return jdbc.query("select username, action, acted_at from task_holder where task_id = ?",
                (rs, n) -> new Holder(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()), taskId)
                .stream().findFirst();
    }

    /**
     * "Task 12 cannot be completed now: ohaddad has claimed it (Omar Haddad claimed this task at 09:14)"; a page
     * shows the part in brackets, with names rather than user names.
     */
    private TaskTakenException taken(String taskId, String verb, String owner, boolean finished) {
        Holder holder = holder(taskId)
                .filter(h -> finished ? h.action().equals(COMPLETED) : h.username().equals(owner))
                .orElse(null);
        String username = holder != null ? holder.username() : owner;
        String name = username == null ? "Someone" : nameOf(username);
        String who = name + (finished ? " completed this task" : " claimed this task")
                + (holder == null ? "" : " " + when(holder.at()));
        String why = finished ? "it is already completed" : owner + " has claimed it";
        return new TaskTakenException("Task " + taskId + " cannot be " + verb + " now: " + why + " (" + who + ")",
                who);
    }

    /** Centre staff by their name; others (EQAs, quality managers) by their account's display name. */
    private String nameOf(String username) {
        return staff.findByUsername(username).map(StaffMember::getName)
                .or(() -> users.findById(username).map(AppUser::getDisplayName))
                .filter(n -> !n.isBlank()).orElse(username);
    }

    /** "at 09:14" today, "at 09:14 on 3 Nov 2026" before, in the clock's zone. */
    private String when(Instant at) {
        ZonedDateTime time = at.atZone(clock.getZone());
        return "at " + TIME.format(time)
                + (time.toLocalDate().equals(LocalDate.now(clock)) ? "" : " on " + DAY.format(time));
    }

    private void transition(String taskId, String transition, Map<String, Object> data, IdentityProvider identity) {
        try {
            userTasks.transition(taskId, transition, new HashMap<>(data), identity)
                    .orElseThrow(() -> new NotFoundException("There is no task " + taskId + " among yours"));
        } catch (UserTaskInstanceNotAuthorizedException e) {
            String owner = userTasks.getUserTaskInstance(taskId, identity).map(UserTaskView::getActualOwner)
                    .orElse(null);
            if (owner != null && !owner.equals(identity.getName())) {
                throw taken(taskId, past(transition), owner, false);
            }
            throw new AccessDeniedException("Task " + taskId + " is not yours to " + transition);
        } catch (WorkItemNotFoundException e) {
            // The process has moved past the task: someone completed it in a transaction that committed meanwhile.
            throw taken(taskId, past(transition), null, true);
        } catch (RuntimeException e) {
            // The engine reports a transition its lifecycle forbids (e.g. claiming a task someone else just
            // reserved) as a bare RuntimeException "Invalid transition ...", not always as UserTaskTransitionException.
            if (!(e instanceof UserTaskTransitionException) && !String.valueOf(e.getMessage()).startsWith("Invalid transition")) {
                throw e;
            }
            UserTaskView task = userTasks.getUserTaskInstance(taskId, identity).orElse(null);
            String owner = task == null ? null : task.getActualOwner();
            boolean finished = task == null || (task.getStatus() != null && task.getStatus().isTerminate());
            if (finished || (owner != null && !owner.equals(identity.getName()))) {
                throw taken(taskId, past(transition), owner, finished);
            }
            throw new ConflictException("Task " + taskId + " cannot be " + past(transition) + " now");
        }
    }

    private IdentityProvider identity(AppUser user) {
        return IdentityProviders.of(user.getUsername(), groupsOf(user));
    }

    /** The task groups a user belongs to: their role, and for an IQA their centre's IQAs (qualified or not). */
    public List<String> groupsOf(AppUser user) {
        List<String> groups = new ArrayList<>();
        groups.add(user.getRole().name());
        if (user.getCentreId() != null) {
            Centre centre = centres.findById(user.getCentreId()).orElseThrow();
            switch (user.getRole()) {
                case IQA -> {
                    groups.add(TaskGroups.iqas(centre.getCode()));
                    if (isQualifiedIqa(user)) {
                        groups.add(TaskGroups.qualifiedIqas(centre.getCode()));
                    }
                }
                default -> { }
            }
        }
        return groups;
    }

    /** Qualified: eligible with no conditions, so not merely working towards an IQA qualification. */
    private boolean isQualifiedIqa(AppUser user) {
        Optional<StaffMember> member = staff.findByUsername(user.getUsername());
        if (member.isEmpty()) {
            return false;
        }
        var result = rules.staffEligibility(StaffEligibilityRequest.of(member.get(), LocalDate.now(clock)));
        return result.eligible() && result.conditions().isEmpty();
    }

    private static Long asLong(Object value) {
        return value instanceof Number n ? n.longValue() : value == null ? null : Long.valueOf(value.toString());
    }

    private static String past(String transition) {
        return transition.endsWith("e") ? transition + "d" : transition + "ed";
    }
}
