package org.qaflow.evidence;

import jakarta.persistence.*;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

/** A file of evidence attached to a unit of a claim: what it is, who brought it, and the criteria it is evidence for. */
@Entity
@Table(name = "evidence_file")
public class EvidenceFile {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    /** The unit of a claim the file is evidence for; null for a CPD entry's file. */
    private Long claimUnitId;
    /** The CPD entry (staff_cpd) the file is the certificate of; null for a unit's evidence. */
    private Long cpdId;
    private String name;
    private long sizeBytes;
    private String sha256;
    /** Sniffed from the bytes, never taken from the client or the name. */
    private String contentType;
    private String uploadedBy;
    private Instant uploadedAt;
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "evidence_file_criterion", joinColumns = @JoinColumn(name = "file_id"))
    @Column(name = "criterion_key")
    @OrderBy
    private Set<String> criteria = new LinkedHashSet<>();

    protected EvidenceFile() {
    }

    EvidenceFile(Long claimUnitId, String name, Set<String> criteria, String uploadedBy, Instant uploadedAt) {
        this.claimUnitId = claimUnitId;
        this.name = name;
        this.criteria = new LinkedHashSet<>(criteria);
        this.uploadedBy = uploadedBy;
        this.uploadedAt = uploadedAt;
        this.contentType = EvidenceTypes.UNKNOWN;
    }

    /** A CPD entry's certificate: it is evidence for no criterion. */
    static EvidenceFile ofCpd(Long cpdId, String name, String uploadedBy, Instant uploadedAt) {
        EvidenceFile file = new EvidenceFile(null, name, Set.of(), uploadedBy, uploadedAt);
        file.cpdId = cpdId;
        return file;
    }

    void stored(long sizeBytes, String sha256, String contentType) {
        this.sizeBytes = sizeBytes;
        this.sha256 = sha256;
        this.contentType = contentType;
    }

    public Long getId() { return id; }
    public Long getClaimUnitId() { return claimUnitId; }
    public Long getCpdId() { return cpdId; }
    public String getName() { return name; }
    public long getSizeBytes() { return sizeBytes; }
    public String getSha256() { return sha256; }
    public String getContentType() { return contentType; }
    public String getUploadedBy() { return uploadedBy; }
    public Instant getUploadedAt() { return uploadedAt; }
    public Set<String> getCriteria() { return criteria; }
}
