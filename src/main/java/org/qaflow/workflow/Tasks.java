package org.qaflow.workflow;

import org.kie.kogito.auth.IdentityProvider;
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
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
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

    public Tasks(UserTaskService userTasks, CentreRepository centres, StaffRepository staff, RuleEngine rules,
                 Clock clock, JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.userTasks = userTasks;
        this.centres = centres;
        this.staff = staff;
        this.rules = rules;
        this.clock = clock;
    }

    public List<UserTaskView> mine(AppUser user) {
        IdentityProvider identity = identity(user);
        return userTasks.list(identity).stream().filter(t -> waitingFor(t, identity)).toList();
    }

    public UserTaskView get(String taskId, AppUser user) {
        return get(taskId, identity(user));
    }

    private UserTaskView get(String taskId, IdentityProvider identity) {
        try {
            UserTaskView task = userTasks.getUserTaskInstance(taskId, identity)
                    .orElseThrow(() -> new NotFoundException("There is no task " + taskId + " among yours"));
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

    /** My work: tasks I hold, and tasks offered to me that nobody has claimed yet. */
    private static boolean waitingFor(UserTaskView task, IdentityProvider identity) {
        return offeredTo(task, identity)
                && (task.getActualOwner() == null || task.getActualOwner().equals(identity.getName()));
    }

    /** The open task of a given kind that works on one claim unit or visit, as this user sees it. */
    public Optional<UserTaskView> find(AppUser user, String taskName, String inputName, long id) {
        return mine(user).stream()
                .filter(t -> taskName.equals(t.getTaskName()))
                .filter(t -> t.getInputs() != null && Long.valueOf(id).equals(asLong(t.getInputs().get(inputName))))
                .findFirst();
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
        if (task.getActualOwner() != null && !task.getActualOwner().equals(user.getUsername())) {
            throw new ConflictException("Task " + taskId + " cannot be claimed now: " + task.getActualOwner()
                    + " has claimed it");
        }
        transition(taskId, "claim", Map.of(), identity);
    }

    /** Completes a task, claiming it first when it is still open to a group the user belongs to. */
    public void complete(String taskId, AppUser user, Map<String, Object> outputs) {
        lock(taskId);
        IdentityProvider identity = identity(user);
        UserTaskView task = get(taskId, identity);
        if (task.getActualOwner() == null) {
            transition(taskId, "claim", Map.of(), identity);
        } else if (!task.getActualOwner().equals(user.getUsername())) {
            throw new ConflictException("Task " + taskId + " cannot be completed now: " + task.getActualOwner()
                    + " has claimed it");
        }
        transition(taskId, "complete", outputs, identity);
    }

    private void transition(String taskId, String transition, Map<String, Object> data, IdentityProvider identity) {
        try {
            userTasks.transition(taskId, transition, new HashMap<>(data), identity)
                    .orElseThrow(() -> new NotFoundException("There is no task " + taskId + " among yours"));
        } catch (UserTaskInstanceNotAuthorizedException e) {
            String owner = userTasks.getUserTaskInstance(taskId, identity).map(UserTaskView::getActualOwner)
                    .orElse(null);
            if (owner != null && !owner.equals(identity.getName())) {
                throw new ConflictException("Task " + taskId + " cannot be " + past(transition) + " now: " + owner
                        + " has claimed it");
            }
            throw new AccessDeniedException("Task " + taskId + " is not yours to " + transition);
        } catch (RuntimeException e) {
            // The engine reports a transition its lifecycle forbids (e.g. claiming a task someone else just
            // reserved) as a bare RuntimeException "Invalid transition ...", not always as UserTaskTransitionException.
            if (!(e instanceof UserTaskTransitionException) && !String.valueOf(e.getMessage()).startsWith("Invalid transition")) {
                throw e;
            }
            UserTaskView task = userTasks.getUserTaskInstance(taskId, identity).orElse(null);
            String owner = task == null ? null : task.getActualOwner();
            throw new ConflictException("Task " + taskId + " cannot be " + past(transition) + " now"
                    + (owner != null && !owner.equals(identity.getName()) ? ": " + owner + " has claimed it" : ""));
        }
    }

    private IdentityProvider identity(AppUser user) {
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
        return IdentityProviders.of(user.getUsername(), groups);
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
