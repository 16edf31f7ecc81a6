package org.qaflow.workflow;

import org.kie.kogito.auth.IdentityProviders;
import org.kie.kogito.usertask.UserTaskEventListener;
import org.kie.kogito.usertask.UserTaskInstance;
import org.kie.kogito.usertask.UserTaskService;
import org.kie.kogito.usertask.events.UserTaskAssignmentEvent;
import org.kie.kogito.usertask.events.UserTaskStateEvent;
import org.kie.kogito.usertask.lifecycle.UserTaskState;
import org.kie.kogito.usertask.view.UserTaskView;
import org.qaflow.centre.Centre;
import org.qaflow.centre.CentreRepository;
import org.qaflow.eqa.EqaVisit;
import org.qaflow.eqa.EqaVisitRepository;
import org.qaflow.learner.ClaimUnit;
import org.qaflow.learner.ClaimUnitRepository;
import org.qaflow.task.TaskInbox;
import org.qaflow.task.Tasks;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps the task inbox in step with the engine. The engine calls user-task listeners synchronously, inside the
 * transaction of whoever created or moved the task, and the JDBC template writes through that transaction's
 * connection: the inbox row commits or rolls back with the task itself. An ended task leaves the inbox. Kogito's
 * generated configuration hands every UserTaskEventListener bean to the engine.
 * <p>
 * The engine reports each change to a task on its own: a new assessment task came as nine events (its users, owner,
 * inputs and state one by one), and each rewrote the row and its parties. Only where the task stands at the commit
 * matters, so the changed tasks are written once, just before the commit; a read of the inbox in the same
 * transaction writes them first.
 */
@Component
public class TaskInboxWriter implements UserTaskEventListener {

    private final TaskInbox inbox;
    private final ClaimUnitRepository claimUnits;
    private final EqaVisitRepository visits;
    private final CentreRepository centres;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final UserTaskService userTasks;

    public TaskInboxWriter(TaskInbox inbox, ClaimUnitRepository claimUnits, EqaVisitRepository visits,
                           CentreRepository centres, JdbcTemplate jdbc, Clock clock,
                           @org.springframework.context.annotation.Lazy UserTaskService userTasks) {
        this.inbox = inbox;
        this.claimUnits = claimUnits;
        this.visits = visits;
        this.centres = centres;
        this.jdbc = jdbc;
        this.clock = clock;
        this.userTasks = userTasks;
        inbox.beforeEachRead(this::writeWaiting);
    }

    @Override
    public void onUserTaskState(UserTaskStateEvent event) {
        hold(event.getUserTaskInstance());
    }

    @Override
    public void onUserTaskAssignment(UserTaskAssignmentEvent event) {
        hold(event.getUserTaskInstance());
    }

    /** Until the commit, the task as it last stood; outside a transaction it is written at once. */
    private void hold(UserTaskInstance task) {
        if (task.getId() == null) {
            return;
        }
        Map<String, UserTaskInstance> waiting = BeforeCommit.gather(this, BeforeCommit.Stage.STORE,
                LinkedHashMap::new, held -> BeforeCommit.writeAll(held, this::write));
        if (waiting == null) {
            write(task);
        } else {
            waiting.put(task.getId(), task);
        }
    }

    private void writeWaiting() {
        BeforeCommit.<UserTaskInstance>writeHeld(this, this::write);
    }

    private void write(UserTaskInstance task) {
        write(task.getId(), task.getTaskName(), task.getStatus(), task.getActualOwner(), task.getInputs(),
                task.getSlaDueDate(), task.getPotentialUsers(), task.getPotentialGroups(), task.getExcludedUsers());
    }

    private void write(String id, String name, UserTaskState status, String owner, Map<String, Object> inputs,
                       Date due, Set<String> users, Set<String> groups, Set<String> excluded) {
        if (status == null || status.isTerminate()) {
            inbox.remove(id);
            return;
        }
        Long claimUnitId = number(inputs, "claimUnitId");
        Long visitId = number(inputs, "visitId");
        Long claimId = null;
        String unitRef = null;
        String centre = null;
        if (claimUnitId != null) {
            // By the persistence context, not SQL: the unit may be saved but not yet flushed in this transaction.
            ClaimUnit unit = claimUnits.findById(claimUnitId).orElse(null);
            if (unit != null) {
                claimId = unit.getClaim().getId();
                unitRef = unit.getUnitRef();
                centre = unit.getClaim().getCentre().getCode();
            }
        } else if (visitId != null) {
            centre = visits.findById(visitId).map(EqaVisit::getCentreId).flatMap(centres::findById)
                    .map(Centre::getCode).orElse(null);
        }
        String taskName = name == null ? "" : name;
        inbox.put(new TaskInbox.Entry(id, taskName, Tasks.inWords(taskName), claimId, claimUnitId, unitRef, visitId,
                centre, owner, status.getName(), due == null ? null : due.toInstant(), orEmpty(users), orEmpty(groups),
                orEmpty(excluded)), Instant.now(clock));
    }

    /**
     * Once, for a database from before the inbox (or one the inbox missed): every open task in the engine's store that
     * the inbox lacks is written, and rows of tasks the store no longer has open are dropped.
     *
     * @return how many tasks were written
     */
    @Transactional
    public int backfill() {
        jdbc.update("delete from task_inbox where task_id not in "
                + "(select id from jbpm_user_tasks where termination_type is null)");
        List<String> missing = jdbc.queryForList("select u.id from jbpm_user_tasks u where u.termination_type is null "
                + "and not exists (select 1 from task_inbox t where t.task_id = u.id)", String.class);
        // Reading a task by id needs no particular identity; acting on it does, and the backfill only reads.
        var reader = IdentityProviders.of("qaflow-inbox-backfill", List.of());
        int written = 0;
        for (String id : missing) {
            UserTaskView task = userTasks.getUserTaskInstance(id, reader).orElse(null);
            if (task != null) {
                write(task.getId(), task.getTaskName(), task.getStatus(), task.getActualOwner(), task.getInputs(),
                        null, task.getPotentialUsers(), task.getPotentialGroups(), task.getExcludedUsers());
                written++;
            }
        }
        return written;
    }

    private static Set<String> orEmpty(Set<String> names) {
        return names == null ? Set.of() : names;
    }

    private static Long number(Map<String, Object> inputs, String name) {
        Object value = inputs == null ? null : inputs.get(name);
        return value instanceof Number n ? n.longValue() : value == null ? null : Long.valueOf(value.toString());
    }
}
