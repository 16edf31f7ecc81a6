package org.qaflow.catalogue;

import jakarta.persistence.*;
import java.util.ArrayList;
import java.util.List;

@Entity
@Table(name = "qualification")
public class Qualification {

    @Id
    private String qan;
    private String title;
    @Enumerated(EnumType.STRING)
    private QualificationType type;
    private Integer creditMin;
    private Integer creditMax;
    private Integer glhMin;
    private Integer glhMax;
    private Integer tqtMin;
    private Integer tqtMax;
    private int position;

    /** The units that make the qualification: set for Awards and the Apprenticeship Diploma, empty where learners choose. */
    @ElementCollection
    @CollectionTable(name = "qualification_unit", joinColumns = @JoinColumn(name = "qan"))
    @Column(name = "unit_ref")
    @OrderColumn(name = "position")
    private List<String> units = new ArrayList<>();

    protected Qualification() {
    }

    public Qualification(String qan, String title, QualificationType type, Range credit, Range glh, Range tqt,
                         List<String> units, int position) {
        this.qan = qan;
        this.title = title;
        this.type = type;
        this.creditMin = credit.min();
        this.creditMax = credit.max();
        this.glhMin = glh.min();
        this.glhMax = glh.max();
        this.tqtMin = tqt.min();
        this.tqtMax = tqt.max();
        this.units = new ArrayList<>(units);
        this.position = position;
    }

    public String getQan() { return qan; }
    public String getTitle() { return title; }
    public QualificationType getType() { return type; }
    public Range getCredit() { return new Range(creditMin, creditMax); }
    public Range getGlh() { return new Range(glhMin, glhMax); }
    public Range getTqt() { return new Range(tqtMin, tqtMax); }
    public List<String> getUnits() { return units; }
    public int getPosition() { return position; }

    /** A fixed value has min == max; "37 +" has no max. */
    public record Range(Integer min, Integer max) {
        public static Range exactly(Integer value) {
            return new Range(value, value);
        }
    }
}
