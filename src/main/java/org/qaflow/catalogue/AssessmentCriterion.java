package org.qaflow.catalogue;

import jakarta.persistence.*;

@Entity
@Table(name = "assessment_criterion")
public class AssessmentCriterion {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "outcome_id")
    private LearningOutcome outcome;

    /**
     * Unique within the unit, and what evidence is recorded against: the number, except where the specification
     * gives two criteria one number (L4C7 "1.4"), which then get distinct keys in units.yaml.
     */
    @Column(name = "criterion_key")
    private String key;
    /** As numbered in the specification, e.g. "2.3": the label shown, not unique. */
    private String number;
    private String text;
    private int position;

    protected AssessmentCriterion() {
    }

    AssessmentCriterion(LearningOutcome outcome, String key, String number, String text, int position) {
        this.outcome = outcome;
        this.key = key;
        this.number = number;
        this.text = text;
        this.position = position;
    }

    public Long getId() { return id; }
    public LearningOutcome getOutcome() { return outcome; }
    public String getKey() { return key; }
    public String getNumber() { return number; }
    public String getText() { return text; }
}
