package org.qaflow.eqa;

import jakarta.persistence.*;
import java.time.LocalDate;

/** An external quality assurance visit to a centre: planned, then carried out with an outcome and a report. */
@Entity
@Table(name = "eqa_visit")
public class EqaVisit {

    public enum Outcome { SATISFACTORY, UNSATISFACTORY }

    public enum Status { PLANNING, PLANNED, COMPLETED }

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
    @Enumerated(EnumType.STRING)
    private Status status = Status.COMPLETED;
    private String processInstanceId;
    private boolean remote;
    @Enumerated(EnumType.STRING)
    private Outcome draftOutcome;
    private String draftReport;
    private String draftSavedBy;
    private java.time.Instant draftSavedAt;
    private java.time.Instant completedAt;

    protected EqaVisit() {
    }

    public EqaVisit(Long centreId, String eqaUsername, LocalDate plannedFor) {
        this.centreId = centreId;
        this.eqaUsername = eqaUsername;
        this.plannedFor = plannedFor;
    }

    /** A visit the EQA still has to plan; the date is a proposal until then. */
    public static EqaVisit toPlan(Long centreId, String eqaUsername, LocalDate proposed) {
        EqaVisit visit = new EqaVisit(centreId, eqaUsername, proposed);
        visit.status = Status.PLANNING;
        return visit;
    }

    /** A review of a sample of the centre's waiting claims without a visit; its sample is chosen when it opens. */
    public static EqaVisit remoteReview(Long centreId, String eqaUsername, LocalDate today) {
        EqaVisit review = new EqaVisit(centreId, eqaUsername, today);
        review.status = Status.PLANNED;
        review.remote = true;
        return review;
    }

    public boolean isRemote() { return remote; }

    public void plan(LocalDate date) {
        this.plannedFor = date;
        this.status = Status.PLANNED;
    }

    /** A visit recorded after the fact (the sample data): when it was recorded is not known. */
    public void record(LocalDate visitedOn, Outcome outcome, String report) {
        record(visitedOn, outcome, report, null);
    }

    public void record(LocalDate visitedOn, Outcome outcome, String report, java.time.Instant at) {
        this.completedAt = at;
        this.visitedOn = visitedOn;
        this.outcome = outcome;
        this.report = report;
        this.status = Status.COMPLETED;
    }

    /** The form as far as the EQA got: kept until the visit is completed. */
    public void saveDraft(Outcome outcome, String report, String by, java.time.Instant at) {
        this.draftOutcome = outcome;
        this.draftReport = report;
        this.draftSavedBy = by;
        this.draftSavedAt = at;
    }

    /** When the outcome was recorded; null for visits recorded before it was kept. */
    public java.time.Instant getCompletedAt() { return completedAt; }
    public Outcome getDraftOutcome() { return draftOutcome; }
    public String getDraftReport() { return draftReport; }
    public String getDraftSavedBy() { return draftSavedBy; }
    public java.time.Instant getDraftSavedAt() { return draftSavedAt; }
    public Long getId() { return id; }
    public Long getCentreId() { return centreId; }
    public String getEqaUsername() { return eqaUsername; }
    public LocalDate getPlannedFor() { return plannedFor; }
    public LocalDate getVisitedOn() { return visitedOn; }
    public Outcome getOutcome() { return outcome; }
    public String getReport() { return report; }
    public Status getStatus() { return status; }
    public String getProcessInstanceId() { return processInstanceId; }
    public void setProcessInstanceId(String processInstanceId) { this.processInstanceId = processInstanceId; }
}
