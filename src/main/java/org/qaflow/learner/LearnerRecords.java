package org.qaflow.learner;

import org.qaflow.centre.StaffMember;
import org.qaflow.centre.StaffRepository;
import org.qaflow.centre.StaffRole;
import org.qaflow.problem.BadRequestException;
import org.qaflow.problem.ConflictException;
import org.qaflow.problem.DateRange;
import org.qaflow.problem.HumanText;
import org.qaflow.problem.NotFoundException;
import org.qaflow.problem.Violations;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.qaflow.rules.EligibilityResult;
import org.qaflow.security.AppUser;
import org.qaflow.security.Role;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * What the provider of a learner's centre keeps right after registration: who assesses the learner, the learner's
 * name and date of birth, and whether they are still on the qualification. Every change goes on the claim timeline.
 */
@Service
@Transactional
public class LearnerRecords {

    private final ClaimRepository claims;
    private final LearnerRepository learners;
    private final StaffRepository staff;
    private final ReplacedCertificateRepository replaced;
    private final RegistrationService registration;
    private final ClaimAccess access;
    private final Timeline timeline;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Validator validator;
    @PersistenceContext
    private EntityManager entityManager;

    public LearnerRecords(ClaimRepository claims, LearnerRepository learners, StaffRepository staff,
                          ReplacedCertificateRepository replaced, RegistrationService registration, ClaimAccess access,
                          Timeline timeline, ApplicationEventPublisher events, Clock clock, Validator validator) {
        this.validator = validator;
        this.claims = claims;
        this.learners = learners;
        this.staff = staff;
        this.replaced = replaced;
        this.registration = registration;
        this.access = access;
        this.timeline = timeline;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Another assessor of the centre takes the learner on: the eligibility rules judge the new assessor for this
     * learner and these units as at registration; their open assessment tasks move over.
     */
    public Claim reassignAssessor(long claimId, String assessorUsername, String reason, AppUser by) {
        requireReason(reason);
        Claim claim = ownCentresClaim(claimId, by, "reassign its assessor");
        requireOpen(claim, "reassigned");
        StaffMember from = claim.getAssessor();
        StaffMember to = staff.findByUsername(assessorUsername)
                .filter(s -> s.getCentre().getId().equals(claim.getCentre().getId()) && s.getRole() == StaffRole.ASSESSOR)
                .orElseThrow(() -> new BadRequestException("assessor: '" + assessorUsername
                        + "' is not an assessor at centre " + claim.getCentre().getCode()));
        if (to.getId().equals(from.getId())) {
            throw new ConflictException("assessor: " + to.getName() + " already assesses claim " + claimId);
        }
        EligibilityResult eligibility = registration.assessorEligibility(claim, to);
        if (!eligibility.eligible()) {
            throw new BadRequestException("assessor: " + to.getName() + " cannot assess this learner: "
                    + String.join("; ", eligibility.reasons()) + " (rule set " + eligibility.ruleSetVersion() + ")");
        }
        claim.setAssessor(to);
        timeline.record(claim, null, by.getUsername(), "assessor reassigned", "from " + from.getName() + " ("
                + from.getUsername() + ") to " + to.getName() + " (" + to.getUsername() + "): " + reason.trim()
                + (eligibility.conditions().isEmpty() ? "" : "; conditions: "
                + String.join("; ", eligibility.conditions())), String.valueOf(eligibility.ruleSetVersion()));
        events.publishEvent(new AssessorReassigned(claimId, from.getUsername(), to.getUsername()));
        return claim;
    }

    /** The learner leaves the qualification: the claim ends with no certificate and its open tasks are cancelled. */
    public Claim withdraw(long claimId, String reason, AppUser by) {
        requireReason(reason);
        Claim claim = ownCentresClaim(claimId, by, "withdraw its learner");
        requireOpen(claim, "withdrawn");
        claim.setStatus(ClaimStatus.WITHDRAWN);
        timeline.record(claim, by.getUsername(), "learner withdrawn", reason.trim());
        events.publishEvent(new ClaimWithdrawn(claimId));
        return claim;
    }

    /** Checked here too, since the claim page's form comes without the API's @Valid. */
    public record Correction(@NotBlank(message = "required") @HumanText(max = 100) String firstName,
                             @NotBlank(message = "required") @HumanText(max = 100) String lastName,
                             @NotNull(message = "required (yyyy-mm-dd)") @DateRange(yearsAhead = 0)
                             LocalDate dateOfBirth,
                             @NotBlank(message = "required: why the record was wrong (e.g. birth certificate seen)")
                             @HumanText(max = 500, multiline = true) String reason) {
    }

    /**
     * Corrects the learner's name or date of birth at the provider's centre. On every claim of the learner the
     * timeline records what was and what is, and why; a certificate already issued is replaced by one with the
     * corrected details (Ofqual condition I4), its number recorded as replaced.
     */
    public Learner correct(String uln, Correction c, AppUser by) {
        if (by.getRole() != Role.PROVIDER) {
            throw new AccessDeniedException("Only the provider of the learner's centre corrects a learner's record");
        }
        Violations.require(validator, c);
        if (uln == null || !uln.matches("\\d{10}")) {
            throw new BadRequestException("uln: a Unique Learner Number is ten digits, not '" + uln + "'");
        }
        Learner learner = learners.findByCentreIdAndUln(by.getCentreId(), uln)
                .orElseThrow(() -> new NotFoundException("Your centre has registered no learner with ULN " + uln));
        entityManager.lock(learner, LockModeType.PESSIMISTIC_WRITE);
        if (learner.isSamePerson(c.firstName(), c.lastName(), c.dateOfBirth())
                && learner.getFirstName().equals(c.firstName().trim())
                && learner.getLastName().equals(c.lastName().trim())) {
            throw new BadRequestException("The record already says " + learner.describe() + ": nothing to correct");
        }
        String before = learner.describe();
        learner.correct(c.firstName().trim(), c.lastName().trim(), c.dateOfBirth());
        String detail = before + " is now " + learner.describe() + ": " + c.reason().trim();
        Instant now = Instant.now(clock);
        for (Claim claim : claims.findByLearnerIdOrderById(learner.getId())) {
            timeline.record(claim, by.getUsername(), "learner record corrected", detail);
            if (claim.getCertificateNumber() != null) {
                replaceCertificate(claim, by, c.reason().trim(), now);
            }
        }
        return learner;
    }

    /** The claim page's correction: of the learner of a claim the provider may see. */
    public Learner correctLearnerOf(long claimId, Correction c, AppUser by) {
        return correct(access.claim(claimId).getLearner().getUln(), c, by);
    }

    private void replaceCertificate(Claim claim, AppUser by, String reason, Instant now) {
        String old = claim.getCertificateNumber();
        Instant issued = claim.getCertificateIssuedAt();
        // QF-2026-000123, then QF-2026-000123-R1, -R2: still unique per claim, and visibly a replacement.
        String base = old.replaceFirst("-R\\d+$", "");
        String number = base + "-R" + (replaced.countByClaimId(claim.getId()) + 1);
        claim.replaceCertificate(number, now);
        replaced.save(new ReplacedCertificate(old, claim.getId(), issued, number, now, reason));
        timeline.record(claim, by.getUsername(), "replacement certificate issued",
                number + " replaces " + old + ", which is no longer valid");
    }

    public List<ReplacedCertificate> replacedCertificates(Claim claim) {
        return replaced.findByClaimIdOrderByReplacedAt(claim.getId());
    }

    private Claim ownCentresClaim(long claimId, AppUser by, String what) {
        Claim claim = access.claim(claimId);
        if (by.getRole() != Role.PROVIDER || !Objects.equals(by.getCentreId(), claim.getCentre().getId())) {
            throw new AccessDeniedException("Only the provider of centre " + claim.getCentre().getCode()
                    + " may " + what + " (claim " + claimId + ")");
        }
        entityManager.lock(claim, LockModeType.PESSIMISTIC_WRITE);
        return claim;
    }

    private static void requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new BadRequestException("reason: required");
        }
        HumanText.Check.require("reason", reason, 500, true);
    }

    private static void requireOpen(Claim claim, String verb) {
        if (claim.getStatus() == ClaimStatus.CERTIFICATE_ISSUED || claim.getStatus() == ClaimStatus.WITHDRAWN) {
            throw new ConflictException("Claim " + claim.getId() + " is " + claim.getStatus().words()
                    + " and cannot be " + verb);
        }
    }
}
