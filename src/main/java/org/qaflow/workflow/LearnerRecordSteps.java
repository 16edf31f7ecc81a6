package org.qaflow.workflow;

import org.kie.kogito.Model;
import org.kie.kogito.process.ProcessInstance;
import org.kie.kogito.process.Processes;
import org.kie.kogito.usertask.UserTaskInstance;
import org.kie.kogito.usertask.UserTasks;
import org.kie.kogito.usertask.impl.DefaultUserTaskInstance;
import org.qaflow.learner.AssessorReassigned;
import org.qaflow.learner.Claim;
import org.qaflow.learner.ClaimRepository;
import org.qaflow.learner.ClaimUnit;
import org.qaflow.learner.ClaimWithdrawn;
import org.qaflow.task.TaskInbox;
import org.qaflow.task.Tasks;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Moves the engine after the provider changed a learner's record, in the same transaction (listeners run
 * synchronously): a new assessor takes over the processes and their open assessment tasks; a withdrawal stops them.
 */
@Component
public class LearnerRecordSteps {

    private static final String CLAIM_PROCESS = "qualificationClaim";
    private static final String UNIT_PROCESS = "unitAssessment";

    private final ObjectProvider<Processes> processes;
    private final ObjectProvider<UserTasks> userTasks;
    private final TaskInbox inbox;
    private final ClaimRepository claims;

    public LearnerRecordSteps(ObjectProvider<Processes> processes, ObjectProvider<UserTasks> userTasks,
                              TaskInbox inbox, ClaimRepository claims) {
        this.processes = processes;
        this.userTasks = userTasks;
        this.inbox = inbox;
        this.claims = claims;
    }

    @EventListener
    public void assessorReassigned(AssessorReassigned event) {
        Claim claim = claims.findById(event.claimId()).orElseThrow();
        // The processes hand the "assessor" variable to every later assessment task (after a referral, say) and
        // exclude that person from verifying their own decision: it must name the new assessor from now on.
        instance(CLAIM_PROCESS, claim.getProcessInstanceId()).ifPresent(i -> setAssessor(i, event.to()));
        for (ClaimUnit unit : claim.getUnits()) {
            instance(UNIT_PROCESS, unit.getProcessInstanceId()).ifPresent(i -> setAssessor(i, event.to()));
        }
        for (String taskId : inbox.openOnClaim(claim.getId(), Tasks.ASSESS_UNIT)) {
            userTasks.getObject().instances().findById(taskId).ifPresent(task -> moveTask(task, event.from(),
                    event.to()));
        }
    }

    @EventListener
    public void claimWithdrawn(ClaimWithdrawn event) {
        Claim claim = claims.findById(event.claimId()).orElseThrow();
        // Units first: aborting an instance cancels its open tasks, which leave the inbox with them.
        for (ClaimUnit unit : claim.getUnits()) {
            instance(UNIT_PROCESS, unit.getProcessInstanceId()).ifPresent(ProcessInstance::abort);
        }
        instance(CLAIM_PROCESS, claim.getProcessInstanceId()).ifPresent(ProcessInstance::abort);
    }

    private java.util.Optional<? extends ProcessInstance<? extends Model>> instance(String processId, String id) {
        if (id == null) {
            return java.util.Optional.empty();
        }
        return processes.getObject().processById(processId).instances().findById(id)
                .filter(i -> i.status() == ProcessInstance.STATE_ACTIVE);
    }

    private static <T extends Model> void setAssessor(ProcessInstance<T> instance, String assessor) {
        T variables = instance.variables();
        Map<String, Object> values = new HashMap<>(variables.toMap());
        values.put("assessor", assessor);
        variables.update(values);
        instance.updateVariables(variables);
    }

    private static void moveTask(UserTaskInstance task, String from, String to) {
        DefaultUserTaskInstance instance = (DefaultUserTaskInstance) task;
        Set<String> users = new HashSet<>(instance.getPotentialUsers());
        users.remove(from);
        users.add(to);
        instance.setPotentialUsers(users);
        if (from.equals(instance.getActualOwner())) {
            instance.setActualOwner(to);
        }
    }
}
