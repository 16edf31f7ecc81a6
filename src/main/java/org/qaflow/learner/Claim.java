package org.qaflow.learner;

import jakarta.persistence.*;
import org.qaflow.centre.Centre;
import org.qaflow.centre.StaffMember;
import org.qaflow.rules.EligibilityResult;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One learner registered on one qualification at one centre: the thing a certificate is finally claimed for. */
@Entity
@Table(name = "claim")
public class Claim {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "learner_id")
    private Learner learner;
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "centre_id")
    private Centre centre;
    private String qan;
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "assessor_id")
    private StaffMember assessor;
    @Enumerated(EnumType.STRING)
    private ClaimStatus status;
    private Instant registeredAt;
    private String registeredBy;
    private String certificateNumber;
    /** The certificate this claim's certificate replaced after a correction (Ofqual condition I4), if any. */
    private String replacesCertificate;
    private Instant certificateIssuedAt;
    private String processInstanceId;
    private Long releaseVisitId;
    @Version
    private long version;
    /**
     * The rules' answer on the assessor, judged by the registration that is creating this claim: held only by the
     * object of that registration's persistence context, so its claim process's first step need not judge again.
     */
    @Transient
    private EligibilityResult judgedAtRegistration;

    @OneToMany(mappedBy = "claim", cascade = CascadeType.ALL)
    @OrderBy("id")
    private List<ClaimUnit> units = new ArrayList<>();

    protected Claim() {
    }

    public Claim(Learner learner, Centre centre, String qan, StaffMember assessor, String registeredBy, Instant at) {
        this.learner = learner;
        this.centre = centre;
        this.qan = qan;
        this.assessor = assessor;
        this.registeredBy = registeredBy;
        this.registeredAt = at;
        this.status = ClaimStatus.AWAITING_ASSESSMENT;
    }

    public ClaimUnit addUnit(String unitRef) {
        ClaimUnit unit = new ClaimUnit(this, unitRef);
        units.add(unit);
        return unit;
    }

    public Optional<ClaimUnit> unit(String unitRef) {
        return units.stream().filter(u -> u.getUnitRef().equalsIgnoreCase(unitRef)).findFirst();
    }

    public boolean allUnitsVerified() {
        return units.stream().allMatch(u -> u.getStatus() == UnitStatus.VERIFIED);
    }

    public void issueCertificate(String number, Instant at) {
        this.certificateNumber = number;
        this.certificateIssuedAt = at;
        this.status = ClaimStatus.CERTIFICATE_ISSUED;
    }

    /** A new certificate in place of the current one, which the caller records as replaced. */
    public void replaceCertificate(String number, Instant at) {
        this.replacesCertificate = this.certificateNumber;
        this.certificateNumber = number;
        this.certificateIssuedAt = at;
    }

    public void setAssessor(StaffMember assessor) { this.assessor = assessor; }

    public Long getId() { return id; }
    public String getReplacesCertificate() { return replacesCertificate; }
    public String getProcessInstanceId() { return processInstanceId; }
    /** The EQA visit or remote review that will release or hold this claim, once it waits for release. */
    public Long getReleaseVisitId() { return releaseVisitId; }
    public void setReleaseVisitId(Long releaseVisitId) { this.releaseVisitId = releaseVisitId; }
    public void setProcessInstanceId(String processInstanceId) { this.processInstanceId = processInstanceId; }
    public Learner getLearner() { return learner; }
    public Centre getCentre() { return centre; }
    public String getQan() { return qan; }
    public StaffMember getAssessor() { return assessor; }
    public ClaimStatus getStatus() { return status; }
    public Instant getRegisteredAt() { return registeredAt; }
    public String getRegisteredBy() { return registeredBy; }
    public String getCertificateNumber() { return certificateNumber; }
    public Instant getCertificateIssuedAt() { return certificateIssuedAt; }
    public List<ClaimUnit> getUnits() { return units; }

    public void setStatus(ClaimStatus status) { this.status = status; }

    void judgedAtRegistration(EligibilityResult eligibility) {
        this.judgedAtRegistration = eligibility;
    }

    /** What the registration now being saved found; empty once the claim is read again in another transaction. */
    Optional<EligibilityResult> judgedAtRegistration() {
        return Optional.ofNullable(judgedAtRegistration);
    }
}
