package org.qaflow.learner;

import org.qaflow.catalogue.Qualification;
import org.qaflow.catalogue.QualificationRepository;
import org.qaflow.catalogue.UnitCategory;
import org.qaflow.catalogue.UnitRepository;
import org.qaflow.centre.Centre;
import org.qaflow.centre.CentreRepository;
import org.qaflow.centre.StaffMember;
import org.qaflow.centre.StaffRepository;
import org.qaflow.centre.StaffRole;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.qaflow.problem.BadRequestException;
import org.qaflow.problem.DateRange;
import org.qaflow.problem.FieldProblems;
import org.qaflow.problem.HumanText;
import org.qaflow.problem.Violations;
import org.qaflow.problem.ConflictException;
import org.qaflow.rules.EligibilityResult;
import org.qaflow.rules.RuleEngine;
import org.qaflow.rules.StaffEligibilityRequest;
import org.qaflow.security.AppUser;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A provider registers a learner on a qualification at its own centre, with the assessor who will assess them. */
@Service
@Transactional
public class RegistrationService {

    /** The specification approves these qualifications for learners aged 18 and over. */
    private static final int MINIMUM_AGE = 18;

    private final CentreRepository centres;
    private final QualificationRepository qualifications;
    private final UnitRepository units;
    private final LearnerRepository learners;
    private final ClaimRepository claims;
    private final StaffRepository staff;
    private final ConflictsOfInterest interests;
    private final RuleEngine rules;
    private final ApplicationEventPublisher events;
    private final Timeline timeline;
    private final Clock clock;
    private final Validator validator;
    @PersistenceContext
    private EntityManager entityManager;

    public RegistrationService(CentreRepository centres, QualificationRepository qualifications, UnitRepository units,
                               LearnerRepository learners, ClaimRepository claims, StaffRepository staff,
                               ConflictsOfInterest interests, RuleEngine rules, ApplicationEventPublisher events,
                               Timeline timeline, Clock clock, Validator validator) {
        this.centres = centres;
        this.qualifications = qualifications;
        this.units = units;
        this.learners = learners;
        this.claims = claims;
        this.staff = staff;
        this.interests = interests;
        this.rules = rules;
        this.events = events;
        this.timeline = timeline;
        this.clock = clock;
        this.validator = validator;
    }

    /**
     * What a provider sends, checked at the edge: plain one-line names that fit their columns, a date of birth a
     * living person can have (whether they are old enough is decided below), a ULN of ten digits. The messages are
     * the ones the registration form shows beside each field, so the page and the API say the same.
     */
    public record Registration(@NotBlank(message = "Enter the learner's first name") @HumanText(max = 100)
                               String firstName,
                               @NotBlank(message = "Enter the learner's last name") @HumanText(max = 100)
                               String lastName,
                               @NotNull(message = "Enter the learner's date of birth") @DateRange(yearsAhead = 0)
                               LocalDate dateOfBirth,
                               @NotBlank(message = "Enter the learner's ten-digit Unique Learner Number (ULN)")
                               @Pattern(regexp = "(\\d{10})?", message = "a Unique Learner Number is ten digits")
                               String uln,
                               @NotBlank(message = "Choose a qualification") @HumanText(max = 20)
                               String qualification,
                               List<@NotBlank(message = "a unit reference such as L4B1") @HumanText(max = 10) String> units,
                               @NotBlank(message = "Choose the learner's assessor")
                               @HumanText(max = 100) String assessor) {
    }

    /** A registration that passed every check, with what the checks found; nothing has been written yet. */
    public record Checked(Centre centre, Qualification qualification, List<String> unitRefs, Learner learner,
                          StaffMember assessor, EligibilityResult eligibility) {
    }

    public Claim register(Registration r, AppUser provider) {
        // Registrations at one centre take turns, so the checks see every registration committed before: one learner
        // sent twice at once is registered once (the other is told so), also on two qualifications at once. A lock
        // per learner instead was tried and measured slower under the load mix on H2 and PostgreSQL (docs/load-test.md).
        entityManager.lock(centres.findById(provider.getCentreId()).orElseThrow(), LockModeType.PESSIMISTIC_WRITE);
        return register(r, check(r, provider), provider);
    }

