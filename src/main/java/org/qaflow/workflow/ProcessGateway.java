package org.qaflow.workflow;

import org.kie.kogito.Model;
import org.kie.kogito.process.Process;
import org.kie.kogito.process.ProcessInstance;
import org.kie.kogito.process.Processes;
import org.kie.kogito.process.impl.Sig;
import org.qaflow.task.TaskGroups;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Starts the journey's processes and signals waiting claim instances; callers pass the application ids. */
@Component
public class ProcessGateway {

    /** Signals the claim process waits on (processes/qualification-claim.bpmn). */
    public static final String EQA_RELEASED = "eqaReleased";
    public static final String DIRECT_CLAIM_GRANTED = "directClaimGranted";

    /**
     * Looked up when used, not injected: the processes' own steps use this gateway (a visit's outcome signals the
     * claims it releases), and a process is built with its steps.
     */
    private final ObjectProvider<Processes> processes;

    public ProcessGateway(ObjectProvider<Processes> processes) {
        this.processes = processes;
    }

    private Process<? extends Model> process(String id) {
        return processes.getObject().processById(id);
    }

    /** @return the claim process instance id; the unit-assessment instances are its call activities */
    public String startClaim(long claimId, List<Long> claimUnitIds, String assessor, String centreCode) {
        return start(process("qualificationClaim"), Map.of(
                "claimId", claimId,
                "unitIds", List.copyOf(claimUnitIds),
                "assessor", assessor,
                "iqaGroup", TaskGroups.iqas(centreCode),
                "qualifiedIqaGroup", TaskGroups.qualifiedIqas(centreCode)));
    }

    public String startEqaVisit(long visitId, String eqa, boolean remote) {
        return start(process("eqaVisit"), Map.of("visitId", visitId, "eqa", eqa, "remote", remote));
    }

    /** @return whether the claim instance is still running to receive it (a finished claim ignores a late signal) */
    public boolean signalClaim(String processInstanceId, String signal) {
        Optional<? extends ProcessInstance<? extends Model>> instance = processInstanceId == null ? Optional.empty()
                : process("qualificationClaim").instances().findById(processInstanceId);
        instance.ifPresent(i -> {
            i.send(Sig.of(signal));
            i.checkError();
        });
        return instance.isPresent();
    }

    private static <T extends Model> String start(Process<T> process, Map<String, Object> variables) {
        T model = process.createModel();
        model.fromMap(variables);
        ProcessInstance<T> instance = process.createInstance(model);
        instance.start();
        instance.checkError();
        return instance.id();
    }
}
