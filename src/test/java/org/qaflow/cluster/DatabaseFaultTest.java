package org.qaflow.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.qaflow.support.ApiTestBase.Response;
import org.qaflow.support.Node;
import org.qaflow.support.TestDatabase;
import org.springframework.http.HttpMethod;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.*;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The database goes away in the middle of a request: the caller gets a clear 503 and nothing half-done is kept;
 * once the database is back the same journey carries on, with nothing lost and nothing recorded twice.
 */
@EnabledIfSystemProperty(named = TestDatabase.POSTGRES_URL, matches = "jdbc:postgresql:.+")
class DatabaseFaultTest {

    @Test
    void aSignOffCutOffMidRequestIsRefusedWith503AndSucceedsOnceTheDatabaseIsBack() throws Exception {
        TestDatabase database = TestDatabase.create("fault");
        // A short wait for a connection, so "database down" is answered in seconds, not the pool's default 30.
        try (Node node = Node.start(database, "fault-node", "--spring.datasource.hikari.connection-timeout=2000",
                "--qaflow.jobs.poll-interval=PT1H")) {
            long claimId = node.register("provider", "7200000001", "610/3751/5", "bcarter");
            node.recordAllEvidence("bcarter", claimId, "L4B1");
            int evidence = count(node, "select count(*) from evidence e join claim_unit u on u.id = e.claim_unit_id"
                    + " where u.claim_id = " + claimId);
            int events = count(node, "select count(*) from claim_event where claim_id = " + claimId);

            // Hold the unit's row so the sign-off stops inside its transaction, after the engine has moved on.
            Connection holder = DriverManager.getConnection(database.properties().get("spring.datasource.url"),
                    database.properties().get("spring.datasource.username"),
                    database.properties().get("spring.datasource.password"));
            holder.setAutoCommit(false);
            holder.createStatement().execute("select id from claim_unit where claim_id = " + claimId + " for update");
            ExecutorService pool = Executors.newSingleThreadExecutor();
            Future<Response> signOff = pool.submit(() -> node.call("bcarter", HttpMethod.POST,
                    "/api/claims/" + claimId + "/sign-off", Map.of("units", List.of("L4B1"))));
            try (Connection admin = TestDatabase.admin(); Statement sql = admin.createStatement()) {
                waitForABlockedRequest(sql, database.name());
                // The database goes away: no new connections, every open one cut.
                sql.execute("alter database " + database.name() + " allow_connections false");
                sql.execute("select pg_terminate_backend(pid) from pg_stat_activity where datname = '"
                        + database.name() + "'");

                Response cut = signOff.get(120, TimeUnit.SECONDS);
                assertThat(cut.status()).as(cut.raw()).isEqualTo(503);
                assertThat(cut.detail()).contains("database is not available").contains("nothing was saved");
                Response whileDown = node.call("provider", HttpMethod.GET, "/api/claims/" + claimId, null);
                assertThat(whileDown.status()).as(whileDown.raw()).isEqualTo(503);

                sql.execute("alter database " + database.name() + " allow_connections true");
            } finally {
                pool.shutdown();
                holder.close();
            }

            // Back: nothing of the cut-off sign-off was kept, and the assessor simply signs off again.
            JsonNode unit = node.ok("provider", HttpMethod.GET, "/api/claims/" + claimId, null).at("/units/0");
            assertThat(unit.get("status").asText()).isNotEqualTo("SAMPLED_FOR_IQA");
            assertThat(count(node, "select count(*) from assessment_decision d join claim_unit u"
                    + " on u.id = d.claim_unit_id where u.claim_id = " + claimId)).isZero();
            node.ok("bcarter", HttpMethod.POST, "/api/claims/" + claimId + "/sign-off", Map.of("units", List.of("L4B1")));
            JsonNode verify = node.task("iqa", "VerifyDecision", claimId).orElseThrow();
            node.ok("iqa", HttpMethod.POST, "/api/tasks/" + verify.get("id").asText() + "/complete",
                    Map.of("decision", "ACCEPT"));
            JsonNode countersign = node.task("iqa", "CountersignDecision", claimId).orElse(null);
            if (countersign != null) {
                node.ok("iqa", HttpMethod.POST, "/api/tasks/" + countersign.get("id").asText() + "/complete", Map.of());
            }

            assertThat(node.ok("provider", HttpMethod.GET, "/api/claims/" + claimId, null).get("status").asText())
                    .isEqualTo("CERTIFICATE_ISSUED");
            assertThat(count(node, "select count(*) from evidence e join claim_unit u on u.id = e.claim_unit_id"
                    + " where u.claim_id = " + claimId)).as("no evidence lost").isEqualTo(evidence);
            assertThat(count(node, "select count(*) from assessment_decision d join claim_unit u"
                    + " on u.id = d.claim_unit_id where u.claim_id = " + claimId)).as("one sign-off, not two")
                    .isEqualTo(1);
            assertThat(count(node, "select count(*) from claim_event where claim_id = " + claimId))
                    .isGreaterThan(events);
        }
    }

    private static int count(Node node, String sql) {
        return node.jdbc().queryForObject(sql, Integer.class);
    }

    /** Polls until the sign-off is seen waiting on the held row lock (bounded: the test fails, not hangs). */
    private static void waitForABlockedRequest(Statement sql, String database) throws Exception {
        for (int i = 0; i < 600; i++) {
            try (ResultSet rs = sql.executeQuery("select count(*) from pg_stat_activity where datname = '" + database
                    + "' and wait_event_type = 'Lock'")) {
                rs.next();
                if (rs.getInt(1) > 0) {
                    return;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the sign-off never reached the held row");
    }
}
