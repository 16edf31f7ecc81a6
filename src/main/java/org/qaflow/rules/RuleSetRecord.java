package org.qaflow.rules;

import jakarta.persistence.*;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * A rule set as stored: a candidate, a refused candidate, a candidate approved to take effect from a date (scheduled:
 * its version number is given when it takes effect, so versions keep growing), the active version, or a version that
 * was active once.
 */
@Entity
@Table(name = "rule_set")
public class RuleSetRecord {

    public enum Status { CANDIDATE, REFUSED, SCHEDULED, ACTIVE, RETIRED }

    /** How the rule set came about: read from disk at first start, edited through the API, reloaded, rolled back. */
    public enum Origin { START, EDIT, RELOAD, ROLLBACK }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private Integer version;
    @Enumerated(EnumType.STRING)
    private Status status;
    @Enumerated(EnumType.STRING)
    private Origin origin;
    private String description;
    private Integer basedOnVersion;
    private String createdBy;
    private Instant createdAt;
    private String activatedBy;
    private Instant activatedAt;
    private String reason;
    /** When a scheduled candidate takes effect (the start of the day asked for). */
    private Instant effectiveFrom;
    @Column(length = 1000000)
    private String diff;
    /** The compile errors and scenario failures of a refused candidate, as JSON. */
    @Column(length = 1000000)
    private String problems;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "rule_file", joinColumns = @JoinColumn(name = "rule_set_id"))
    @MapKeyColumn(name = "path")
    @Column(name = "content", length = 1000000)
    private Map<String, String> files = new TreeMap<>();

    protected RuleSetRecord() {
    }

    RuleSetRecord(Origin origin, String description, Integer basedOnVersion, String createdBy, Instant createdAt,
                  Map<String, String> files, String diff) {
        this.origin = origin;
        this.description = description;
        this.basedOnVersion = basedOnVersion;
        this.createdBy = createdBy;
        this.createdAt = createdAt;
        this.files = new TreeMap<>(files);
        this.diff = diff;
        this.status = Status.CANDIDATE;
    }

    void refuse(String problemsJson) {
        status = Status.REFUSED;
        problems = problemsJson;
    }

    void activate(int newVersion, String by, Instant at, String why) {
        version = newVersion;
        status = Status.ACTIVE;
        activatedBy = by;
        activatedAt = at;
        reason = why;
    }

    void schedule(String by, Instant at, String why, Instant from) {
        status = Status.SCHEDULED;
        activatedBy = by;
        activatedAt = at;
        reason = why;
        effectiveFrom = from;
    }

    void retire() {
        status = Status.RETIRED;
    }

    public Long getId() { return id; }
    public Integer getVersion() { return version; }
    public Status getStatus() { return status; }
    public Origin getOrigin() { return origin; }
    public String getDescription() { return description; }
    public Integer getBasedOnVersion() { return basedOnVersion; }
    public String getCreatedBy() { return createdBy; }
    public Instant getCreatedAt() { return createdAt; }
    public String getActivatedBy() { return activatedBy; }
    public Instant getActivatedAt() { return activatedAt; }
    public String getReason() { return reason; }
    public Instant getEffectiveFrom() { return effectiveFrom; }
    public String getDiff() { return diff; }
    public String getProblems() { return problems; }
    public Map<String, String> getFiles() { return files; }
}
