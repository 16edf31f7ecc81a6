package org.qaflow.centre;

import org.qaflow.security.AppUser;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;

/** Writes administrative changes on the audit trail, in the caller's transaction, as the authenticated user. */
@Component
public class AdminLog {

    private final AdminEventRepository events;
    private final Clock clock;

    public AdminLog(AdminEventRepository events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    public void record(AppUser actor, Centre centre, String subject, String action, String detail) {
        events.save(new AdminEvent(Instant.now(clock), actor.getUsername(), centre == null ? null : centre.getId(),
                subject, action, detail));
    }
}
