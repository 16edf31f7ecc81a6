package org.qaflow.workflow;

import jakarta.persistence.*;
import java.time.Instant;

/** A wait that outlives restarts: due at a time, claimed by exactly one node, done once. */
@Entity
@Table(name = "scheduled_job")
public class ScheduledJob {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private String kind;
    private Long subjectId;
    private Instant dueAt;
    private String claimedBy;
    private Instant claimedAt;
    private Instant doneAt;

    protected ScheduledJob() {
    }

    public ScheduledJob(String kind, Long subjectId, Instant dueAt) {
        this.kind = kind;
        this.subjectId = subjectId;
        this.dueAt = dueAt;
    }

    public Long getId() { return id; }
    public String getKind() { return kind; }
    public Long getSubjectId() { return subjectId; }
    public Instant getDueAt() { return dueAt; }
    public String getClaimedBy() { return claimedBy; }
    public Instant getDoneAt() { return doneAt; }
}
