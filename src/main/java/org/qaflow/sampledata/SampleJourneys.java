package org.qaflow.sampledata;

import com.fasterxml.jackson.core.type.TypeReference;
import org.qaflow.BundledDefaults;
import org.qaflow.assessment.AssessmentService;
import org.qaflow.assessment.AssessmentService.EvidenceEntry;
import org.qaflow.assessment.EvidenceMethod;
import org.qaflow.catalogue.CatalogueLoader;
import org.qaflow.catalogue.LearningOutcome;
import org.qaflow.catalogue.UnitRepository;
import org.qaflow.iqa.IqaService;
import org.qaflow.learner.*;
import org.qaflow.security.AppUser;
import org.qaflow.security.AppUserRepository;
import org.qaflow.security.Role;
import org.qaflow.task.Tasks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Drives the demo claims of sample-data/journeys.yaml to their stage through the real services, once, right after
 * the sample data was loaded into an empty database and the rules started (see Startup).
 */
@Component
public class SampleJourneys {

    private static final Logger log = LoggerFactory.getLogger(SampleJourneys.class);

    enum Stage { REGISTERED, EVIDENCE, SIGNED_OFF, REFERRED, VERIFIED }

    record Journey(String uln, String qualification, String assessor, String iqa, Stage stage, List<String> units) {
    }

    private final Path sampleDataDir;
    private final BundledDefaults defaults;
    private final LearnerRepository learners;
    private final AppUserRepository users;
    private final UnitRepository units;
    private final RegistrationService registration;
    private final AssessmentService assessment;
    private final IqaService iqa;
    private final Tasks tasks;
    private final TransactionTemplate transaction;

    public SampleJourneys(@Value("${qaflow.sample-data-dir}") Path sampleDataDir, BundledDefaults defaults,
                          LearnerRepository learners, AppUserRepository users, UnitRepository units,
                          RegistrationService registration, AssessmentService assessment, IqaService iqa,
                          Tasks tasks, TransactionTemplate transaction) {
        this.sampleDataDir = sampleDataDir;
        this.defaults = defaults;
        this.learners = learners;
        this.users = users;
        this.units = units;
        this.registration = registration;
        this.assessment = assessment;
        this.iqa = iqa;
        this.tasks = tasks;
        this.transaction = transaction;
    }

    public void drive() {
        Path file = defaults.sampleData(sampleDataDir).resolve("journeys.yaml");
        if (!Files.exists(file)) {
            return;
        }
        List<Journey> journeys = CatalogueLoader.read(file, new TypeReference<>() { });
        for (Journey journey : journeys) {
            transaction.executeWithoutResult(status -> drive(journey));
        }
        log.info("{} demo claims driven to their stage", journeys.size());
    }

    private void drive(Journey j) {
        Learner learner = learners.findByUln(j.uln()).orElseThrow(() -> new IllegalStateException(
                "journeys.yaml: no learner with ULN " + j.uln() + " in centres.yaml"));
        AppUser provider = users.findAll().stream()
                .filter(u -> u.getRole() == Role.PROVIDER && learner.getCentre().getId().equals(u.getCentreId()))
                .findFirst().orElseThrow();
        Claim claim = registration.register(new RegistrationService.Registration(learner.getFirstName(),
                learner.getLastName(), learner.getDateOfBirth(), learner.getUln(), j.qualification(), j.units(),
                j.assessor()), provider);
        if (j.stage() == Stage.REGISTERED) {
            return;
        }
        AppUser assessor = users.findById(j.assessor()).orElseThrow();
        for (ClaimUnit unit : claim.getUnits()) {
            List<LearningOutcome> outcomes = units.findById(unit.getUnitRef()).orElseThrow().getOutcomes();
            Stream<LearningOutcome> covered = j.stage() == Stage.EVIDENCE ? outcomes.stream().limit(1) : outcomes.stream();
            List<EvidenceEntry> evidence = covered.flatMap(o -> o.getCriteria().stream())
                    .map(c -> new EvidenceEntry(c.getKey(), EvidenceMethod.OBSERVATION,
                            "Portfolio, section " + unit.getUnitRef() + "/" + c.getKey()))
                    .toList();
            assessment.recordEvidence(claim.getId(), unit.getUnitRef(), evidence, assessor);
        }
        if (j.stage() == Stage.EVIDENCE) {
            return;
        }
        assessment.signOff(claim.getId(), null, assessor);
        if (j.stage() == Stage.SIGNED_OFF) {
            return;
        }
        AppUser verifier = users.findById(j.iqa()).orElseThrow();
        for (ClaimUnit unit : claim.getUnits()) {
            tasks.find(verifier, Tasks.VERIFY_DECISION, "claimUnitId", unit.getId()).ifPresent(task ->
                    iqa.verify(task.getId(), unit.getId(), j.stage() == Stage.VERIFIED,
                            j.stage() == Stage.REFERRED ? "Evidence for LO2 does not show the learner's own work"
                                    : null, verifier));
        }
    }
}
