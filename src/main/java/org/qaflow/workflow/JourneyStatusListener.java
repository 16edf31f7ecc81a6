package org.qaflow.workflow;

import org.kie.api.event.process.ProcessNodeTriggeredEvent;
import org.kie.api.event.process.ProcessStartedEvent;
import org.kie.api.runtime.process.WorkflowProcessInstance;
import org.kie.kogito.internal.process.event.DefaultKogitoProcessEventListener;
import org.qaflow.learner.ClaimProgress;
import org.qaflow.learner.UnitStatus;
import org.springframework.stereotype.Component;

/**
 * Writes where each unit stands as its process reaches a node, so statuses come from the process in one place: a
 * user task entered means the unit waits for that person; the automatic steps record their own decisions.
 */
@Component
public class JourneyStatusListener extends DefaultKogitoProcessEventListener {

    private static final String UNIT_PROCESS = "unitAssessment";

    private final ClaimProgress progress;

    public JourneyStatusListener(ClaimProgress progress) {
        this.progress = progress;
    }

    @Override
    public void beforeProcessStarted(ProcessStartedEvent event) {
        if (event.getProcessInstance() instanceof WorkflowProcessInstance unit
                && UNIT_PROCESS.equals(unit.getProcessId())) {
            progress.unitProcessStarted(claimUnitId(unit), unit.getId());
        }
    }

    @Override
    public void beforeNodeTriggered(ProcessNodeTriggeredEvent event) {
        Object node = event.getNodeInstance().getNode().getMetaData().get("UniqueId");
        if (!(event.getProcessInstance() instanceof WorkflowProcessInstance instance) || node == null) {
            return;
        }
        if (UNIT_PROCESS.equals(instance.getProcessId())) {
            unitReached(instance, node.toString());
        }
    }

    private void unitReached(WorkflowProcessInstance unit, String node) {
        long claimUnitId = claimUnitId(unit);
        switch (node) {
            case "assessUnit" -> progress.unitAt(claimUnitId, Boolean.FALSE.equals(unit.getVariable("accepted"))
                    ? UnitStatus.REFERRED_BACK : UnitStatus.AWAITING_ASSESSMENT);
            case "decideSampling" -> progress.unitSignedOff(claimUnitId);
            case "verifyDecision" -> progress.unitAt(claimUnitId, UnitStatus.SAMPLED_FOR_IQA);
            case "countersignDecision" -> progress.unitAt(claimUnitId, UnitStatus.AWAITING_COUNTERSIGNATURE);
            default -> {
            }
        }
    }

    private static long claimUnitId(WorkflowProcessInstance unit) {
        return ((Number) unit.getVariable("claimUnitId")).longValue();
    }
}
