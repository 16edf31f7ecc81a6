package org.qaflow.catalogue;

import jakarta.persistence.*;
import java.util.ArrayList;
import java.util.List;

@Entity
@Table(name = "unit")
public class Unit {

    @Id
    private String ref;
    private String uan;
    private String title;
    private int level;
    @Enumerated(EnumType.STRING)
    private UnitCategory category;
    private int credit;
    private int glh;
    private int tqt;
    private String purpose;
    private int position;

    @OneToMany(mappedBy = "unit", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("number")
    private List<LearningOutcome> outcomes = new ArrayList<>();

    @ElementCollection
    @CollectionTable(name = "unit_ksb", joinColumns = @JoinColumn(name = "unit_ref"))
    @OrderColumn(name = "position")
    private List<Ksb> ksbs = new ArrayList<>();

    protected Unit() {
    }

    public Unit(String ref, String uan, String title, int level, UnitCategory category,
                int credit, int glh, int tqt, String purpose, int position) {
        this.ref = ref;
        this.uan = uan;
        this.title = title;
        this.level = level;
        this.category = category;
        this.credit = credit;
        this.glh = glh;
        this.tqt = tqt;
        this.purpose = purpose;
        this.position = position;
    }

    public LearningOutcome addOutcome(int number, String title, boolean simulationAllowed) {
        LearningOutcome outcome = new LearningOutcome(this, number, title, simulationAllowed);
        outcomes.add(outcome);
        return outcome;
    }

    public void addKsb(String code, String title) {
        ksbs.add(new Ksb(code, title));
    }

    public String getRef() { return ref; }
    public String getUan() { return uan; }
    public String getTitle() { return title; }
    public int getLevel() { return level; }
    public UnitCategory getCategory() { return category; }
    public int getCredit() { return credit; }
    public int getGlh() { return glh; }
    public int getTqt() { return tqt; }
    public String getPurpose() { return purpose; }
    public int getPosition() { return position; }
    public List<LearningOutcome> getOutcomes() { return outcomes; }
    public List<Ksb> getKsbs() { return ksbs; }

    /** Every assessment criterion of the unit, outcome by outcome. */
    public List<AssessmentCriterion> getCriteria() {
        return outcomes.stream().flatMap(o -> o.getCriteria().stream()).toList();
    }

    /** An apprenticeship knowledge, skill or behaviour this unit covers (Appendix 3). */
    @Embeddable
    public record Ksb(String code, String title) {
    }
}
