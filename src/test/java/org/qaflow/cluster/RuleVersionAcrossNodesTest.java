package org.qaflow.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.qaflow.rules.RuleSetRegistry;
import org.qaflow.support.Node;
import org.qaflow.support.TestDatabase;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Two application nodes on one database (H2 shared in AUTO_SERVER mode, or PostgreSQL when configured), each with its
 * own rules folder: a rule set activated on one node decides on the other within 5 seconds, and so does a rollback
 * made on the other node; neither restarts.
 */
@ExtendWith(OutputCaptureExtension.class)
class RuleVersionAcrossNodesTest {

    private static final Duration WITHIN = Duration.ofSeconds(5);
    private static final String REQUIREMENTS = "combination/requirements.yaml";
    /** 13 credits achieve the Certificate under the shipped rules (minCredits 13), not under the candidate's 14. */
    private static final List<String> THIRTEEN_CREDITS = List.of("L4B2", "L4C1", "L4C3", "L4S2");
    private static Node a;
    private static Node b;
    private static Path rulesB;

    @BeforeAll
    static void startTwoNodes() {
        TestDatabase database = TestDatabase.create("rule-version");
        List<String> shared = new ArrayList<>();
        Path data = Path.of(database.properties().get("qaflow.data-dir"));
        if (!TestDatabase.onPostgres()) {
            // Two nodes on one H2 file: the first to open it serves it to the other (AUTO_SERVER does not allow
            // DB_CLOSE_ON_EXIT=FALSE, which the default URL sets).
            shared.add("--spring.datasource.url=jdbc:h2:file:" + data + "/qaflow;WRITE_DELAY=0;"
                    + "LOCK_TIMEOUT=30000;AUTO_SERVER=TRUE");
        }
        // Rules folders that do not exist yet: A writes out the bundled rules, B writes what the database holds.
        rulesB = data.resolve("rules-b");
        a = Node.start(database, "node-a", with(shared, "--qaflow.rules-dir=" + data.resolve("rules-a")));
        b = Node.start(database, "node-b", with(shared, "--qaflow.rules-dir=" + rulesB));
    }

    private static String[] with(List<String> shared, String arg) {
        List<String> all = new ArrayList<>(shared);
        all.add(arg);
        return all.toArray(String[]::new);
    }

    @AfterAll
    static void stop() {
        if (b != null) b.close();
        if (a != null) a.close();
    }

    @Test
    void anActivationOnOneNodeAndARollbackOnTheOtherAreUsedByBothWithinFiveSeconds() throws IOException {
        JsonNode before = combination(b);
        int v1 = before.get("ruleSetVersion").asInt();
        assertThat(before.get("achieved").asBoolean()).as("13 credits under the shipped rules").isTrue();
        assertThat(combination(a).get("ruleSetVersion").asInt()).isEqualTo(v1);

        String requirements = a.ok("qm", HttpMethod.GET, "/api/rules/files/" + REQUIREMENTS, null).get("content")
                .asText();
        String scenarios = a.ok("qm", HttpMethod.GET, "/api/rules/files/scenarios/combination.yaml", null)
                .get("content").asText();
        assertThat(requirements).contains("minCredits: 13");
        Map<String, String> files = Map.of(
                REQUIREMENTS, requirements.replace("minCredits: 13", "minCredits: 14"),
                "scenarios/combination.yaml", scenarios
                        .replace("expect: {achieved: true, credits: 13, reasons: []}",
                                "expect: {achieved: false, credits: 13}")
                        .replace("needs at least 13 credits, has 12", "needs at least 14 credits, has 12"));
        long candidate = a.ok("qm", HttpMethod.POST, "/api/rules/candidates",
                Map.of("description", "14 credits", "files", files)).get("candidate").asLong();
        int v2 = a.ok("qm2", HttpMethod.POST, "/api/rules/candidates/" + candidate + "/activate",
                        Map.of("reason", "14 credits"))
                .get("version").asInt();
        assertThat(v2).isGreaterThan(v1);

        JsonNode onB = decidedWith(b, v2);
        assertThat(onB.get("achieved").asBoolean()).as("node B decides by the 14-credit rule").isFalse();
        assertThat(onB.get("reasons").toString()).contains("needs at least 14 credits, has 13");
        assertThat(Files.readString(rulesB.resolve(REQUIREMENTS))).as("node B's rules folder follows the database")
                .contains("minCredits: 14");

        int v3 = b.ok("qm", HttpMethod.POST, "/api/rules/versions/" + v1 + "/rollback",
                        Map.of("reason", "back to 13 credits")).get("version")
                .asInt();
        assertThat(v3).isGreaterThan(v2);
        JsonNode onA = decidedWith(a, v3);
        assertThat(onA.get("achieved").asBoolean()).as("node A is back on the 13-credit rule").isTrue();
        assertThat(a.ok("qm", HttpMethod.GET, "/api/rules/version", null).get("version").asInt()).isEqualTo(v3);
    }

