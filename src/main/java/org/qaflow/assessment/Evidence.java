package org.qaflow.assessment;

import jakarta.persistence.*;
import java.time.Instant;

/** Evidence mapped to one assessment criterion, with where it is in the learner's portfolio. */
@Entity
@Table(name = "evidence")
public class Evidence {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private Long claimUnitId;
    /** The criterion's key, unique within the unit; what completeness is checked against. */
    private String criterionKey;
    /** The specification's number for the criterion, as shown (not unique: L4C7 has two "1.4"). */
    private String criterionNumber;
    private int outcomeNumber;
    @Enumerated(EnumType.STRING)
    private EvidenceMethod method;
    private String location;
    private String recordedBy;
    private Instant recordedAt;

    protected Evidence() {
    }

    public Evidence(Long claimUnitId, String criterionKey, String criterionNumber, int outcomeNumber,
                    EvidenceMethod method, String location, String recordedBy, Instant recordedAt) {
        this.claimUnitId = claimUnitId;
        this.criterionKey = criterionKey;
        this.criterionNumber = criterionNumber;
        this.outcomeNumber = outcomeNumber;
        this.method = method;
        this.location = location;
        this.recordedBy = recordedBy;
        this.recordedAt = recordedAt;
    }

    public Long getId() { return id; }
    public Long getClaimUnitId() { return claimUnitId; }
    public String getCriterionKey() { return criterionKey; }
    public String getCriterionNumber() { return criterionNumber; }
    public int getOutcomeNumber() { return outcomeNumber; }
    public EvidenceMethod getMethod() { return method; }
    public String getLocation() { return location; }
    public String getRecordedBy() { return recordedBy; }
    public Instant getRecordedAt() { return recordedAt; }
}
