package org.qaflow.learner;

import jakarta.persistence.*;
import org.qaflow.centre.Centre;
import java.time.LocalDate;

@Entity
@Table(name = "learner")
public class Learner {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "centre_id")
    private Centre centre;
    private String firstName;
    private String lastName;
    private LocalDate dateOfBirth;
    /** Unique Learner Number: ten digits. */
    private String uln;

    protected Learner() {
    }

    public Learner(Centre centre, String firstName, String lastName, LocalDate dateOfBirth, String uln) {
        this.centre = centre;
        this.firstName = firstName;
        this.lastName = lastName;
        this.dateOfBirth = dateOfBirth;
        this.uln = uln;
    }

    /** The same name (case and outer spaces aside) and date of birth: what tells one person from another. */
    public boolean isSamePerson(String firstName, String lastName, LocalDate dateOfBirth) {
        return this.firstName.equalsIgnoreCase(firstName == null ? "" : firstName.trim())
                && this.lastName.equalsIgnoreCase(lastName == null ? "" : lastName.trim())
                && this.dateOfBirth.equals(dateOfBirth);
    }

    /** "Jane Smith (born 2001-02-03)": how a person is named in a message. */
    public String describe() {
        return describe(firstName, lastName, dateOfBirth);
    }

    public static String describe(String firstName, String lastName, LocalDate dateOfBirth) {
        return (firstName == null ? "" : firstName.trim()) + " " + (lastName == null ? "" : lastName.trim())
                + " (born " + dateOfBirth + ")";
    }

    /** A corrected name or date of birth; the reason and the old values go on the timeline. */
    public void correct(String firstName, String lastName, LocalDate dateOfBirth) {
        this.firstName = firstName;
        this.lastName = lastName;
        this.dateOfBirth = dateOfBirth;
    }

    public Long getId() { return id; }
    public Centre getCentre() { return centre; }
    public String getFirstName() { return firstName; }
    public String getLastName() { return lastName; }
    public LocalDate getDateOfBirth() { return dateOfBirth; }
    public String getUln() { return uln; }
}
