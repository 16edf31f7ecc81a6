package org.qaflow.learner;

import jakarta.persistence.*;

import java.time.Instant;

/** A certificate number no longer valid: replaced by another after a correction of the learner's record. */
@Entity
@org.hibernate.annotations.Immutable
@Table(name = "replaced_certificate")
public class ReplacedCertificate {

    @Id
    private String certificateNumber;
    private Long claimId;
    private Instant issuedAt;
    private String replacedBy;
    private Instant replacedAt;
    private String reason;

    protected ReplacedCertificate() {
    }

    public ReplacedCertificate(String certificateNumber, Long claimId, Instant issuedAt, String replacedBy,
                               Instant replacedAt, String reason) {
        this.certificateNumber = certificateNumber;
        this.claimId = claimId;
        this.issuedAt = issuedAt;
        this.replacedBy = replacedBy;
        this.replacedAt = replacedAt;
        this.reason = reason;
    }

    public String getCertificateNumber() { return certificateNumber; }
    public Long getClaimId() { return claimId; }
    public Instant getIssuedAt() { return issuedAt; }
    public String getReplacedBy() { return replacedBy; }
    public Instant getReplacedAt() { return replacedAt; }
    public String getReason() { return reason; }
}
