package org.qaflow.workflow;

import org.qaflow.centre.CentreRepository;
import org.qaflow.eqa.VisitService;
import org.qaflow.learner.Claim;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The automatic step of the EQA-visit process (processes/eqa-visit.bpmn): the outcome releases the claims the review
 * covered (each claim process gets the EQA's release signal) or holds them; the centre's next yearly visit is
 * scheduled, and claims still waiting get a review of their own.
 */
@Component
public class VisitSteps {

    private final VisitService visits;
    private final CentreRepository centres;
    private final ProcessGateway processes;
    private final JobScheduler jobs;

    public VisitSteps() {
        this(null, null, null, null);
    }

    @Autowired
    public VisitSteps(VisitService visits, CentreRepository centres, ProcessGateway processes, JobScheduler jobs) {
        this.visits = visits;
        this.centres = centres;
        this.processes = processes;
        this.jobs = jobs;
    }

    public void applyOutcome(Long visitId) {
        VisitService.OutcomeApplied applied = visits.applyOutcome(visitId);
        for (Claim claim : applied.released()) {
            processes.signalClaim(claim.getProcessInstanceId(), ProcessGateway.EQA_RELEASED);
        }
        applied.nextVisitDue().ifPresent(due -> jobs.schedule(VisitDueJob.KIND, applied.centreId(), due));
        visits.ensureReleaseReview(centres.findById(applied.centreId()).orElseThrow());
    }
}
