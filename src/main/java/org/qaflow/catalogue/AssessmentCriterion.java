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

    /** As numbered in the specification, e.g. "2.3". */
    private String number;
    private String text;
    private int position;

    protected AssessmentCriterion() {
    }

    AssessmentCriterion(LearningOutcome outcome, String number, String text, int position) {
        this.outcome = outcome;
        this.number = number;
        this.text = text;
        this.position = position;
    }

    public Long getId() { return id; }
    public LearningOutcome getOutcome() { return outcome; }
    public String getNumber() { return number; }
    public String getText() { return text; }
}
