package org.qaflow.volume;

import org.qaflow.assessment.AssessmentService;
import org.qaflow.assessment.AssessmentService.EvidenceEntry;
import org.qaflow.assessment.EvidenceMethod;
import org.qaflow.catalogue.UnitRepository;
import org.qaflow.iqa.IqaService;
import org.qaflow.learner.Claim;
import org.qaflow.learner.RegistrationService;
import org.qaflow.security.AppUser;
import org.qaflow.security.AppUserRepository;
import org.qaflow.task.Tasks;
import org.qaflow.volume.BulkLoad.FixtureCentre;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The open part of the fixture, made through the same services the API calls, so the engine holds exactly the
 * processes and tasks the application tables say are open: learners registered (their units with the assessor), some
 * claims assessed and signed off (sampled units with the centre's IQAs, the rest verified; a claim whose units are all
 * verified goes on to its certificate or to the EQA's release), and some sampled units referred back to the assessor.
 * It stops once the task inbox holds the number of open tasks asked for.
 */
@Component
class OpenWork {

    private static final Logger log = LoggerFactory.getLogger(OpenWork.class);
    /** The apprenticeship diploma (eleven fixed units); the other fixed-unit qualifications are one- or two-unit awards. */
    private static final String APPRENTICESHIP = "610/3771/0";

    private final RegistrationService registration;
    private final AssessmentService assessment;
    private final IqaService iqa;
    private final Tasks tasks;
    private final UnitRepository units;
    private final AppUserRepository users;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    OpenWork(RegistrationService registration, AssessmentService assessment, IqaService iqa, Tasks tasks,
             UnitRepository units, AppUserRepository users, JdbcTemplate jdbc, TransactionTemplate transaction) {
        this.registration = registration;
        this.assessment = assessment;
        this.iqa = iqa;
        this.tasks = tasks;
        this.units = units;
        this.users = users;
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    /** Registers and moves claims until the inbox holds openTasks tasks; returns how many claims it registered. */
    int create(List<FixtureCentre> centres, int openTasks, int maxClaims, Random random) {
        List<String> awards = jdbc.queryForList("select distinct qan from qualification_unit where qan <> ? order by qan",
                String.class, APPRENTICESHIP);
        int registered = 0;
        while (registered < maxClaims && openTasks() < openTasks) {
            // One centre in ten registrations, and half of each centre's to its first assessor: a few people have
            // long inboxes, as in a real organisation, and "my tasks" is measured for them.
            FixtureCentre centre = random.nextInt(10) == 0 ? centres.get(0)
                    : centres.get(registered % centres.size());
            String assessor = random.nextBoolean() ? centre.assessors().get(0)
                    : centre.assessors().get(random.nextInt(centre.assessors().size()));
            // Most open claims are apprenticeship cohorts (eleven units, so eleven assessment tasks, one registration);
            // the rest are one- or two-unit awards: registered, or assessed and signed off (sampled units then wait
            // for an IQA, the others are verified), or also judged by the IQA (referred back, or accepted, when the
            // claim goes on to the EQA's release or its certificate). The first eight cover every stage at any size.
            boolean award = registered < 8 || random.nextInt(100) < 15;
            String qan = award ? awards.get(random.nextInt(awards.size())) : APPRENTICESHIP;
            String uln = String.format("6%09d", jdbc.queryForObject("select count(*) from learner", Long.class));
            int stage = registered < 8 ? registered % 4 : random.nextInt(4);
            Claim claim = transaction.execute(status -> registration.register(new RegistrationService.Registration(
                    BulkLoad.name(random, BulkLoad.FIRST), BulkLoad.name(random, BulkLoad.LAST),
                    LocalDate.of(1970 + random.nextInt(30), 1 + random.nextInt(12), 1 + random.nextInt(28)), uln, qan,
                    null, assessor), user(centre.provider())));
            registered++;
            if (award && stage > 0) {
                signOffEveryUnit(claim.getId(), user(assessor));
                if (stage > 1) {
                    iqaVerdict(claim.getId(), user(centre.iqas().get(0)), stage == 3);
                }
            }
            if (registered % 250 == 0) {
                log.info("volume fixture: {} open claims registered, {} open tasks", registered, openTasks());
            }
        }
        return registered;
    }

    int openTasks() {
        return jdbc.queryForObject("select count(*) from task_inbox", Integer.class);
    }

    private void signOffEveryUnit(long claimId, AppUser assessor) {
        transaction.executeWithoutResult(status -> {
            for (String unitRef : jdbc.queryForList("select unit_ref from claim_unit where claim_id = ? order by id",
                    String.class, claimId)) {
                List<EvidenceEntry> evidence = units.findById(unitRef).orElseThrow().getOutcomes().stream()
                        .flatMap(o -> o.getCriteria().stream())
                        .map(c -> new EvidenceEntry(c.getKey(), EvidenceMethod.OBSERVATION,
                                "Portfolio, section " + unitRef + "/" + c.getKey()))
                        .toList();
                assessment.recordEvidence(claimId, unitRef, evidence, assessor);
            }
            assessment.signOff(claimId, null, assessor);
        });
    }

    /** The IQA accepts or refers back every unit the sampling rules gave them on this claim (none if none sampled). */
    private void iqaVerdict(long claimId, AppUser verifier, boolean accept) {
        transaction.executeWithoutResult(status -> {
            List<Long> unitIds = new ArrayList<>(jdbc.queryForList(
                    "select id from claim_unit where claim_id = ? order by id", Long.class, claimId));
            for (Long unitId : unitIds) {
                tasks.find(verifier, Tasks.VERIFY_DECISION, "claimUnitId", unitId).ifPresent(task ->
                        iqa.verify(task.getId(), unitId, accept,
                                accept ? null : "Evidence for LO2 does not show the learner's own work", verifier));
            }
        });
    }

    private AppUser user(String username) {
        return users.findById(username).orElseThrow();
    }
}
