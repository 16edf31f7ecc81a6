package org.qaflow.eqa;

import org.qaflow.workflow.JobHandler;
import org.springframework.stereotype.Component;

/** The yearly visit falls due: open the next visit for the centre's EQA to plan. */
@Component
public class VisitDueJob implements JobHandler {

    private final VisitService visits;

    public VisitDueJob(VisitService visits) {
        this.visits = visits;
    }

    @Override
    public String kind() {
        return VisitService.VISIT_DUE;
    }

    @Override
    public void run(long centreId) {
        visits.openVisitIfNoneOpen(centreId, "scheduler");
    }
}
