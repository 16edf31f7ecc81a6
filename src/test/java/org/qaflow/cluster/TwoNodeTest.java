package org.qaflow.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.qaflow.support.ApiTestBase.Response;
import org.qaflow.support.Node;
import org.qaflow.support.TestDatabase;
import org.qaflow.workflow.JobScheduler;
import org.springframework.http.HttpMethod;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.*;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two application nodes on one PostgreSQL database, as an awarding organisation with many centres runs qaflow:
 * work started on one node is finished on the other, a task claimed on both at once goes to exactly one person, and
 * a due scheduled job runs once, not once per node.
 */
@EnabledIfSystemProperty(named = TestDatabase.POSTGRES_URL, matches = "jdbc:postgresql:.+")
class TwoNodeTest {

    private static final String ACUMEN_AWARD = "610/3751/5";
    private static Node a;
    private static Node b;

    @BeforeAll
    static void startTwoNodes() {
        TestDatabase database = TestDatabase.create("two-nodes");
        // One after the other: the first fills the empty database with the sample data, the second finds it there.
        a = Node.start(database, "node-a");
        b = Node.start(database, "node-b");
    }

    @AfterAll
    static void stop() {
        if (b != null) b.close();
        if (a != null) a.close();
    }

    @Test
    void aJourneyMovesBetweenNodesAtEveryStep() {
        long claimId = a.register("provider", "7100000001", ACUMEN_AWARD, "assessor");
        b.recordAllEvidence("assessor", claimId, "L4B1");
        JsonNode assess = a.task("assessor", "AssessUnit", claimId).orElseThrow();
        b.ok("assessor", HttpMethod.POST, "/api/tasks/" + assess.get("id").asText() + "/complete", Map.of());
        // The unit may or may not be sampled for the IQA; any sample is offered on both nodes and accepted on A.
        b.task("iqa", "VerifyDecision", claimId).ifPresent(verify -> {
            assertThat(a.task("iqa", "VerifyDecision", claimId)).as("the same task on node A").isPresent();
            a.ok("iqa", HttpMethod.POST, "/api/tasks/" + verify.get("id").asText() + "/complete",
                    Map.of("decision", "ACCEPT"));
        });

        assertThat(b.ok("provider", HttpMethod.GET, "/api/claims/" + claimId, null).get("status").asText())
                .isEqualTo("CERTIFICATE_ISSUED");
        assertThat(a.ok("provider", HttpMethod.GET, "/api/claims/" + claimId + "/timeline", null).findValuesAsText("what"))
                .as("one timeline, written by both nodes").contains("registered").hasSizeGreaterThan(3);
    }

    @Test
    void twoIqasClaimingOneSampleOnTwoNodesAtOnceOneWinsTheOtherIsToldWho() throws Exception {
        // Ben Carter works towards his assessor award: every decision of his is sampled, offered to NSA01's IQAs.
        long claimId = a.register("provider", "7100000002", ACUMEN_AWARD, "bcarter");
        a.recordAllEvidence("bcarter", claimId, "L4B1");
        a.ok("bcarter", HttpMethod.POST, "/api/claims/" + claimId + "/sign-off", Map.of("units", List.of("L4B1")));
        String taskId = b.task("iqa", "VerifyDecision", claimId).orElseThrow().get("id").asText();
        assertThat(a.task("ohaddad", "VerifyDecision", claimId)).as("offered to both IQAs").isPresent();

        ExecutorService pool = Executors.newFixedThreadPool(2);
        CyclicBarrier together = new CyclicBarrier(2);
        Future<Response> ivy = pool.submit(() -> {
            together.await();
            return a.call("iqa", HttpMethod.POST, "/api/tasks/" + taskId + "/claim", null);
        });
        Future<Response> omar = pool.submit(() -> {
            together.await();
            return b.call("ohaddad", HttpMethod.POST, "/api/tasks/" + taskId + "/claim", null);
        });
        List<Response> both = List.of(ivy.get(60, TimeUnit.SECONDS), omar.get(60, TimeUnit.SECONDS));
        pool.shutdown();

        assertThat(both).extracting(Response::status).containsExactlyInAnyOrder(200, 409);
        Response won = both.stream().filter(r -> r.status() == 200).findFirst().orElseThrow();
        Response lost = both.stream().filter(r -> r.status() == 409).findFirst().orElseThrow();
        String winner = won.body().get("owner").asText();
        assertThat(winner).isIn("iqa", "ohaddad");
        assertThat(lost.detail()).contains("Task " + taskId).contains(winner + " has claimed it");
        assertThat(a.jdbc().queryForObject("select actual_owner from jbpm_user_tasks where id = ?", String.class,
                taskId)).isEqualTo(winner);
    }

    @Test
    void aDueYearlyVisitIsOpenedOnceThoughBothNodesPollAtOnce() throws Exception {
        var jdbc = a.jdbc();
        jdbc.update("insert into centre (code, name, direct_claim_status, risk_rating, eqa_username) "
                + "values ('TWO01', 'Two Node College', false, 'LOW', 'eqa2')");
        long centreId = jdbc.queryForObject("select id from centre where code = 'TWO01'", Long.class);
        LocalDate lastYear = LocalDate.now().minusYears(1);
        jdbc.update("insert into eqa_visit (centre_id, eqa_username, planned_for, visited_on, outcome, report, status)"
                + " values (?, 'eqa2', ?, ?, 'SATISFACTORY', 'fine', 'COMPLETED')", centreId, lastYear, lastYear);
        jdbc.update("insert into scheduled_job (kind, subject_id, due_at) values ('VISIT_DUE', ?, ?)", centreId,
                Timestamp.from(Instant.now().minusSeconds(3600)));

        ExecutorService pool = Executors.newFixedThreadPool(2);
        CyclicBarrier together = new CyclicBarrier(2);
        Future<?> pollA = pool.submit(() -> { together.await(); a.bean(JobScheduler.class).runDueJobs(); return null; });
        Future<?> pollB = pool.submit(() -> { together.await(); b.bean(JobScheduler.class).runDueJobs(); return null; });
        pollA.get(60, TimeUnit.SECONDS);
        pollB.get(60, TimeUnit.SECONDS);
        pool.shutdown();

        assertThat(jdbc.queryForObject("select count(*) from eqa_visit where centre_id = ? and status = 'PLANNING'",
                Integer.class, centreId)).as("one visit opened, not one per node").isEqualTo(1);
        assertThat(jdbc.queryForList("select claimed_by from scheduled_job where subject_id = ? and kind = 'VISIT_DUE'"
                + " and done_at is not null", String.class, centreId)).hasSize(1).first().isIn("node-a", "node-b");
        long planTasks = java.util.stream.StreamSupport.stream(
                b.ok("eqa2", HttpMethod.GET, "/api/tasks", null).spliterator(), false)
                .filter(t -> t.get("name").asText().equals("PlanVisit") && "TWO01".equals(t.path("centre").asText()))
                .count();
        assertThat(planTasks).as("the EQA is asked once to plan the visit").isEqualTo(1);
    }
}
