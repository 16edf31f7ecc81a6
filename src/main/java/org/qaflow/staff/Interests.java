package org.qaflow.staff;

import org.qaflow.centre.AdminLog;
import org.qaflow.centre.Centre;
import org.qaflow.centre.CentreRepository;
import org.qaflow.centre.PersonalInterest;
import org.qaflow.centre.PersonalInterestRepository;
import org.qaflow.centre.StaffMember;
import org.qaflow.centre.StaffRepository;
import org.qaflow.problem.BadRequestException;
import org.qaflow.security.AppUser;
import org.qaflow.security.AppUserRepository;
import org.qaflow.security.Role;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Declarations of personal interest (Ofqual condition A4): by the person themself (assessor, IQA, EQA), by the
 * provider for its own staff, or by a quality manager for anyone. The conflict-of-interest rules read them.
 */
@Service
@Transactional
public class Interests {

    private final PersonalInterestRepository interests;
    private final StaffRepository staff;
    private final AppUserRepository users;
    private final CentreRepository centres;
    private final AdminLog log;
    private final Clock clock;

    public Interests(PersonalInterestRepository interests, StaffRepository staff, AppUserRepository users,
                     CentreRepository centres, AdminLog log, Clock clock) {
        this.interests = interests;
        this.staff = staff;
        this.users = users;
        this.centres = centres;
        this.log = log;
        this.clock = clock;
    }

    /** Exactly one of uln, a learner by name and date of birth, or (for an EQA) a centre code. */
    public record Declaration(String person, String uln, String firstName, String lastName, LocalDate dateOfBirth,
                              String centreCode, String reason) {
    }

    public PersonalInterest declare(Declaration d, AppUser by) {
        StaffMember member = staff.findByUsername(d.person()).orElse(null);
        AppUser eqa = member != null ? null : users.findById(d.person()).filter(u -> u.getRole() == Role.EQA)
                .orElseThrow(() -> new BadRequestException("staff: '" + d.person()
                        + "' is neither an assessor or IQA nor an EQA"));
        checkMayDeclareFor(by, d.person(), member);
        Centre centre = null;
        if (d.centreCode() != null) {
            if (eqa == null) {
                throw new BadRequestException("centre: a link with a whole centre is declared by an EQA; centre staff "
                        + "declare an interest in a learner (uln, or learner with name and date of birth)");
            }
            centre = centres.findByCode(d.centreCode())
                    .orElseThrow(() -> new BadRequestException("centre: there is no centre " + d.centreCode()));
        }
        PersonalInterest interest = interests.save(new PersonalInterest(d.person(), centre, d.uln(),
                trim(d.firstName()), trim(d.lastName()), d.dateOfBirth(), d.reason().trim(), by.getUsername(),
                Instant.now(clock)));
        // On the trail of the centre it concerns: the staff member's own, or the one an EQA is linked with.
        log.record(by, member != null ? member.getCentre() : centre, d.person(), "interest declared",
                "in " + interest.describeLearnerOrCentre() + ": " + interest.getReason());
        return interest;
    }

    private static void checkMayDeclareFor(AppUser by, String person, StaffMember member) {
        boolean may = switch (by.getRole()) {
            case QUALITY_MANAGER -> true;
            case PROVIDER -> member != null && member.getCentre().getId().equals(by.getCentreId());
            case ASSESSOR, IQA, EQA -> by.getUsername().equals(person);
        };
        if (!may) {
            throw new AccessDeniedException(by.getRole() == Role.PROVIDER
                    ? "A provider declares interests for its own centre's staff only; " + person + " is not one of them"
                    : "You may declare only your own interests, not " + person + "'s");
        }
    }

    private static String trim(String s) {
        return s == null ? null : s.trim();
    }
}
