package org.qaflow.workflow;

import org.qaflow.diagram.ProcessTrail;
import org.junit.jupiter.api.Test;
import org.qaflow.assessment.AssessmentService;
import org.qaflow.security.AppUserRepository;
import org.qaflow.support.JourneyTestBase;
import org.kie.kogito.Model;
import org.kie.kogito.process.Process;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The process trail: the engine calls ProcessTrailListener for every instance and node, inside the transaction of the
 * work that moved the process, and the quality manager's counts come from it.
 */
class ProcessTrailTest extends JourneyTestBase {

    private static final String ACUMEN_AWARD = "610/3751/5";

    @Autowired
    ProcessTrail trail;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    AssessmentService assessment;
    @Autowired
    AppUserRepository users;
    @Autowired
    @Qualifier("unitAssessment")
    Process<? extends Model> unitAssessment;

    @Test
    void theEngineRecordsEachInstanceAndNodeAsItRuns() {
        long claimId = registered("provider", ACUMEN_AWARD, "assessor");
        String instance = unitInstance(claimId);

        Map<String, Object> row = jdbc.queryForMap("select process_id, parent_instance_id, started_at, completed_at "
                + "from process_trail_instance where instance_id = ?", instance);
        assertThat(row.get("process_id")).isEqualTo("unitAssessment");
        assertThat(row.get("started_at")).isNotNull();
        assertThat(row.get("completed_at")).isNull();
        List<Map<String, Object>> nodes = jdbc.queryForList("select element_id, node_name, entered_at, left_at "
                + "from process_trail_node where instance_id = ? order by id", instance);
        assertThat(nodes).extracting(n -> n.get("element_id")).containsExactly("start", "gw_assess", "assessUnit");
        assertThat(nodes.get(2).get("node_name")).isEqualTo("Assess unit");
        assertThat(nodes.get(2).get("left_at")).isNull();
        assertThat(nodes.get(0).get("left_at")).isNotNull();
    }

    @Test
    void aSignOffKilledHalfWayLeavesTheTrailWhereTheProcessReallyIs() {
        long claimId = registered("provider", ACUMEN_AWARD, "assessor");
        recordAllEvidence("assessor", claimId, "L4B1");
        String instance = unitInstance(claimId);
        List<Map<String, Object>> before = jdbc.queryForList(
                "select * from process_trail_node where instance_id = ? order by id", instance);

        // Killed at the last moment of the transaction, once the trail has written what the sign-off moved.
        assertThatThrownBy(() -> transaction.executeWithoutResult(status -> {
            assessment.signOff(claimId, List.of("L4B1"), users.findById("assessor").orElseThrow());
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void beforeCommit(boolean readOnly) {
                    assertThat(jdbc.queryForObject("select count(*) from process_trail_node where instance_id = ?",
                            Integer.class, instance)).as("inside the transaction the trail moved on")
                            .isGreaterThan(before.size());
                    throw new IllegalStateException("killed half-way");
                }
            });
        })).hasMessage("killed half-way");

        assertThat(jdbc.queryForList("select * from process_trail_node where instance_id = ? order by id", instance))
                .isEqualTo(before);
        assertThat(trail.path(instance).orElseThrow().activeNodes()).extracting(ProcessTrail.Step::id)
                .containsExactly("assessUnit");
    }

    @Test
    void theCountOfInstancesWaitingAtANodeFollowsTheJourney() {
        long before = waitingAt("unitAssessment", "assessUnit");
        long activeBefore = trail.activeInstances().getOrDefault("unitAssessment", 0L);
        long first = registered("provider", ACUMEN_AWARD, "assessor");
        registered("provider", ACUMEN_AWARD, "assessor");
        assertThat(waitingAt("unitAssessment", "assessUnit")).isEqualTo(before + 2);
        assertThat(trail.activeInstances().get("unitAssessment")).isEqualTo(activeBefore + 2);

        assessAndSignOff("assessor", first, "L4B1");
        iqaAcceptsAnySample("iqa", first);
        assertThat(waitingAt("unitAssessment", "assessUnit")).isEqualTo(before + 1);
        assertThat(trail.activeInstances().get("unitAssessment")).isEqualTo(activeBefore + 1);
    }

    @Test
    void aCancelledNodeIsLeftButNotCompleted() {
        long claimId = registered("provider", ACUMEN_AWARD, "assessor");
        String instance = unitInstance(claimId);
        String assess = jdbc.queryForObject("select node_instance_id from process_trail_node where instance_id = ? "
                + "and element_id = 'assessUnit'", String.class, instance);

        transaction.executeWithoutResult(status -> unitAssessment.instances().findById(instance).orElseThrow()
                .retriggerNodeInstance(assess));

        // The engine cancels the node instance and triggers a new one in its place.
        List<Map<String, Object>> rows = jdbc.queryForList("select node_instance_id, left_at, cancelled "
                + "from process_trail_node where instance_id = ? and element_id = 'assessUnit' order by id", instance);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0).get("node_instance_id")).isEqualTo(assess);
        assertThat(rows.get(0).get("left_at")).isNotNull();
        assertThat(rows.get(0).get("cancelled")).isEqualTo(true);
        assertThat(rows.get(1).get("left_at")).isNull();
        ProcessTrail.Path path = trail.path(instance).orElseThrow();
        assertThat(path.activeNodes()).extracting(ProcessTrail.Step::id).containsExactly("assessUnit");
        assertThat(path.completedNodes()).doesNotContain("assessUnit");
        assertThat(task("assessor", "AssessUnit", claimId)).isPresent();
    }

    private long waitingAt(String processId, String elementId) {
        return trail.waiting().stream().filter(w -> w.processId().equals(processId) && w.elementId().equals(elementId))
                .mapToLong(ProcessTrail.Waiting::instances).sum();
    }

    private String unitInstance(long claimId) {
        return jdbc.queryForObject("select process_instance_id from claim_unit where claim_id = ?", String.class, claimId);
    }
}
