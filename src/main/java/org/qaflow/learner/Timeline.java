package org.qaflow.learner;

import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;

/** Writes claim timeline entries; every step of the journey goes through here. */
@Component
public class Timeline {

    private final ClaimEventRepository events;
    private final Clock clock;

    public Timeline(ClaimEventRepository events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    public void record(Claim claim, String unitRef, String actor, String what, String detail, String ruleSetVersion) {
        events.save(new ClaimEvent(claim.getId(), unitRef, Instant.now(clock), actor, what, detail, ruleSetVersion));
    }

    public void record(Claim claim, String actor, String what, String detail) {
        record(claim, null, actor, what, detail, null);
    }
}
