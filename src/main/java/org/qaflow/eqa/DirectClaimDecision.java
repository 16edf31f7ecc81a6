package org.qaflow.eqa;

import jakarta.persistence.*;
import org.qaflow.rules.DirectClaimRecommendation.Recommendation;

import java.time.Instant;

/** A quality manager's decision on a centre's direct claim status, with what the rules recommended at the time. */
@Entity
@Table(name = "direct_claim_decision")
public class DirectClaimDecision {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private Long centreId;
    private boolean granted;
    @Enumerated(EnumType.STRING)
    private Recommendation recommendation;
    private int ruleSetVersion;
    /** Decided against the recommendation: then the reason is required. */
    private boolean overruled;
    private String reason;
    private String decidedBy;
    private Instant decidedAt;

    protected DirectClaimDecision() {
    }

    DirectClaimDecision(Long centreId, boolean granted, Recommendation recommendation, int ruleSetVersion,
                        boolean overruled, String reason, String decidedBy, Instant decidedAt) {
        this.centreId = centreId;
        this.granted = granted;
        this.recommendation = recommendation;
        this.ruleSetVersion = ruleSetVersion;
        this.overruled = overruled;
        this.reason = reason;
        this.decidedBy = decidedBy;
        this.decidedAt = decidedAt;
    }

    public Long getId() { return id; }
    public Long getCentreId() { return centreId; }
    public boolean isGranted() { return granted; }
    public Recommendation getRecommendation() { return recommendation; }
    public int getRuleSetVersion() { return ruleSetVersion; }
    public boolean isOverruled() { return overruled; }
    public String getReason() { return reason; }
    public String getDecidedBy() { return decidedBy; }
    public Instant getDecidedAt() { return decidedAt; }
}
