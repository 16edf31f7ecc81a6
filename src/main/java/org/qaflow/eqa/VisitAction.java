package org.qaflow.eqa;

import jakarta.persistence.*;

import java.time.Instant;
import java.time.LocalDate;

/**
 * An action the EQA raised for the centre at a visit: a person at the centre owns it by a due date, the centre
 * responds, the EQA closes it with a note (or reopens it). Open actions weigh against direct claim status.
 */
@Entity
@Table(name = "eqa_action")
public class VisitAction {

    public enum Status { OPEN, RESPONDED, CLOSED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private Long visitId;
    private String description;
    /** Until closed; what direct claim status counts. */
    @Column(name = "is_open")
    private boolean open;
    @Enumerated(EnumType.STRING)
    private Status status;
    private String ownerUsername;
    private LocalDate dueOn;
    private String raisedBy;
    private Instant raisedAt;
    private String response;
    private String respondedBy;
    private Instant respondedAt;
    private String closingNote;
    private String closedBy;
    private Instant closedAt;
    private String reopenedBy;
    private Instant reopenedAt;

    protected VisitAction() {
    }

    public VisitAction(Long visitId, String description, String ownerUsername, LocalDate dueOn, String raisedBy,
                       Instant raisedAt) {
        this.visitId = visitId;
        this.description = description;
        this.ownerUsername = ownerUsername;
        this.dueOn = dueOn;
        this.raisedBy = raisedBy;
        this.raisedAt = raisedAt;
        this.status = Status.OPEN;
        this.open = true;
    }

    public void respond(String text, String by, Instant at) {
        this.response = text;
        this.respondedBy = by;
        this.respondedAt = at;
        this.status = Status.RESPONDED;
    }

    public void close(String note, String by, Instant at) {
        this.closingNote = note;
        this.closedBy = by;
        this.closedAt = at;
        this.status = Status.CLOSED;
        this.open = false;
    }

    /** Back to the centre: the closing note and who closed it stay on record until it is closed again. */
    public void reopen(String by, Instant at) {
        this.reopenedBy = by;
        this.reopenedAt = at;
        this.status = response == null ? Status.OPEN : Status.RESPONDED;
        this.open = true;
    }

    /** Past its due date and not closed. */
    public boolean overdueOn(LocalDate today) {
        return open && dueOn != null && dueOn.isBefore(today);
    }

    public Long getId() { return id; }
    public Long getVisitId() { return visitId; }
    public String getDescription() { return description; }
    public boolean isOpen() { return open; }
    public Status getStatus() { return status; }
    public String getOwnerUsername() { return ownerUsername; }
    public LocalDate getDueOn() { return dueOn; }
    public String getRaisedBy() { return raisedBy; }
    public Instant getRaisedAt() { return raisedAt; }
    public String getResponse() { return response; }
    public String getRespondedBy() { return respondedBy; }
    public Instant getRespondedAt() { return respondedAt; }
    public String getClosingNote() { return closingNote; }
    public String getClosedBy() { return closedBy; }
    public Instant getClosedAt() { return closedAt; }
    public String getReopenedBy() { return reopenedBy; }
    public Instant getReopenedAt() { return reopenedAt; }
}
