package org.qaflow.learner;

import org.qaflow.centre.PersonalInterestRepository;
import org.qaflow.centre.StaffMember;
import org.springframework.stereotype.Component;

import java.time.LocalDate;

/**
 * Whether a person (centre staff or EQA) has declared a personal interest in a learner, by ULN or by name and date of
 * birth (possibly before the learner was registered).
 */
@Component
public class ConflictsOfInterest {

    private final PersonalInterestRepository declared;

    public ConflictsOfInterest(PersonalInterestRepository declared) {
        this.declared = declared;
    }

    public boolean declared(StaffMember staff, Learner learner) {
        return declared(staff.getUsername(), learner);
    }

    /** For anyone with a login, an EQA included. */
    public boolean declared(String username, Learner learner) {
        return declared(username, learner.getUln(), learner.getFirstName(), learner.getLastName(),
                learner.getDateOfBirth());
    }

    /** For a learner about to be registered, who has no record yet. */
    public boolean declared(StaffMember staff, String uln, String firstName, String lastName, LocalDate dateOfBirth) {
        return declared(staff.getUsername(), uln, firstName, lastName, dateOfBirth);
    }

    private boolean declared(String username, String uln, String firstName, String lastName, LocalDate dateOfBirth) {
        return username != null && !declared.findInLearner(username, uln,
                firstName == null ? null : firstName.trim(), lastName == null ? null : lastName.trim(), dateOfBirth)
                .isEmpty();
    }
}
