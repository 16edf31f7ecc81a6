package org.qaflow.eqa;

import jakarta.persistence.*;

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

    protected VisitSample() {
    }

    public VisitSample(Long visitId, Long claimId, String reasons) {
        this.visitId = visitId;
        this.claimId = claimId;
        this.reasons = reasons;
    }

    public Long getId() { return id; }
    public Long getVisitId() { return visitId; }
    public Long getClaimId() { return claimId; }
    public String getReasons() { return reasons; }
    public String getFinding() { return finding; }
    public void setFinding(String finding) { this.finding = finding; }
}