    @Test
    void aVersionThatDoesNotBuildOnANodeIsReportedOnceAndTheNodeKeepsServingItsVersion(CapturedOutput output) {
        JdbcTemplate jdbc = a.jdbc();
        int served = combination(b).get("ruleSetVersion").asInt();
        long servedId = jdbc.queryForObject("select id from rule_set where version = ?", Long.class, served);
        // As if a node running other code had activated rules this node's compiler refuses: stored directly.
        int broken = jdbc.queryForObject("select max(version) from rule_set", Integer.class) + 1;
        jdbc.update("insert into rule_set (version, status, origin, description, based_on_version, created_by,"
                + " created_at, activated_by, activated_at) values (?, 'ACTIVE', 'EDIT', 'broken', ?, 'qm', ?, 'qm', ?)",
                broken, served, Timestamp.from(Instant.parse("2026-01-01T00:00:00Z")),
                Timestamp.from(Instant.parse("2026-01-01T00:00:00Z")));
        long brokenId = jdbc.queryForObject("select id from rule_set where version = ?", Long.class, broken);
        jdbc.update("insert into rule_file (rule_set_id, path, content) select ?, path, case when path = ?"
                + " then 'rule \"half written\" when then' else content end from rule_file where rule_set_id = ?",
                brokenId, "combination/combination.drl", servedId);
        jdbc.update("update rule_set set status = 'RETIRED' where id = ?", servedId);
        try {
            RuleSetRegistry registry = b.bean(RuleSetRegistry.class);
            for (int poll = 0; poll < 3; poll++) {
                registry.followActiveVersion();
            }
            assertThat(combination(b).get("ruleSetVersion").asInt()).as("node B keeps deciding").isEqualTo(served);
            assertThat(b.ok("qm", HttpMethod.GET, "/api/rules/version", null).get("version").asInt()).isEqualTo(served);
            String report = "Rule set version " + broken + ", activated on another node, does not build on this node";
            // Once on B, and at most once on A, whose own polls may have met it too; not once per poll.
            assertThat(output.getAll().split(java.util.regex.Pattern.quote(report), -1).length - 1)
                    .as("times the unbuildable version was reported").isBetween(1, 2);
        } finally {
            jdbc.update("update rule_set set status = 'RETIRED' where id = ?", brokenId);
            jdbc.update("update rule_set set status = 'ACTIVE' where id = ?", servedId);
        }
    }

    private static JsonNode combination(Node node) {
        return node.ok("provider", HttpMethod.POST, "/api/rules/combination",
                Map.of("qualification", "610/3769/2", "units", THIRTEEN_CREDITS));
    }

    /** Between two asks, so that the loop does not fill the decision log. */
    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The node's first decision made with the given version, asked for until the deadline (no fixed wait). */
    private static JsonNode decidedWith(Node node, int version) {
        long deadline = System.nanoTime() + WITHIN.toNanos();
        JsonNode last;
        do {
            last = combination(node);
            if (last.get("ruleSetVersion").asInt() == version) {
                return last;
            }
            pause();
        } while (System.nanoTime() < deadline);
        return fail("Within " + WITHIN.toSeconds() + " s the node still decided with version "
                + last.get("ruleSetVersion").asInt() + ", not " + version + ": " + last);
    }
}
