package org.qaflow.centre;

import jakarta.persistence.*;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A person's declared personal interest: in a learner (by ULN, or by name and date of birth, so that it can be
 * declared before the learner is registered anywhere) or, for an EQA, a link with a whole centre. The conflict of
 * interest rules keep the person away from that learner's assessment and verification, and an EQA with a link to a
 * centre from being appointed to it.
 */
@Entity
@Table(name = "personal_interest")
public class PersonalInterest {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private String username;
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "centre_id")
    private Centre centre;
    private String uln;
    private String firstName;
    private String lastName;
    private LocalDate dateOfBirth;
    private String reason;
    private String declaredBy;
    private Instant declaredAt;

    protected PersonalInterest() {
    }

    public PersonalInterest(String username, Centre centre, String uln, String firstName, String lastName,
                            LocalDate dateOfBirth, String reason, String declaredBy, Instant declaredAt) {
        this.username = username;
        this.centre = centre;
        this.uln = uln;
        this.firstName = firstName;
        this.lastName = lastName;
        this.dateOfBirth = dateOfBirth;
        this.reason = reason;
        this.declaredBy = declaredBy;
        this.declaredAt = declaredAt;
    }

    /** What the interest is in, as a person would read it. */
    public String describeLearnerOrCentre() {
        if (centre != null) {
            return "centre " + centre.getCode();
        }
        return uln != null ? "the learner with ULN " + uln
                : firstName + " " + lastName + " (born " + dateOfBirth + ")";
    }

    public Long getId() { return id; }
    public String getUsername() { return username; }
    public Centre getCentre() { return centre; }
    public String getUln() { return uln; }
    public String getFirstName() { return firstName; }
    public String getLastName() { return lastName; }
    public LocalDate getDateOfBirth() { return dateOfBirth; }
    public String getReason() { return reason; }
    public String getDeclaredBy() { return declaredBy; }
    public Instant getDeclaredAt() { return declaredAt; }
}
