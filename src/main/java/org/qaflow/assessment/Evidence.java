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
    /** Null until judged; recorded as MET at sign-off where none was given. */
    @Enumerated(EnumType.STRING)
    private Judgement judgement;
    /** To the learner: what is still needed (required when not yet met). */
    private String feedback;
    private String recordedBy;
    private Instant recordedAt;

    protected Evidence() {
    }

    public Evidence(Long claimUnitId, String criterionKey, String criterionNumber, int outcomeNumber,
                    EvidenceMethod method, String location, Judgement judgement, String feedback, String recordedBy,
                    Instant recordedAt) {
        this.claimUnitId = claimUnitId;
        this.criterionKey = criterionKey;
        this.criterionNumber = criterionNumber;
        this.outcomeNumber = outcomeNumber;
        this.method = method;
        this.location = location;
        this.judgement = judgement;
        this.feedback = feedback;
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
    public Judgement getJudgement() { return judgement; }
    public String getFeedback() { return feedback; }

    /** A sign-off met every criterion: one the assessor left unjudged is recorded as met. */
    void metAtSignOff() {
        if (judgement == null) {
            judgement = Judgement.MET;
        }
    }

    /** "met", "not yet met: feedback", or "" when not judged yet. */
    public String judgementWords() {
        return judgement == null ? "" : judgement.words() + (feedback == null ? "" : ": " + feedback);
    }

    public String getRecordedBy() { return recordedBy; }
    public Instant getRecordedAt() { return recordedAt; }
}
