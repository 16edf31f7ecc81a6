package org.qaflow.rules;

import jakarta.persistence.*;

import java.time.Instant;

/** One decision made by the rules: the answer to "why was this assessor refused?" months later. */
@Entity
@Table(name = "rule_decision")
public class RuleDecision {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private String kind;
    private int ruleSetVersion;
    /** Names of the rules that fired, one per line. */
    @Column(length = 20000)
    private String firedRules;
    @Column(length = 1000000)
    private String request;
    @Column(length = 1000000)
    private String outcome;
    private String decidedBy;
    private Instant decidedAt;

    protected RuleDecision() {
    }

    RuleDecision(String kind, int ruleSetVersion, String firedRules, String request, String outcome,
                 String decidedBy, Instant decidedAt) {
        this.kind = kind;
        this.ruleSetVersion = ruleSetVersion;
        this.firedRules = firedRules;
        this.request = request;
        this.outcome = outcome;
        this.decidedBy = decidedBy;
        this.decidedAt = decidedAt;
    }

    public Long getId() { return id; }
    public String getKind() { return kind; }
    public int getRuleSetVersion() { return ruleSetVersion; }
    public String getFiredRules() { return firedRules; }
    public String getRequest() { return request; }
    public String getOutcome() { return outcome; }
    public String getDecidedBy() { return decidedBy; }
    public Instant getDecidedAt() { return decidedAt; }
}