    /**
     * Every check of a registration, without writing anything, and every problem at once (a form shows each beside
     * its field, an upload each under its column): a spreadsheet upload checks all its rows first, so it can report
     * every bad row at once, and imports (in one transaction) only when every row passes. A 400 lists every field
     * that is wrong; a registration whose only problem is the learner's existing record is a 409.
     */
    @Transactional(readOnly = true)
    public Checked check(Registration r, AppUser provider) {
        Centre centre = centres.findById(provider.getCentreId()).orElseThrow();
        // Pages and spreadsheet uploads come here without passing the API's @Valid.
        List<Violations.FieldProblem> problems = new ArrayList<>(Violations.of(validator.validate(r)));
        Set<String> wrong = new java.util.HashSet<>();
        problems.forEach(p -> wrong.add(p.field().replaceFirst("\\[.*", "")));
        LocalDate today = LocalDate.now(clock);

        Qualification qualification = null;
        if (!wrong.contains("qualification")) {
            String qan = r.qualification().trim().replace('-', '/');
            qualification = qualifications.findById(qan).orElse(null);
            if (qualification == null) {
                problems.add(new Violations.FieldProblem("qualification", "There is no qualification " + qan
                        + "; choose one of the qualifications in the list"));
            } else {
                var suspended = centre.approval(qan).filter(a -> a.getSuspendedOn() != null);
                if (suspended.isPresent()) {
                    problems.add(new Violations.FieldProblem("qualification", "Centre " + centre.getCode()
                            + "'s approval for " + qan + " is suspended since " + suspended.get().getSuspendedOn()
                            + " (" + suspended.get().getSuspendedReason() + ")"));
                    qualification = null;
                } else if (!centre.isApprovedFor(qan)) {
                    problems.add(new Violations.FieldProblem("qualification", "Centre " + centre.getCode()
                            + " is not approved for " + qan + " (" + qualification.getTitle() + ")"));
                    qualification = null;
                }
            }
        }
        if (!wrong.contains("dateOfBirth")) {
            int age = Period.between(r.dateOfBirth(), today).getYears();
            if (age < MINIMUM_AGE) {
                problems.add(new Violations.FieldProblem("dateOfBirth", "The learner must be at least "
                        + MINIMUM_AGE + " on the registration date: born on " + r.dateOfBirth() + ", they are "
                        + age + " on " + today));
            }
        }
        List<String> unitRefs = qualification == null || wrong.contains("units") ? List.of()
                : unitsFor(qualification, r.units(), problems);

        StaffMember assessor = null;
        if (!wrong.contains("assessor")) {
            assessor = staff.findByUsername(r.assessor().trim())
                    .filter(s -> s.getCentre().getId().equals(centre.getId()) && s.getRole() == StaffRole.ASSESSOR)
                    .orElse(null);
            if (assessor == null) {
                problems.add(new Violations.FieldProblem("assessor", "'" + r.assessor()
                        + "' is not an assessor at centre " + centre.getCode()));
            } else if (!assessor.isActive()) {
                problems.add(new Violations.FieldProblem("assessor", assessor.getName() + " (" + r.assessor()
                        + ") has been deactivated at centre " + centre.getCode()));
                assessor = null;
            }
        }
        boolean person = !wrong.contains("uln") && !wrong.contains("firstName") && !wrong.contains("lastName")
                && !wrong.contains("dateOfBirth");
        // A ULN is a person's national number, and a person may study at several centres: each centre keeps its own
        // record of them, so registering here never tells a provider whether, or where, anyone else registered them.
        Learner learner = person ? learners.findByCentreIdAndUln(centre.getId(), r.uln()).orElse(null) : null;
        EligibilityResult eligibility = null;
        if (assessor != null && person) {
            boolean leadership = units.findByRefIn(unitRefs).stream()
                    .anyMatch(u -> u.getCategory() == UnitCategory.LEADERSHIP);
            // An interest may be declared before the learner is registered: matched on what the registration says.
            boolean interest = learner != null ? interests.declared(assessor, learner)
                    : interests.declared(assessor, r.uln(), r.firstName(), r.lastName(), r.dateOfBirth());
            eligibility = rules.staffEligibility(StaffEligibilityRequest.of(assessor, today)
                    .withAssignment(leadership, interest, false));
            if (!eligibility.eligible()) {
                problems.add(new Violations.FieldProblem("assessor", assessor.getName()
                        + " cannot assess this learner: " + String.join("; ", eligibility.reasons()) + " (rule set "
                        + eligibility.ruleSetVersion() + ")"));
            }
        }
        String conflict = null;
        if (learner != null && !learner.isSamePerson(r.firstName(), r.lastName(), r.dateOfBirth())) {
            // Two people under one ULN is a typing mistake in one of them: merging them would put one person's
            // results on the other's record, so the provider is shown both and corrects the wrong one.
            conflict = r.uln() + " is already the ULN of " + learner.describe() + " at centre " + centre.getCode()
                    + "; this registration names " + Learner.describe(r.firstName(), r.lastName(), r.dateOfBirth())
                    + ". Check the ULN, or correct the learner's record first if it is wrong";
        } else if (learner != null && qualification != null
                && claims.existsByLearnerIdAndQan(learner.getId(), qualification.getQan())) {
            conflict = "Learner " + r.uln() + " is already registered on " + qualification.getQan();
        }
        if (!problems.isEmpty()) {
            if (conflict != null) {
                problems.add(new Violations.FieldProblem("uln", conflict));
            }
            throw FieldProblems.of(problems);
        }
        if (conflict != null) {
            throw new ConflictException("uln: " + conflict);
        }
        return new Checked(centre, qualification, unitRefs, learner, assessor, eligibility);
    }

