package org.qaflow;

import org.qaflow.rules.RuleSetRegistry;
import org.qaflow.sampledata.SampleDataLoader;
import org.qaflow.sampledata.SampleJourneys;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * What qaflow does when it starts, in order, before the web server accepts a request: fill an empty database from
 * sample-data/, build the active rule set (it needs the catalogue), then drive the demo claims (they need the rules).
 */
@Component
public class Startup implements SmartInitializingSingleton {

    private final SampleDataLoader sampleData;
    private final RuleSetRegistry rules;
    private final SampleJourneys journeys;

    public Startup(SampleDataLoader sampleData, RuleSetRegistry rules, SampleJourneys journeys) {
        this.sampleData = sampleData;
        this.rules = rules;
        this.journeys = journeys;
    }

    @Override
    public void afterSingletonsInstantiated() {
        boolean freshDatabase = sampleData.loadIfEmpty();
        rules.start();
        if (freshDatabase) {
            journeys.drive();
        }
    }
}
