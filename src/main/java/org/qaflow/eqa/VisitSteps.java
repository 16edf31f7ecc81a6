package org.qaflow.eqa;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/** The automatic step of the EQA-visit process (processes/eqa-visit.bpmn). */
@Component
public class VisitSteps {

    private VisitService visits;

    public VisitSteps() {
    }

    @Autowired
    void setVisits(VisitService visits) {
        this.visits = visits;
    }

    public void applyOutcome(Long visitId) {
        visits.applyOutcome(visitId);
    }
}