    private Claim register(Registration r, Checked checked, AppUser provider) {
        Centre centre = checked.centre();
        String qan = checked.qualification().getQan();
        List<String> unitRefs = checked.unitRefs();
        StaffMember assessor = checked.assessor();
        Learner learner = checked.learner();
        if (learner == null) {
            learner = learners.save(new Learner(centre, r.firstName().trim(), r.lastName().trim(), r.dateOfBirth(),
                    r.uln()));
        }
        Claim claim = new Claim(learner, centre, qan, assessor, provider.getUsername(), Instant.now(clock));
        unitRefs.forEach(claim::addUnit);
        claim.judgedAtRegistration(checked.eligibility());
        claims.save(claim);
        timeline.record(claim, null, provider.getUsername(), "registered",
                learner.getFirstName() + " " + learner.getLastName() + " on " + qan + " with units " + unitRefs,
                null);
        events.publishEvent(new ClaimRegistered(claim.getId()));
        return claim;
    }

    /**
     * The claim process's first step: the rules judge the registration as saved (the assessor's eligibility for this
     * learner, declared interests included) and the decision goes on the timeline with its rule set version.
     */
    public void confirmChecks(long claimId) {
        Claim claim = claims.findById(claimId).orElseThrow();
        StaffMember assessor = claim.getAssessor();
        // Registered in this transaction: the rules judged this assessor for this learner and these units moments ago,
        // on the same rows, and judging again would double the rule work of every registration.
        EligibilityResult eligibility = claim.judgedAtRegistration()
                .orElseGet(() -> assessorEligibility(claim, assessor));
        if (!eligibility.eligible()) {
            throw new BadRequestException("assessor: " + assessor.getName() + " cannot assess this learner: "
                    + String.join("; ", eligibility.reasons()) + " (rule set " + eligibility.ruleSetVersion() + ")");
        }
        timeline.record(claim, null, "rules", "assessor assigned", assessor.getName()
                + (eligibility.conditions().isEmpty() ? "" : "; conditions: " + String.join("; ",
                eligibility.conditions())), String.valueOf(eligibility.ruleSetVersion()));
    }

    /**
     * The rules' answer, today, on this assessor assessing this claim's learner and units: judged at registration,
     * again at each sign-off (CPD lapses, qualifications are abandoned) and for a new assessor on reassignment. A
     * deactivated assessor is refused whatever the rules say, since they no longer work at the centre.
     */
    @Transactional(readOnly = true)
    public EligibilityResult assessorEligibility(Claim claim, StaffMember assessor) {
        boolean leadership = units.findByRefIn(claim.getUnits().stream().map(ClaimUnit::getUnitRef).toList()).stream()
                .anyMatch(u -> u.getCategory() == UnitCategory.LEADERSHIP);
        boolean interest = interests.declared(assessor, claim.getLearner());
        EligibilityResult eligibility = rules.staffEligibility(StaffEligibilityRequest.of(assessor,
                LocalDate.now(clock)).withAssignment(leadership, interest, false));
        if (!assessor.isActive()) {
            List<String> reasons = new ArrayList<>(eligibility.reasons());
            reasons.add(0, "has been deactivated at centre " + assessor.getCentre().getCode());
            return new EligibilityResult(eligibility.role(), eligibility.asOf(), false, eligibility.conditions(),
                    eligibility.warnings(), reasons, eligibility.qualifiedBy(), eligibility.ruleSetVersion(),
                    eligibility.firedRules());
        }
        return eligibility;
    }

    /** Awards and the Apprenticeship Diploma fix their units; for the Certificate and Diploma the learner chooses. */
    private List<String> unitsFor(Qualification qualification, List<String> requested,
                                  List<Violations.FieldProblem> problems) {
        if (!qualification.getUnits().isEmpty()) {
            if (requested != null && !requested.isEmpty()
                    && !new LinkedHashSet<>(requested).equals(new LinkedHashSet<>(qualification.getUnits()))) {
                problems.add(new Violations.FieldProblem("units", qualification.getTitle() + " is made of exactly "
                        + String.join(", ", qualification.getUnits()) + "; leave the units out or name exactly those"));
                return List.of();
            }
            return List.copyOf(qualification.getUnits());
        }
        if (requested == null || requested.isEmpty()) {
            problems.add(new Violations.FieldProblem("units", "Choose the units the learner will take for "
                    + qualification.getTitle()));
            return List.of();
        }
        Set<String> chosen = new LinkedHashSet<>();
        List<String> unknown = new ArrayList<>();
        for (String ref : requested) {
            String normalised = ref == null ? "" : ref.trim().toUpperCase(java.util.Locale.ROOT);
            if (units.existsById(normalised)) {
                chosen.add(normalised);
            } else {
                unknown.add(ref);
            }
        }
        if (!unknown.isEmpty()) {
            problems.add(new Violations.FieldProblem("units", "There is no unit " + String.join(", ", unknown)
                    + " in the specification"));
            return List.of();
        }
        var combination = rules.combination(qualification.getQan(), chosen);
        if (!combination.achieved()) {
            problems.add(new Violations.FieldProblem("units", "These units do not make " + qualification.getTitle()
                    + ": " + String.join("; ", combination.reasons())));
            return List.of();
        }
        return List.copyOf(chosen);
    }
}
