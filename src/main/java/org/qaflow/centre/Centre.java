package org.qaflow.centre;

import jakarta.persistence.*;
import java.util.LinkedHashSet;
import java.util.Set;

/** A training centre approved by the awarding organisation to offer some of its qualifications. */
@Entity
@Table(name = "centre")
public class Centre {

    public enum RiskRating { LOW, MEDIUM, HIGH }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private String code;
    private String name;
    private boolean directClaimStatus;
    @Enumerated(EnumType.STRING)
    private RiskRating riskRating;
    /** The EQA the awarding organisation appointed to this centre, if any. */
    private String eqaUsername;

    @ElementCollection
    @CollectionTable(name = "centre_qualification", joinColumns = @JoinColumn(name = "centre_id"))
    @Column(name = "qan")
    private Set<String> approvedQualifications = new LinkedHashSet<>();

    protected Centre() {
    }

    public Centre(String code, String name, boolean directClaimStatus, RiskRating riskRating, String eqaUsername,
                  Set<String> approvedQualifications) {
        this.code = code;
        this.name = name;
        this.directClaimStatus = directClaimStatus;
        this.riskRating = riskRating;
        this.eqaUsername = eqaUsername;
        this.approvedQualifications = new LinkedHashSet<>(approvedQualifications);
    }

    public boolean isApprovedFor(String qan) {
        return approvedQualifications.contains(qan);
    }

    public Long getId() { return id; }
    public String getCode() { return code; }
    public String getName() { return name; }
    public boolean isDirectClaimStatus() { return directClaimStatus; }
    public RiskRating getRiskRating() { return riskRating; }
    public String getEqaUsername() { return eqaUsername; }
    public Set<String> getApprovedQualifications() { return approvedQualifications; }

    public void setDirectClaimStatus(boolean directClaimStatus) { this.directClaimStatus = directClaimStatus; }
    public void setEqaUsername(String eqaUsername) { this.eqaUsername = eqaUsername; }
    public void setRiskRating(RiskRating riskRating) { this.riskRating = riskRating; }
}
