package org.qaflow;

import org.qaflow.rules.RuleSetRegistry;
import org.qaflow.sampledata.SampleDataLoader;
import org.qaflow.sampledata.SampleJourneys;
import org.qaflow.workflow.ClaimProcessAdoption;
import org.qaflow.workflow.EqaCoverage;
import org.qaflow.workflow.TaskInboxWriter;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * What qaflow does when it starts, in order, before the web server accepts a request: fill an empty database from
 * sample-data/, build the active rule set (it needs the catalogue), give claims from an older qaflow their claim
 * process (after the task inbox has every open task of an older database), see that every centre has an EQA and its next
 * visit scheduled, then drive the demo claims (they need the rules and the EQAs).
 */
@Component
public class Startup implements SmartInitializingSingleton {

    private final SampleDataLoader sampleData;
    private final RuleSetRegistry rules;
    private final SampleJourneys journeys;
    private final EqaCoverage eqaCoverage;
    private final ClaimProcessAdoption adoption;
    private final TaskInboxWriter inbox;

    public Startup(SampleDataLoader sampleData, RuleSetRegistry rules, SampleJourneys journeys,
                   EqaCoverage eqaCoverage, ClaimProcessAdoption adoption, TaskInboxWriter inbox) {
        this.inbox = inbox;
        this.sampleData = sampleData;
        this.rules = rules;
        this.journeys = journeys;
        this.eqaCoverage = eqaCoverage;
        this.adoption = adoption;
    }

    @Override
    public void afterSingletonsInstantiated() {
        boolean freshDatabase = sampleData.loadIfEmpty();
        rules.start();
        inbox.backfill();
        adoption.adoptClaimsWithoutProcess();
        eqaCoverage.coverEveryCentre();
        if (freshDatabase) {
            journeys.drive();
        }
    }
}
