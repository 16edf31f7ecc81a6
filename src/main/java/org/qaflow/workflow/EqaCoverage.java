package org.qaflow.workflow;

import org.qaflow.centre.Centre;
import org.qaflow.centre.CentreRepository;
import org.qaflow.eqa.VisitService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Every approved centre, with direct claim status or without, has an appointed EQA and its next visit scheduled
 * (at least yearly); claims already waiting for release have a review. Run at start-up, so a database filled
 * before this rule, or a centre added since, is covered too.
 */
@Service
@Transactional
public class EqaCoverage {

    private final CentreRepository centres;
    private final VisitService visits;
    private final JobScheduler jobs;

    public EqaCoverage(CentreRepository centres, VisitService visits, JobScheduler jobs) {
        this.centres = centres;
        this.visits = visits;
        this.jobs = jobs;
    }

    public void coverEveryCentre() {
        for (Centre centre : centres.findAll()) {
            visits.keepCovered(centre.getId()).ifPresent(due -> jobs.schedule(VisitDueJob.KIND, centre.getId(), due));
            visits.ensureReleaseReview(centre);
        }
    }
}
