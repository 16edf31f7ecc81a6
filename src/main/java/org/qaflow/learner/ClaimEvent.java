package org.qaflow.learner;

import jakarta.persistence.*;
import java.time.Instant;

/**
 * One step of a claim's timeline: what happened, who did it, when, and which rule set decided it. Part of the audit
 * trail, so immutable: Hibernate never writes an update for it (and the database refuses one, V6_1).
 */
@Entity
@org.hibernate.annotations.Immutable
@Table(name = "claim_event")
public class ClaimEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private Long claimId;
    private String unitRef;
    private Instant occurredAt;
    private String actor;
    private String what;
    private String detail;
    private String ruleSetVersion;

    protected ClaimEvent() {
    }

    public ClaimEvent(Long claimId, String unitRef, Instant occurredAt, String actor, String what, String detail,
                      String ruleSetVersion) {
        this.claimId = claimId;
        this.unitRef = unitRef;
        this.occurredAt = occurredAt;
        this.actor = actor;
        this.what = what;
        this.detail = detail;
        this.ruleSetVersion = ruleSetVersion;
    }

    public Long getId() { return id; }
    public Long getClaimId() { return claimId; }
    public String getUnitRef() { return unitRef; }
    public Instant getOccurredAt() { return occurredAt; }
    public String getActor() { return actor; }
    public String getWhat() { return what; }
    public String getDetail() { return detail; }
    public String getRuleSetVersion() { return ruleSetVersion; }
}
