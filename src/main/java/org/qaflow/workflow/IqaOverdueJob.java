package org.qaflow.workflow;

import org.qaflow.learner.ClaimUnit;
import org.qaflow.learner.ClaimUnitRepository;
import org.qaflow.learner.Timeline;
import org.qaflow.learner.UnitStatus;
import org.qaflow.workflow.JobHandler;
import org.springframework.stereotype.Component;

import java.util.EnumSet;

/** A sampled decision still waiting for its IQA when the wait runs out: the claim's timeline says it is overdue. */
@Component
public class IqaOverdueJob implements JobHandler {

    public static final String KIND = "IQA_OVERDUE";
    /** How long a sampled decision may wait for the IQA (or the countersignature) before it is flagged. */
    public static final int DAYS_ALLOWED = 14;

    private final ClaimUnitRepository claimUnits;
    private final Timeline timeline;

    public IqaOverdueJob(ClaimUnitRepository claimUnits, Timeline timeline) {
        this.claimUnits = claimUnits;
        this.timeline = timeline;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public void run(long claimUnitId) {
        ClaimUnit unit = claimUnits.findById(claimUnitId).orElseThrow();
        if (EnumSet.of(UnitStatus.SAMPLED_FOR_IQA, UnitStatus.AWAITING_COUNTERSIGNATURE).contains(unit.getStatus())) {
            timeline.record(unit.getClaim(), unit.getUnitRef(), "scheduler", "IQA verification overdue",
                    unit.getStatus().words() + " for more than " + DAYS_ALLOWED + " days", null);
        }
    }
}
