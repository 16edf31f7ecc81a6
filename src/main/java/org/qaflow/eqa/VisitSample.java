package org.qaflow.eqa;

import jakarta.persistence.*;

import java.time.Instant;

/** A claim the sampling rules chose for the EQA to review at a visit, why, and what the EQA found. */
@Entity
@Table(name = "eqa_visit_sample")
public class VisitSample {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private Long visitId;
    private Long claimId;
    private String reasons;
    private String finding;
    private String addedBy;
    private String addedReason;
    private Instant addedAt;
    private String removedBy;
    private String removedReason;
    private Instant removedAt;

    protected VisitSample() {
    }

    public VisitSample(Long visitId, Long claimId, String reasons) {
        this.visitId = visitId;
        this.claimId = claimId;
        this.reasons = reasons;
    }

    /** The EQA's own addition to the sample the rules chose. */
    public static VisitSample addedByEqa(Long visitId, Long claimId, String reason, String by, Instant at) {
        VisitSample sample = new VisitSample(visitId, claimId, "added by the EQA: " + reason);
        sample.addedBy = by;
        sample.addedReason = reason;
        sample.addedAt = at;
        return sample;
    }

    /** Taken out of the sample by the EQA; the row stays as the record of the change. */
    public void remove(String reason, String by, Instant at) {
        this.removedReason = reason;
        this.removedBy = by;
        this.removedAt = at;
    }

    public boolean isRemoved() { return removedAt != null; }
    public String getAddedBy() { return addedBy; }
    public String getAddedReason() { return addedReason; }
    public Instant getAddedAt() { return addedAt; }
    public String getRemovedBy() { return removedBy; }
    public String getRemovedReason() { return removedReason; }
    public Instant getRemovedAt() { return removedAt; }
    public Long getId() { return id; }
    public Long getVisitId() { return visitId; }
    public Long getClaimId() { return claimId; }
    public String getReasons() { return reasons; }
    public String getFinding() { return finding; }
    public void setFinding(String finding) { this.finding = finding; }
}
