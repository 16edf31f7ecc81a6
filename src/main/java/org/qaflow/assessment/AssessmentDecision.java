package org.qaflow.assessment;

import jakarta.persistence.*;
import java.time.Instant;

/** An assessor's sign-off of a unit, what the sampling rules made of it, and the IQA's verdict if sampled. */
@Entity
@Table(name = "assessment_decision")
public class AssessmentDecision {

    public enum IqaOutcome { ACCEPTED, REFERRED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private Long claimUnitId;
    private Long assessorId;
    private Instant decidedAt;
    private boolean simulatedEvidence;
    private boolean sampled;
    private String samplingReasons;
    private String ruleSetVersion;
    private String iqaUsername;
    @Enumerated(EnumType.STRING)
    private IqaOutcome iqaOutcome;
    private String iqaReason;
    private Instant iqaDecidedAt;
    private String countersignedBy;
    private Instant countersignedAt;

    protected AssessmentDecision() {
    }

    public AssessmentDecision(Long claimUnitId, Long assessorId, Instant decidedAt, boolean simulatedEvidence) {
        this.claimUnitId = claimUnitId;
        this.assessorId = assessorId;
        this.decidedAt = decidedAt;
        this.simulatedEvidence = simulatedEvidence;
    }

    public void sampling(boolean sampled, String reasons, String ruleSetVersion) {
        this.sampled = sampled;
        this.samplingReasons = reasons;
        this.ruleSetVersion = ruleSetVersion;
    }

    public void iqaVerdict(String iqa, IqaOutcome outcome, String reason, Instant at) {
        this.iqaUsername = iqa;
        this.iqaOutcome = outcome;
        this.iqaReason = reason;
        this.iqaDecidedAt = at;
    }

    public void countersign(String by, Instant at) {
        this.countersignedBy = by;
        this.countersignedAt = at;
    }

    public Long getId() { return id; }
    public Long getClaimUnitId() { return claimUnitId; }
    public Long getAssessorId() { return assessorId; }
    public Instant getDecidedAt() { return decidedAt; }
    public boolean isSimulatedEvidence() { return simulatedEvidence; }
    public boolean isSampled() { return sampled; }
    public String getSamplingReasons() { return samplingReasons; }
    public String getRuleSetVersion() { return ruleSetVersion; }
    public String getIqaUsername() { return iqaUsername; }
    public IqaOutcome getIqaOutcome() { return iqaOutcome; }
    public String getIqaReason() { return iqaReason; }
    public Instant getIqaDecidedAt() { return iqaDecidedAt; }
    public String getCountersignedBy() { return countersignedBy; }
}
