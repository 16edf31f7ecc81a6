package org.qaflow.workflow;

import org.qaflow.assessment.AssessmentService;
import org.qaflow.iqa.IqaService;
import org.qaflow.learner.ClaimProgress;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;

/**
 * The automatic steps of the unit-assessment process (processes/unit-assessment.bpmn). The generated process code
 * needs a no-arg constructor to compile; at run time it is given this Spring bean.
 */
@Component
public class UnitAssessmentSteps {

    private final AssessmentService assessments;
    private final IqaService iqa;
    private final ClaimProgress progress;
    private final ProcessGateway processes;
    private final JobScheduler jobs;
    private final Clock clock;

    public UnitAssessmentSteps() {
        this(null, null, null, null, null, null);
    }

    @Autowired
    public UnitAssessmentSteps(AssessmentService assessments, IqaService iqa, ClaimProgress progress,
                               ProcessGateway processes, JobScheduler jobs, Clock clock) {
        this.assessments = assessments;
        this.iqa = iqa;
        this.progress = progress;
        this.processes = processes;
        this.jobs = jobs;
        this.clock = clock;
    }

    /** A sampled decision waiting too long for its IQA is flagged on the claim's timeline. */
    public Boolean decideSampling(Long claimUnitId) {
        boolean sampled = assessments.decideIqaSampling(claimUnitId);
        if (sampled) {
            jobs.schedule(IqaOverdueJob.KIND, claimUnitId, LocalDate.now(clock).plusDays(IqaOverdueJob.DAYS_ALLOWED));
        }
        return sampled;
    }

    public Boolean decideCountersign(Long claimUnitId) {
        return iqa.needsCountersignature(claimUnitId);
    }

    /** The claim waits at "every unit verified" once it has called each unit's process; the last unit tells it. */
    public void unitVerified(Long claimUnitId) {
        assessments.unitVerified(claimUnitId);
        progress.claimOfVerifiedUnits(claimUnitId).ifPresent(claim ->
                processes.signalClaimAfterThisStep(claim, ProcessGateway.UNITS_VERIFIED));
    }
}
