package org.qaflow.catalogue;

import jakarta.persistence.*;
import java.util.ArrayList;
import java.util.List;

@Entity
@Table(name = "learning_outcome")
public class LearningOutcome {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "unit_ref")
    private Unit unit;

    private int number;
    private String title;
    /** True only where the unit's assessor guidance permits simulated evidence for this outcome. */
    private boolean simulationAllowed;

    @OneToMany(mappedBy = "outcome", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("position")
    private List<AssessmentCriterion> criteria = new ArrayList<>();

    protected LearningOutcome() {
    }

    LearningOutcome(Unit unit, int number, String title, boolean simulationAllowed) {
        this.unit = unit;
        this.number = number;
        this.title = title;
        this.simulationAllowed = simulationAllowed;
    }

    public void addCriterion(String key, String number, String text) {
        criteria.add(new AssessmentCriterion(this, key, number, text, criteria.size()));
    }

    public Long getId() { return id; }
    public Unit getUnit() { return unit; }
    public int getNumber() { return number; }
    public String getTitle() { return title; }
    public boolean isSimulationAllowed() { return simulationAllowed; }
    public List<AssessmentCriterion> getCriteria() { return criteria; }
}
