package org.qaflow.centre;

import jakarta.persistence.*;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** An assessor or IQA employed by a centre, with what their eligibility is judged on. */
@Entity
@Table(name = "staff_member")
public class StaffMember {

    /** ABANDONED: no longer worked towards; kept on record, it counts for nothing in the eligibility rules. */
    public enum QualificationStatus { HELD, WORKING_TOWARDS, ABANDONED }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "centre_id")
    private Centre centre;
    /** The login of this person, when they have one. */
    private String username;
    private String name;
    @Enumerated(EnumType.STRING)
    private StaffRole role;
    private int occupationalCompetenceLevel;
    private boolean salesLeadershipCompetence;
    /** What shows the competence levels claimed (CV, role held, certificate). */
    private String competenceEvidence;
    private boolean active = true;

    @ElementCollection
    @CollectionTable(name = "staff_qualification", joinColumns = @JoinColumn(name = "staff_id"))
    private List<HeldQualification> qualifications = new ArrayList<>();

    @OneToMany(mappedBy = "staff", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("activityDate")
    private List<CpdActivity> cpd = new ArrayList<>();

    protected StaffMember() {
    }

    public StaffMember(Centre centre, String username, String name, StaffRole role, int occupationalCompetenceLevel,
                       boolean salesLeadershipCompetence) {
        this.centre = centre;
        this.username = username;
        this.name = name;
        this.role = role;
        this.occupationalCompetenceLevel = occupationalCompetenceLevel;
        this.salesLeadershipCompetence = salesLeadershipCompetence;
    }

    public void addQualification(String code, QualificationStatus status) {
        qualifications.add(new HeldQualification(code, status, null));
    }

    /** Records a qualification, replacing what was recorded for the same code (working towards, then held). */
    public void recordQualification(String code, QualificationStatus status, LocalDate since) {
        qualifications.removeIf(q -> q.code().equals(code));
        qualifications.add(new HeldQualification(code, status, since));
    }

    public void setCompetenceEvidence(String competenceEvidence) { this.competenceEvidence = competenceEvidence; }

    public void deactivate() { this.active = false; }

    public CpdActivity addCpd(LocalDate date, BigDecimal hours, boolean salesRelated, String description) {
        CpdActivity entry = new CpdActivity(this, date, hours, salesRelated, description);
        cpd.add(entry);
        return entry;
    }

    public Long getId() { return id; }
    public Centre getCentre() { return centre; }
    public String getUsername() { return username; }
    public String getName() { return name; }
    public StaffRole getRole() { return role; }
    public int getOccupationalCompetenceLevel() { return occupationalCompetenceLevel; }
    public boolean isSalesLeadershipCompetence() { return salesLeadershipCompetence; }
    public List<HeldQualification> getQualifications() { return qualifications; }
    public List<CpdActivity> getCpd() { return cpd; }
    public String getCompetenceEvidence() { return competenceEvidence; }
    public boolean isActive() { return active; }

    @Embeddable
    /** since: the date achieved (held) or the registration date (working towards); null for seed data. */
    public record HeldQualification(String code, @Enumerated(EnumType.STRING) QualificationStatus status,
                                    LocalDate since) {
    }
}
