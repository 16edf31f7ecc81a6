package org.qaflow.workflow;

import org.kie.kogito.Model;
import org.kie.kogito.process.Process;
import org.kie.kogito.process.ProcessInstance;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

import java.util.Map;

/** Starts the claim journey's processes; callers pass the application ids the process works on. */
@Component
public class ProcessGateway {

    private final Process<? extends Model> unitAssessment;
    private final Process<? extends Model> eqaVisit;

    /** Lazy: the processes' service tasks call back into the services that start them. */
    public ProcessGateway(@Lazy @Qualifier("unitAssessment") Process<? extends Model> unitAssessment,
                          @Lazy @Qualifier("eqaVisit") Process<? extends Model> eqaVisit) {
        this.unitAssessment = unitAssessment;
        this.eqaVisit = eqaVisit;
    }

    /** @return the process instance id */
    public String startUnitAssessment(long claimUnitId, String assessor, String centreCode) {
        return start(unitAssessment, Map.of(
                "claimUnitId", claimUnitId,
                "assessor", assessor,
                "iqaGroup", TaskGroups.iqas(centreCode),
                "qualifiedIqaGroup", TaskGroups.qualifiedIqas(centreCode)));
    }

    public String startEqaVisit(long visitId, String eqa) {
        return start(eqaVisit, Map.of("visitId", visitId, "eqa", eqa));
    }

    private static <T extends Model> String start(Process<T> process, Map<String, Object> variables) {
        T model = process.createModel();
        model.fromMap(variables);
        ProcessInstance<T> instance = process.createInstance(model);
        instance.start();
        return instance.id();
    }
}
