package org.qaflow.centre;

import org.qaflow.catalogue.Qualification;
import org.qaflow.catalogue.QualificationRepository;
import org.qaflow.problem.BadRequestException;
import org.qaflow.problem.ConflictException;
import org.qaflow.problem.NotFoundException;
import org.qaflow.security.AppUser;
import org.qaflow.security.AppUserRepository;
import org.qaflow.security.Role;
import org.qaflow.security.TemporaryPasswords;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The quality manager's administration of centres: creation, approvals, risk rating, the appointed EQA. */
@Service
@Transactional
public class CentreAdministration {

    private final CentreRepository centres;
    private final QualificationRepository qualifications;
    private final AppUserRepository users;
    private final PersonalInterestRepository interests;
    private final AdminLog log;
    private final Clock clock;
    private final PasswordEncoder passwords;

    public CentreAdministration(CentreRepository centres, QualificationRepository qualifications,
                                AppUserRepository users, PersonalInterestRepository interests, AdminLog log,
                                Clock clock, PasswordEncoder passwords) {
        this.passwords = passwords;
        this.centres = centres;
        this.qualifications = qualifications;
        this.users = users;
        this.interests = interests;
        this.log = log;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Centre centre(String code) {
        return centres.findByCode(code).orElseThrow(() -> new NotFoundException("There is no centre " + code));
    }

    public Centre create(String code, String name, Centre.RiskRating risk, AppUser by) {
        if (centres.findByCode(code).isPresent()) {
            throw new ConflictException("code: centre " + code + " already exists");
        }
        Centre centre = centres.save(new Centre(code, name.trim(), false, risk, null, Set.of()));
        log.record(by, centre, code, "centre created", name.trim() + ", risk rating " + risk);
        return centre;
    }

    public Centre approve(String code, String qualification, AppUser by) {
        Centre centre = centre(code);
        Qualification q = qualification(qualification);
        if (centre.isApprovedFor(q.getQan())) {
            throw new ConflictException("Centre " + code + " is already approved for " + q.getQan() + " ("
                    + q.getTitle() + ")");
        }
        boolean wasSuspended = centre.approval(q.getQan()).isPresent();
        centre.approve(q.getQan(), LocalDate.now(clock), by.getUsername());
        log.record(by, centre, q.getQan(), wasSuspended ? "approval reinstated" : "approved",
                q.getQan() + " (" + q.getTitle() + ")");
        return centre;
    }

    public Centre suspend(String code, String qualification, String reason, AppUser by) {
        Centre centre = centre(code);
        Qualification q = qualification(qualification);
        if (!centre.isApprovedFor(q.getQan())) {
            throw new ConflictException("Centre " + code + " has no approval in force for " + q.getQan());
        }
        centre.suspend(q.getQan(), LocalDate.now(clock), reason.trim());
        log.record(by, centre, q.getQan(), "approval suspended", reason.trim());
        return centre;
    }

    public Centre changeRisk(String code, Centre.RiskRating risk, String reason, AppUser by) {
        Centre centre = centre(code);
        Centre.RiskRating before = centre.getRiskRating();
        if (before == risk) {
            throw new ConflictException("riskRating: centre " + code + " is already rated " + risk);
        }
        centre.setRiskRating(risk);
        log.record(by, centre, null, "risk rating changed", before + " to " + risk + ": " + reason.trim());
        return centre;
    }

    /** An EQA with a declared link to the centre, or an interest in one of its learners, is not independent of it. */
    public Centre appointEqa(String code, String eqa, AppUser by) {
        Centre centre = centre(code);
        AppUser person = users.findById(eqa).filter(u -> u.getRole() == Role.EQA && u.isEnabled())
                .orElseThrow(() -> new BadRequestException("eqa: '" + eqa + "' is not an EQA"));
        List<PersonalInterest> links = interests.findLinksWithCentre(eqa, centre.getId());
        if (!links.isEmpty()) {
            throw new ConflictException(person.getDisplayName() + " (" + eqa + ") cannot be the EQA of centre " + code
                    + ": declared " + links.stream().map(i -> "an interest in " + i.describeLearnerOrCentre() + " ("
                    + i.getReason() + ")").collect(Collectors.joining("; ")));
        }
        String before = centre.getEqaUsername();
        if (eqa.equals(before)) {
            throw new ConflictException("eqa: " + eqa + " is already the EQA of centre " + code);
        }
        centre.setEqaUsername(eqa);
        log.record(by, centre, eqa, "EQA appointed", before == null ? eqa : eqa + " in place of " + before);
        return centre;
    }

    /** The new account and the one-time password it logs in with first (shown once, stored only as a hash). */
    public record ProviderAdded(AppUser account, String temporaryPassword) {
    }

    /**
     * The centre's provider account: who registers its learners and keeps its staff. Without one a new centre
     * cannot start; a centre may have several (a deputy, a successor).
     */
    public ProviderAdded addProvider(String code, String username, String name, AppUser by) {
        Centre centre = centre(code);
        if (users.existsById(username)) {
            throw new ConflictException("username: '" + username + "' is taken; choose another");
        }
        String password = TemporaryPasswords.next();
        AppUser account = users.save(new AppUser(username, passwords.encode(password), Role.PROVIDER, name.trim(),
                centre.getId()));
        log.record(by, centre, username, "provider account added", name.trim());
        return new ProviderAdded(account, password);
    }

    private Qualification qualification(String given) {
        String qan = given.trim().replace('-', '/');
        return qualifications.findById(qan).orElseThrow(() -> new BadRequestException("qualification: " + given
                + " is not in the catalogue"));
    }
}
