package org.qaflow.workflow;

import org.qaflow.eqa.VisitService;
import org.springframework.stereotype.Component;

/** A centre's yearly visit falls due: open it for the centre's EQA to plan. */
@Component
public class VisitDueJob implements JobHandler {

    public static final String KIND = "VISIT_DUE";

    private final VisitService visits;

    public VisitDueJob(VisitService visits) {
        this.visits = visits;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public void run(long centreId) {
        visits.openVisitIfNoneOpen(centreId, "scheduler");
    }
}
