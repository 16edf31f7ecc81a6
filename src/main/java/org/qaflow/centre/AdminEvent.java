package org.qaflow.centre;

import jakarta.persistence.*;
import org.hibernate.annotations.Immutable;

import java.time.Instant;

/**
 * One administrative change (a centre created or approved, a risk rating, an EQA appointed, staff added, CPD recorded,
 * an interest declared): who, when, what. Appended, never changed: the history of a centre is read from these.
 */
@Entity
@Immutable
@Table(name = "admin_event")
public class AdminEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private Instant occurredAt;
    private String actor;
    private Long centreId;
    /** Whom or what the change is about within the centre: a staff member's username, a qualification. */
    private String subject;
    private String action;
    private String detail;

    protected AdminEvent() {
    }

    public AdminEvent(Instant occurredAt, String actor, Long centreId, String subject, String action, String detail) {
        this.occurredAt = occurredAt;
        this.actor = actor;
        this.centreId = centreId;
        this.subject = subject;
        this.action = action;
        this.detail = detail;
    }

    public Instant getOccurredAt() { return occurredAt; }
    public String getActor() { return actor; }
    public Long getCentreId() { return centreId; }
    public String getSubject() { return subject; }
    public String getAction() { return action; }
    public String getDetail() { return detail; }
}
