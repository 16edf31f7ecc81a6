package org.qaflow.workflow;

import org.junit.jupiter.api.Test;
import org.qaflow.assessment.AssessmentService;
import org.qaflow.learner.RegistrationService;
import org.qaflow.security.AppUser;
import org.qaflow.security.AppUserRepository;
import org.qaflow.support.JourneyTestBase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Process state (the engine's JDBC store and task store) and application rows commit together or not at all:
 * work killed half-way through a transaction leaves neither changed.
 */
class AtomicityTest extends JourneyTestBase {

    @Autowired
    TransactionTemplate transaction;
    @Autowired
    RegistrationService registration;
    @Autowired
    AssessmentService assessment;
    @Autowired
    AppUserRepository users;

    private Map<String, Object> counts() {
        return jdbc.queryForMap("select (select count(*) from claim) claims, (select count(*) from claim_unit) units,"
                + " (select count(*) from claim_event) events, (select count(*) from process_instances) processes,"
                + " (select count(*) from jbpm_user_tasks) tasks,"
                + " (select count(*) from assessment_decision) decisions");
    }

    @Test
    void aRegistrationKilledAfterItsProcessStartedLeavesNoClaimNoProcessAndNoTask() {
        AppUser provider = users.findById("provider").orElseThrow();
        Map<String, Object> before = counts();
        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
            registration.register(new RegistrationService.Registration("Half", "Way", LocalDate.of(1990, 1, 1),
                    newUln(), "610/3751/5", null, "assessor"), provider);
            assertThat(counts()).as("inside the transaction the work is done").isNotEqualTo(before);
            throw new IllegalStateException("killed half-way");
        })).hasMessage("killed half-way");
        assertThat(counts()).isEqualTo(before);
    }

    @Test
    void aSignOffKilledAfterTheProcessMovedOnLeavesTheTaskWithTheAssessor() {
        long claimId = registered("provider", "610/3751/5", "assessor");
        recordAllEvidence("assessor", claimId, "L4B1");
        AppUser assessor = users.findById("assessor").orElseThrow();
        String processId = jdbc.queryForObject("select process_instance_id from claim_unit where claim_id = ?",
                String.class, claimId);
        Map<String, Object> processBefore = jdbc.queryForMap(
                "select version, payload from process_instances where id = ?", processId);
        Map<String, Object> before = counts();

        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
            assessment.signOff(claimId, List.of("L4B1"), assessor);
            throw new IllegalStateException("killed half-way");
        })).hasMessage("killed half-way");

        assertThat(counts()).isEqualTo(before);
        Map<String, Object> processAfter = jdbc.queryForMap(
                "select version, payload from process_instances where id = ?", processId);
        assertThat(processAfter.get("version")).isEqualTo(processBefore.get("version"));
        assertThat((byte[]) processAfter.get("payload")).isEqualTo((byte[]) processBefore.get("payload"));
        assertThat(task("assessor", "AssessUnit", claimId)).as("the assessor still has the task").isPresent();
        assertThat(status("provider", claimId)).isEqualTo("AWAITING_ASSESSMENT");

        // and the journey goes on from where it really was
        Response signOff = post("assessor", "/api/claims/" + claimId + "/sign-off", Map.of());
        assertThat(signOff.status()).as(signOff.raw()).isEqualTo(200);
    }
}
