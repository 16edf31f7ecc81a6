package org.qaflow.sampledata;

import com.fasterxml.jackson.core.type.TypeReference;
import org.qaflow.BundledDefaults;
import org.qaflow.catalogue.CatalogueLoader;
import org.qaflow.catalogue.QualificationRepository;
import org.qaflow.catalogue.Qualification;
import org.qaflow.centre.*;
import org.qaflow.eqa.EqaVisit;
import org.qaflow.eqa.EqaVisitRepository;
import org.qaflow.learner.Learner;
import org.qaflow.learner.LearnerRepository;
import org.qaflow.sampledata.SampleDataFiles.*;
import org.qaflow.security.AppUser;
import org.qaflow.security.AppUserRepository;
import org.qaflow.security.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.*;
import java.util.stream.Collectors;

/**
 * Fills an empty database from sample-data/: the catalogue, three centres with their staff and learners, and the
 * demo accounts. A database that already holds data is left exactly as it is.
 */
@Component
public class SampleDataLoader {

    private static final Logger log = LoggerFactory.getLogger(SampleDataLoader.class);
    /** Every demo account's password; only the hash is stored. */
    static final String DEMO_PASSWORD = "demo";

    private final Path sampleDataDir;
    private final BundledDefaults defaults;
    private final CatalogueLoader catalogue;
    private final QualificationRepository qualifications;
    private final CentreRepository centres;
    private final StaffRepository staff;
    private final LearnerRepository learners;
    private final PersonalInterestRepository interests;
    private final EqaVisitRepository visits;
    private final AppUserRepository users;
    private final PasswordEncoder passwords;
    private final TransactionTemplate transaction;
    private final Clock clock;

    public SampleDataLoader(@Value("${qaflow.sample-data-dir}") Path sampleDataDir, BundledDefaults defaults,
                            CatalogueLoader catalogue,
                            QualificationRepository qualifications, CentreRepository centres, StaffRepository staff,
                            LearnerRepository learners, PersonalInterestRepository interests,
                            EqaVisitRepository visits, AppUserRepository users, PasswordEncoder passwords,
                            TransactionTemplate transaction, Clock clock) {
        this.sampleDataDir = sampleDataDir;
        this.defaults = defaults;
        this.catalogue = catalogue;
        this.qualifications = qualifications;
        this.centres = centres;
        this.staff = staff;
        this.learners = learners;
        this.interests = interests;
        this.visits = visits;
        this.users = users;
        this.passwords = passwords;
        this.transaction = transaction;
        this.clock = clock;
    }

    /** @return whether the database was empty and has now been filled */
    public boolean loadIfEmpty() {
        if (catalogue.isLoaded()) {
            log.info("Database already holds data; sample data not loaded");
            return false;
        }
        Path dir = defaults.sampleData(sampleDataDir);
        transaction.executeWithoutResult(status -> {
            catalogue.load(dir.resolve("catalogue"));
            List<CentreEntry> centreEntries = CatalogueLoader.read(dir.resolve("centres.yaml"), new TypeReference<>() { });
            SampleDates dates = new SampleDates(LocalDate.now(clock));
            centreEntries.forEach(e -> loadCentre(e, dates));
            List<UserEntry> userEntries = CatalogueLoader.read(dir.resolve("users.yaml"), new TypeReference<>() { });
            // Every demo account has the one published password, so one hash serves them all: each BCrypt costs
            // about 0.1 s of a core, which made hashing the largest part of a first start.
            String demoPassword = passwords.encode(DEMO_PASSWORD);
            userEntries.forEach(u -> loadUser(u, demoPassword));
        });
        log.info("Sample data loaded from {}", dir.toAbsolutePath());
        return true;
    }

    private void loadCentre(CentreEntry e, SampleDates dates) {
        String where = "centres.yaml: centre " + e.code();
        Centre centre = centres.save(new Centre(e.code(), e.name(), e.directClaimStatus(),
                Centre.RiskRating.valueOf(e.riskRating()), e.eqa(), approvedQualifications(e)));
        for (VisitEntry v : list(e.visits())) {
            EqaVisit visit = new EqaVisit(centre.getId(), v.eqa(), dates.parse(v.plannedFor(), where + ", visit plannedFor"));
            if (v.visitedOn() != null) {
                visit.record(dates.parse(v.visitedOn(), where + ", visit visitedOn"), EqaVisit.Outcome.valueOf(v.outcome()),
                        v.report());
            }
            visits.save(visit);
        }
        Map<String, StaffMember> staffByName = new HashMap<>();
        for (StaffEntry s : list(e.staff())) {
            StaffMember member = new StaffMember(centre, s.username(), s.name(), StaffRole.valueOf(s.role()),
                    s.occupationalCompetenceLevel(), s.salesLeadershipCompetence());
            list(s.qualifications()).forEach(q ->
                    member.addQualification(q.code(), StaffMember.QualificationStatus.valueOf(q.status())));
            list(s.cpd()).forEach(c -> member.addCpd(dates.parse(c.date(), where + ", CPD of " + s.name()), c.hours(),
                    c.salesRelated(), c.description()));
            staffByName.put(s.name(), staff.save(member));
        }
        Map<String, Learner> learnersByUln = new HashMap<>();
        for (LearnerEntry l : list(e.learners())) {
            learnersByUln.put(l.uln(), learners.save(
                    new Learner(centre, l.firstName(), l.lastName(),
                            dates.parse(l.dateOfBirth(), where + ", date of birth of learner " + l.uln()), l.uln())));
        }
        for (InterestEntry i : list(e.declaredInterests())) {
            StaffMember member = Objects.requireNonNull(staffByName.get(i.staff()),
                    () -> "centres.yaml: declared interest names unknown staff " + i.staff());
            Learner learner = Objects.requireNonNull(learnersByUln.get(i.learnerUln()),
                    () -> "centres.yaml: declared interest names unknown learner ULN " + i.learnerUln());
            Objects.requireNonNull(member.getUsername(),
                    () -> "centres.yaml: a declared interest needs staff with a username; " + i.staff() + " has none");
            interests.save(new PersonalInterest(member.getUsername(), null, learner.getUln(), learner.getFirstName(),
                    learner.getLastName(), learner.getDateOfBirth(), i.reason(), "sample data", Instant.now(clock)));
        }
    }

    private Set<String> approvedQualifications(CentreEntry e) {
        if ("ALL".equals(e.qualifications())) {
            return qualifications.findAllByOrderByPosition().stream().map(Qualification::getQan)
                    .collect(Collectors.toCollection(LinkedHashSet::new));
        }
        @SuppressWarnings("unchecked")
        List<String> qans = (List<String>) e.qualifications();
        for (String qan : qans) {
            if (!qualifications.existsById(qan)) {
                throw new IllegalStateException("centres.yaml: centre " + e.code() + " is approved for " + qan
                        + ", which is not in the catalogue");
            }
        }
        return new LinkedHashSet<>(qans);
    }

    private void loadUser(UserEntry u, String passwordHash) {
        Long centreId = u.centre() == null ? null : centres.findByCode(u.centre())
                .orElseThrow(() -> new IllegalStateException("users.yaml: " + u.username()
                        + " belongs to unknown centre " + u.centre()))
                .getId();
        AppUser user = new AppUser(u.username(), passwordHash, Role.valueOf(u.role()), u.displayName(), centreId);
        user.setEmail(u.email());
        users.save(user);
    }

    private static <T> List<T> list(List<T> maybe) {
        return maybe == null ? List.of() : maybe;
    }
}
