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
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/** Starts the journey's processes and signals waiting claim instances; callers pass the application ids. */
@Component
public class ProcessGateway {

    /** Signals the claim process waits on (processes/qualification-claim.bpmn). */
    public static final String UNITS_VERIFIED = "unitsVerified";
    public static final String EQA_RELEASED = "eqaReleased";
    public static final String DIRECT_CLAIM_GRANTED = "directClaimGranted";
    /** Claim signals waiting, in this transaction, for the engine call that raised them to return. */
    private static final Object PENDING = ProcessGateway.class.getName() + ".pending";

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

    /**
     * A claim registered before the claim process existed joins it part-way: at "every unit verified" while its
     * units are still being assessed (their own processes run on and signal it), or at the rules of combination once
     * they are all verified.
     */
    public String adoptClaim(long claimId, String assessor, String centreCode, boolean unitsVerified) {
        Process<? extends Model> process = process("qualificationClaim");
        return startFrom(process, unitsVerified ? "applyCombination" : "catch_units", Map.of(
                "claimId", claimId,
                "unitIds", List.of(),
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

    /**
     * Signals the claim once the engine call that led here has returned and saved its instances: a step of another
     * process (a unit's) calls this, and signalled at once the claim would be moved inside that step. The workflow
     * sends what is pending after each engine call it makes; whatever is left goes just before the commit.
     */
    public void signalClaimAfterThisStep(String processInstanceId, String signal) {
        Set<List<String>> pending = BeforeCommit.gather(PENDING, BeforeCommit.Stage.MOVE_ENGINE, LinkedHashSet::new,
                signals -> sendPendingSignals());
        if (pending == null) {
            throw new IllegalStateException("A claim is signalled after an engine step only inside a transaction");
        }
        pending.add(List.of(processInstanceId, signal));
    }

    public void sendPendingSignals() {
        Set<List<String>> pending = BeforeCommit.gathered(PENDING);
        while (pending != null && !pending.isEmpty()) {
            List<String> next = pending.iterator().next();
            pending.remove(next);
            signalClaim(next.get(0), next.get(1));
        }
    }

    private static <T extends Model> String startFrom(Process<T> process, String node, Map<String, Object> variables) {
        T model = process.createModel();
        model.fromMap(variables);
        ProcessInstance<T> instance = process.createInstance(model);
        instance.startFrom(node);
        instance.checkError();
        return instance.id();
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
