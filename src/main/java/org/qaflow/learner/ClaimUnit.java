package org.qaflow.learner;

import jakarta.persistence.*;
import java.time.Instant;

@Entity
@Table(name = "claim_unit")
public class ClaimUnit {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "claim_id")
    private Claim claim;
    private String unitRef;
    @Enumerated(EnumType.STRING)
    private UnitStatus status;
    private String processInstanceId;
    private Instant signedOffAt;
    private Instant verifiedAt;

    protected ClaimUnit() {
    }

    ClaimUnit(Claim claim, String unitRef) {
        this.claim = claim;
        this.unitRef = unitRef;
        this.status = UnitStatus.AWAITING_ASSESSMENT;
    }

    public Long getId() { return id; }
    public Claim getClaim() { return claim; }
    public String getUnitRef() { return unitRef; }
    public UnitStatus getStatus() { return status; }
    public String getProcessInstanceId() { return processInstanceId; }
    public Instant getSignedOffAt() { return signedOffAt; }
    public Instant getVerifiedAt() { return verifiedAt; }

    public void setStatus(UnitStatus status) { this.status = status; }
    public void setProcessInstanceId(String processInstanceId) { this.processInstanceId = processInstanceId; }
    public void setSignedOffAt(Instant signedOffAt) { this.signedOffAt = signedOffAt; }
    public void setVerifiedAt(Instant verifiedAt) { this.verifiedAt = verifiedAt; }
}
