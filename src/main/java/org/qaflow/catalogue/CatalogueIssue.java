package org.qaflow.catalogue;

import jakarta.persistence.*;
import java.util.ArrayList;
import java.util.List;

/** A contradiction inside the specification: what each part of it states, and the one value the catalogue keeps. */
@Entity
@Table(name = "catalogue_issue")
public class CatalogueIssue {

    public enum Kind { DUPLICATE_UAN, UNIT_REF_MISMATCH, CREDIT_NOT_TQT_OVER_10, GLH_DISAGREEMENT, VALUE_DISAGREEMENT,
        DUPLICATE_CRITERION_NUMBER, ROLE_MISNAMED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Enumerated(EnumType.STRING)
    private Kind kind;
    /** The unit ref or QAN the issue is about. */
    private String subject;
    private String field;
    private String keptValue;
    private String description;

    @ElementCollection
    @CollectionTable(name = "catalogue_issue_value", joinColumns = @JoinColumn(name = "issue_id"))
    @OrderColumn(name = "position")
    private List<StatedValue> values = new ArrayList<>();

    protected CatalogueIssue() {
    }

    public CatalogueIssue(Kind kind, String subject, String field, String keptValue, String description,
                          List<StatedValue> values) {
        this.kind = kind;
        this.subject = subject;
        this.field = field;
        this.keptValue = keptValue;
        this.description = description;
        this.values = new ArrayList<>(values);
    }

    public Long getId() { return id; }
    public Kind getKind() { return kind; }
    public String getSubject() { return subject; }
    public String getField() { return field; }
    public String getKeptValue() { return keptValue; }
    public String getDescription() { return description; }
    public List<StatedValue> getValues() { return values; }

    @Embeddable
    public record StatedValue(String source, @Column(name = "stated_value") String value) {
    }
}
