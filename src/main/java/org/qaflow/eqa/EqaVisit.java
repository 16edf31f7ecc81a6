package org.qaflow.eqa;

import jakarta.persistence.*;
import java.time.LocalDate;

/** An external quality assurance visit to a centre: planned, then carried out with an outcome and a report. */
@Entity
@Table(name = "eqa_visit")
public class EqaVisit {

    public enum Outcome { SATISFACTORY, UNSATISFACTORY }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private Long centreId;
    private String eqaUsername;
    private LocalDate plannedFor;
    private LocalDate visitedOn;
    @Enumerated(EnumType.STRING)
    private Outcome outcome;
    private String report;

    protected EqaVisit() {
    }

    public EqaVisit(Long centreId, String eqaUsername, LocalDate plannedFor) {
        this.centreId = centreId;
        this.eqaUsername = eqaUsername;
        this.plannedFor = plannedFor;
    }

    public void record(LocalDate visitedOn, Outcome outcome, String report) {
        this.visitedOn = visitedOn;
        this.outcome = outcome;
        this.report = report;
    }

    public Long getId() { return id; }
    public Long getCentreId() { return centreId; }
    public String getEqaUsername() { return eqaUsername; }
    public LocalDate getPlannedFor() { return plannedFor; }
    public LocalDate getVisitedOn() { return visitedOn; }
    public Outcome getOutcome() { return outcome; }
    public String getReport() { return report; }
}
