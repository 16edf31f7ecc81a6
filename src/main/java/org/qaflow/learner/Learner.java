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

    public Long getId() { return id; }
    public Centre getCentre() { return centre; }
    public String getFirstName() { return firstName; }
    public String getLastName() { return lastName; }
    public LocalDate getDateOfBirth() { return dateOfBirth; }
    public String getUln() { return uln; }
}
