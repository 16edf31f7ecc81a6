package org.qaflow.learner;

import org.qaflow.centre.PersonalInterestRepository;
import org.qaflow.centre.StaffMember;
import org.springframework.stereotype.Component;

import java.time.LocalDate;

/**
 * Whether a staff member has declared a personal interest in a learner: recorded against the learner's record, or
 * declared through the API by ULN or by name and date of birth (possibly before the learner was registered).
 */
@Component
public class ConflictsOfInterest {

    private final DeclaredInterestRepository recorded;
    private final PersonalInterestRepository declared;

    public ConflictsOfInterest(DeclaredInterestRepository recorded, PersonalInterestRepository declared) {
        this.recorded = recorded;
        this.declared = declared;
    }

    public boolean declared(StaffMember staff, Learner learner) {
        return recorded.existsByStaffIdAndLearnerId(staff.getId(), learner.getId())
                || declared(staff, learner.getUln(), learner.getFirstName(), learner.getLastName(),
                learner.getDateOfBirth());
    }

    /** For a learner about to be registered, who has no record yet. */
    public boolean declared(StaffMember staff, String uln, String firstName, String lastName, LocalDate dateOfBirth) {
        return staff.getUsername() != null && !this.declared.findInLearner(staff.getUsername(), uln,
                firstName == null ? null : firstName.trim(), lastName == null ? null : lastName.trim(), dateOfBirth)
                .isEmpty();
    }
}
