package org.qaflow.rules;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.qaflow.support.TestDirs;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A quality manager changes rules through the API, on a temp copy of rules/. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RuleChangeTest {

    static final Path DATA = TestDirs.newDataDir("rule-change");
    static final Path RULES = RulesTestSupport.copyOfRules();
    static final String RECOGNISED = "eligibility/recognised-qualifications.yaml";
    static final List<String> THIRTEEN_CREDITS = List.of("L4B2", "L4C1", "L4C3", "L4S2");

    @DynamicPropertySource
    static void dirs(DynamicPropertyRegistry registry) {
        registry.add("qaflow.data-dir", DATA::toString);
        registry.add("qaflow.rules-dir", RULES::toString);
        // Short, so that the two endless rules below are stopped quickly; an ordinary evaluation takes milliseconds.
        registry.add("qaflow.rules.time-limit", () -> "2s");
    }

    @LocalServerPort
    int port;
    @org.springframework.beans.factory.annotation.Autowired
    RuleSetRegistry registry;
    @org.springframework.beans.factory.annotation.Autowired
    java.time.Clock clock;
    RulesTestSupport.Api api;

    @BeforeEach
    void api() {
        api = new RulesTestSupport.Api(port);
    }

    private int activeVersion() {
        return api.get("assessor", "/api/rules/version").body().get("version").asInt();
    }

    private String file(String path) {
        return api.get("qm", "/api/rules/files/" + path).body().get("content").asText();
    }

    private JsonNode thirteenCreditCertificate() {
        return api.post("provider", "/api/rules/combination",
                Map.of("qualification", "610/3769/2", "units", THIRTEEN_CREDITS)).body();
    }

    private JsonNode iqaHoldingV1() {
        return api.post("iqa", "/api/rules/staff-eligibility", Map.of("role", "IQA", "asOf", "2026-11-26",
                "occupationalCompetenceLevel", 6, "qualifications", List.of(Map.of("code", "V1", "status", "HELD")),
                "cpd", List.of(Map.of("date", "2026-06-01", "hours", 30, "salesRelated", true)))).body();
    }

    @Test
    @Order(1)
    void aBrokenRuleFileIsRefusedWithFileAndLineAndDecisionsStayTheSame() {
        int before = activeVersion();
        String drl = file("combination/combination.drl");
        String broken = drl.replace("minCredits != null,", "minCredits != ,");
        int brokenLine = drl.substring(0, drl.indexOf("minCredits != null,")).split("\n", -1).length;
        assertThat(broken).isNotEqualTo(drl);

        RulesTestSupport.Response r = api.put("qm", "/api/rules/files/combination/combination.drl", broken);

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().get("title").asText()).isEqualTo("Rule set refused");
        JsonNode error = r.body().get("compileErrors").get(0);
        assertThat(error.get("file").asText()).isEqualTo("combination/combination.drl");
        assertThat(error.get("line").asInt()).isBetween(brokenLine - 1, brokenLine + 1);
        assertThat(r.body().get("detail").asText()).contains("combination/combination.drl line");
        long candidate = r.body().get("candidate").asLong();
        assertThat(api.post("qm", "/api/rules/candidates/" + candidate + "/activate", Map.of()).status()).isEqualTo(409);
        assertThat(activeVersion()).isEqualTo(before);
        assertThat(thirteenCreditCertificate().get("achieved").asBoolean()).isTrue();
        assertThat(file("combination/combination.drl")).isEqualTo(drl);
    }

    @Test
    @Order(2)
    void aRuleSetFailingAScenarioIsRefusedWithExpectedAndActual() {
        int before = activeVersion();
        String requirements = file("combination/requirements.yaml");
        String stricter = requirements.replace("minCredits: 13", "minCredits: 14");

        RulesTestSupport.Response r = api.put("qm", "/api/rules/files/combination/requirements.yaml", stricter);

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().get("compileErrors")).isEmpty();
        JsonNode failure = r.body().get("scenarioFailures").get(0);
        assertThat(failure.get("scenario").asText()).isEqualTo("Certificate with exactly 13 credits is achieved");
        assertThat(failure.get("field").asText()).isEqualTo("achieved");
        assertThat(failure.get("expected").asText()).isEqualTo("true");
        assertThat(failure.get("actual").asText()).isEqualTo("false");
        assertThat(activeVersion()).isEqualTo(before);
        assertThat(thirteenCreditCertificate().get("achieved").asBoolean()).isTrue();
    }

    @Test
    @Order(3)
    void aDataFileWithAnUnknownFieldIsRefusedNamingTheFile() {
        String requirements = file("combination/requirements.yaml");
        RulesTestSupport.Response r = api.put("qm", "/api/rules/files/combination/requirements.yaml",
                requirements.replace("minCredits: 37", "minCredit: 37"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().get("compileErrors").get(0).get("file").asText()).isEqualTo("combination/requirements.yaml");
        assertThat(r.body().get("compileErrors").get(0).get("message").asText()).contains("minCredit");
    }

    @Test
    @Order(4)
    void impactPreviewActivationHistoryAndRollback() throws IOException {
        int v1 = activeVersion();
        String recognised = file(RECOGNISED);
        String withoutV1 = recognised.lines().filter(l -> !l.contains("code: V1,"))
                .reduce("", (a, b) -> a + b + "\n");
        assertThat(iqaHoldingV1().get("eligible").asBoolean()).isTrue();

        RulesTestSupport.Response proposed = api.put("qm", "/api/rules/files/" + RECOGNISED, withoutV1);
        assertThat(proposed.status()).as(proposed.body().toString()).isEqualTo(201);
        long candidate = proposed.body().get("candidate").asLong();
        assertThat(proposed.body().get("diff").asText()).contains("code: V1,").contains("changed " + RECOGNISED);

        // Only a quality manager may preview or activate.
        assertThat(api.post("provider", "/api/rules/candidates/" + candidate + "/impact", Map.of()).status())
                .isEqualTo(403);
        JsonNode impact = api.post("qm", "/api/rules/candidates/" + candidate + "/impact", Map.of()).body();
        assertThat(impact.get("differences")).hasSize(1);
        JsonNode henry = impact.get("differences").get(0);
        assertThat(henry.get("subject").asText()).startsWith("Henry Irving (IQA");
        assertThat(henry.get("after").get("eligible").asBoolean()).isFalse();
        assertThat(activeVersion()).as("a preview changes nothing").isEqualTo(v1);

        JsonNode activated = api.post("qm2", "/api/rules/candidates/" + candidate + "/activate",
                Map.of("reason", "V1 is no longer recognised")).body();
        int v2 = activated.get("version").asInt();
        assertThat(v2).isEqualTo(v1 + 1);
        assertThat(activeVersion()).isEqualTo(v2);
        JsonNode refused = iqaHoldingV1();
        assertThat(refused.get("eligible").asBoolean()).isFalse();
        assertThat(refused.get("ruleSetVersion").asInt()).isEqualTo(v2);
        assertThat(Files.readString(RULES.resolve(RECOGNISED))).doesNotContain("code: V1,");

        JsonNode history = api.get("eqa", "/api/rules/versions").body();
        assertThat(history.get(0).get("version").asInt()).isEqualTo(v2);
        assertThat(history.get(0).get("createdBy").asText()).isEqualTo("qm");
        assertThat(history.get(0).get("activatedBy").asText()).isEqualTo("qm2");
        assertThat(history.get(0).get("reason").asText()).isEqualTo("V1 is no longer recognised");
        assertThat(history.get(0).get("activatedAt").asText()).isNotBlank();
        assertThat(history.get(0).get("diff").asText()).contains("-").contains("code: V1,");

        assertThat(api.post("provider", "/api/rules/versions/" + v1 + "/rollback", Map.of()).status()).isEqualTo(403);
        JsonNode rolledBack = api.post("qm", "/api/rules/versions/" + v1 + "/rollback",
                Map.of("reason", "V1 holders complained")).body();
        int v3 = rolledBack.get("version").asInt();
        assertThat(v3).isEqualTo(v2 + 1);
        assertThat(rolledBack.get("origin").asText()).isEqualTo("ROLLBACK");
        assertThat(rolledBack.get("description").asText()).isEqualTo("rollback to version " + v1);
        assertThat(rolledBack.get("reason").asText()).isEqualTo("V1 holders complained");
        assertThat(iqaHoldingV1().get("eligible").asBoolean()).isTrue();
        assertThat(file(RECOGNISED)).isEqualTo(recognised);
        assertThat(api.get("eqa", "/api/rules/versions/" + v2).body().get("files").get(RECOGNISED).asText())
                .isEqualTo(withoutV1);
    }

    @Test
    @Order(5)
    void aCandidateBasedOnAnOlderVersionCannotBeActivated() {
        String requirements = file("combination/requirements.yaml");
        long first = api.put("qm", "/api/rules/files/combination/requirements.yaml", requirements + "# first\n")
                .body().get("candidate").asLong();
        long second = api.put("qm", "/api/rules/files/combination/requirements.yaml", requirements + "# second\n")
                .body().get("candidate").asLong();
        assertThat(api.post("qm2", "/api/rules/candidates/" + first + "/activate", Map.of("reason", "first"))
                .status()).isEqualTo(200);
        RulesTestSupport.Response stale = api.post("qm2", "/api/rules/candidates/" + second + "/activate",
                Map.of("reason", "second"));
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.body().get("detail").asText()).contains("propose the change again");
    }

    @Test
    @Order(6)
    void editsOnDiskAreTakenUpOnlyByAnExplicitReloadThroughTheSameChecks() throws IOException {
        int before = activeVersion();
        Path drl = RULES.resolve("combination/combination.drl");
        String good = Files.readString(drl);
        Files.writeString(drl, good + "\nrule \"Half a rule\"\nwhen\n");
        assertThat(activeVersion()).isEqualTo(before);

        RulesTestSupport.Response broken = api.post("qm", "/api/rules/reload", Map.of());
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.body().get("compileErrors").get(0).get("file").asText()).isEqualTo("combination/combination.drl");
        assertThat(activeVersion()).isEqualTo(before);
        assertThat(thirteenCreditCertificate().get("achieved").asBoolean()).isTrue();

        Files.writeString(drl, "// Reviewed by the quality manager.\n" + good);
        JsonNode reloaded = api.post("qm", "/api/rules/reload", Map.of()).body();
        assertThat(reloaded.get("changed").asBoolean()).isTrue();
        assertThat(reloaded.get("activated").asBoolean()).as("a reload is no way around four eyes").isFalse();
        assertThat(activeVersion()).isEqualTo(before);
        long candidate = reloaded.get("candidate").asLong();
        assertThat(api.post("qm", "/api/rules/candidates/" + candidate + "/activate", Map.of("reason", "mine"))
                .status()).isEqualTo(403);
        JsonNode activated = api.post("qm2", "/api/rules/candidates/" + candidate + "/activate",
                Map.of("reason", "reviewed the edit on disk")).body();
        assertThat(activated.get("version").asInt()).isEqualTo(before + 1);
        assertThat(activated.get("diff").asText()).contains("Reviewed by the quality manager");
        assertThat(api.post("qm", "/api/rules/reload", Map.of()).body().get("changed").asBoolean()).isFalse();
    }

    @Test
    @Order(7)
    void severalFilesChangeTogetherAndAnUnsafePathIsRefused() {
        Map<String, String> files = new HashMap<>();
        files.put("combination/requirements.yaml", file("combination/requirements.yaml")
                .replace("minCredits: 13", "minCredits: 14"));
        files.put("scenarios/combination.yaml", file("scenarios/combination.yaml")
                .replace("expect: {achieved: true, credits: 13, reasons: []}", "expect: {achieved: false, credits: 13}")
                .replace("needs at least 13 credits, has 12", "needs at least 14 credits, has 12"));
        RulesTestSupport.Response r = api.post("qm", "/api/rules/candidates",
                Map.of("description", "Certificates need 14 credits", "files", files));
        assertThat(r.status()).as(r.body().toString()).isEqualTo(201);
        assertThat(r.body().get("scenariosRun").asInt()).isGreaterThan(40);

        RulesTestSupport.Response escape = api.post("qm", "/api/rules/candidates",
                Map.of("files", Map.of("../outside.drl", "rule")));
        assertThat(escape.status()).isEqualTo(400);
        assertThat(escape.body().get("detail").asText()).contains("../outside.drl");
    }
    /** A rule file with one more rule appended (and java.util.Collections imported, which rules may use). */
    private static String withRule(String drl, String condition, String consequence) {
        if (consequence.contains("Collections.")) {
            drl = drl.replace("import org.qaflow.rules.facts.*",
                    "import org.qaflow.rules.facts.*\nimport java.util.Collections");
        }
        return drl + "\nrule \"Probe\"\nwhen\n    " + condition + "\nthen\n    " + consequence + "\nend\n";
    }

    @Test
    @Order(8)
    void ruleCodeReachingPastTheFactModelIsRefusedWithFileAndLineBeforeAnythingRuns() {
        int before = activeVersion();
        String drl = file("combination/combination.drl");
        String hostile = withRule(drl, "$c : CombinationCheck( )",
                "$c.unmet(System.getProperty(\"user.name\") + new java.io.File(\"/etc/passwd\").exists());");
        int consequenceLine = (int) hostile.substring(0, hostile.indexOf("$c.unmet(System")).lines().count();

        RulesTestSupport.Response r = api.put("qm", "/api/rules/files/combination/combination.drl", hostile);

        assertThat(r.status()).isEqualTo(400);
        JsonNode error = r.body().get("compileErrors").get(0);
        assertThat(error.get("file").asText()).isEqualTo("combination/combination.drl");
        assertThat(error.get("line").asInt()).isEqualTo(consequenceLine);
        assertThat(error.get("message").asText()).startsWith("refers to System, which rules may not use");
        assertThat(r.body().get("detail").asText())
                .contains("combination/combination.drl line " + consequenceLine + ": refers to System")
                .doesNotContain("root");
        assertThat(r.body().get("scenarioFailures")).isEmpty();
        assertThat(activeVersion()).isEqualTo(before);
        assertThat(thirteenCreditCertificate().get("achieved").asBoolean()).isTrue();
    }

    @Test
    @Order(9)
    void aScenarioFailureShowsNoTextComputedByTheRuleThatFailed() {
        String drl = file("combination/combination.drl");
        String failing = withRule(drl, "$c : CombinationCheck( )",
                "$c.unmet(\"title \" + Integer.parseInt($c.getQualificationTitle()));");

        RulesTestSupport.Response r = api.put("qm", "/api/rules/files/combination/combination.drl", failing);

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().get("compileErrors")).isEmpty();
        JsonNode failure = r.body().get("scenarioFailures").get(0);
        assertThat(failure.get("actual").asText())
                .contains("rule \"Probe\"").contains("failed (NumberFormatException)");
        // The exception's own message would carry the qualification title the rule computed with.
        assertThat(r.body().toString()).doesNotContain("For input string")
                .doesNotContain("Level 4 Certificate in Professional Sales");
    }

    @Test
    @Order(10)
    void aCandidateThatNeverFinishesIsStoppedAndRefused() {
        int before = activeVersion();
        String drl = file("combination/combination.drl");
        String endless = withRule(drl, "$c : CombinationCheck( )", ENDLESS);

        long start = System.nanoTime();
        RulesTestSupport.Response r = api.put("qm", "/api/rules/files/combination/combination.drl", endless);

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().get("scenarioFailures")).hasSize(1);
        assertThat(r.body().get("scenarioFailures").get(0).get("actual").asText())
                .contains("did not finish within 2.0 s and were stopped while \"Probe\" was running");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
        assertNoRuleStillComputing();
        assertThat(activeVersion()).isEqualTo(before);
    }

    /** No loop, no sleep, only allowed classes, and yet minutes of work: what only the time limit can stop. */
    static final String ENDLESS =
            "$c.unmet(\"distinct: \" + Collections.nCopies(Integer.MAX_VALUE, \"x\").stream().distinct().count());";

    @Test
    @Order(11)
    void anActiveRuleThatNeverFinishesForOneInputIsStoppedAndTheServerKeepsAnswering() {
        String drl = file("combination/combination.drl");
        // No scenario has three units, so this passes them all, as the attack in the issue did.
        String endless = withRule(drl, "$c : CombinationCheck( unitRefs.size() == 3 )", ENDLESS);
        RulesTestSupport.Response proposed = api.put("qm", "/api/rules/files/combination/combination.drl", endless);
        assertThat(proposed.status()).as(proposed.body().toString()).isEqualTo(201);
        long candidate = proposed.body().get("candidate").asLong();
        assertThat(api.post("qm2", "/api/rules/candidates/" + candidate + "/activate",
                Map.of("reason", "passes every scenario")).status()).isEqualTo(200);

        RulesTestSupport.Response stopped = api.post("provider", "/api/rules/combination",
                Map.of("qualification", "610/3769/2", "units", List.of("L4B2", "L4C1", "L4C3")));

        assertThat(stopped.status()).isEqualTo(503);
        assertThat(stopped.body().get("detail").asText()).contains("did not finish within 2.0 s and were stopped");
        assertNoRuleStillComputing();
        assertThat(thirteenCreditCertificate().get("achieved").asBoolean()).isTrue();
    }

    @Test
    @Order(12)
    void aChangeIsActivatedOnlyByASecondQualityManagerWithAReasonAndTheHistoryShowsBoth() {
        int before = activeVersion();
        String requirements = file("combination/requirements.yaml");
        long candidate = api.put("qm", "/api/rules/files/combination/requirements.yaml", requirements + "# checked\n")
                .body().get("candidate").asLong();

        RulesTestSupport.Response own = api.post("qm", "/api/rules/candidates/" + candidate + "/activate",
                Map.of("reason", "I checked it myself"));
        assertThat(own.status()).isEqualTo(403);
        assertThat(own.body().get("detail").asText())
                .contains("A rule set change needs a second quality manager: you wrote candidate " + candidate)
                .contains("replace combination/requirements.yaml");
        assertThat(activeVersion()).isEqualTo(before);

        RulesTestSupport.Response noReason = api.post("qm2", "/api/rules/candidates/" + candidate + "/activate", "");
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.body().get("detail").asText()).contains("reason is missing");
        assertThat(api.post("qm2", "/api/rules/candidates/" + candidate + "/activate", Map.of("reason", "  "))
                .status()).isEqualTo(400);
        assertThat(activeVersion()).isEqualTo(before);

        RulesTestSupport.Response approved = api.post("qm2", "/api/rules/candidates/" + candidate + "/activate",
                Map.of("reason", "a comment only; reviewed"));
        assertThat(approved.status()).as(approved.body().toString()).isEqualTo(200);
        int version = approved.body().get("version").asInt();
        assertThat(activeVersion()).isEqualTo(version);
        JsonNode shown = api.get("eqa", "/api/rules/versions/" + version).body();
        assertThat(shown.get("createdBy").asText()).isEqualTo("qm");
        assertThat(shown.get("activatedBy").asText()).isEqualTo("qm2");
        assertThat(shown.get("reason").asText()).isEqualTo("a comment only; reviewed");
        assertThat(shown.get("diff").asText()).contains("+  ").contains("# checked");

        RulesTestSupport.Response rollbackNoReason = api.post("qm", "/api/rules/versions/" + before + "/rollback",
                Map.of());
        assertThat(rollbackNoReason.status()).isEqualTo(400);
        assertThat(rollbackNoReason.body().get("detail").asText()).contains("reason is missing");
        assertThat(activeVersion()).isEqualTo(version);
    }

    @Test
    @Order(13)
    void aChangeScheduledFromADateTakesEffectOnlyThenAndEarlierDecisionsKeepTheirVersion() {
        int before = activeVersion();
        String recognised = file(RECOGNISED);
        String withoutV1 = recognised.lines().filter(l -> !l.contains("code: V1,"))
                .reduce("", (a, b) -> a + b + "\n");
        long candidate = api.put("qm", "/api/rules/files/" + RECOGNISED, withoutV1).body().get("candidate").asLong();
        java.time.LocalDate from = java.time.LocalDate.now(clock).plusDays(10);
        java.time.Instant start = from.atStartOfDay(clock.getZone()).toInstant();

        RulesTestSupport.Response past = api.post("qm2", "/api/rules/candidates/" + candidate + "/activate",
                Map.of("reason", "V1 retires", "effectiveFrom", java.time.LocalDate.now(clock).minusDays(1).toString()));
        assertThat(past.status()).isEqualTo(400);
        assertThat(past.body().get("detail").asText()).contains("is in the past");

        RulesTestSupport.Response scheduled = api.post("qm2", "/api/rules/candidates/" + candidate + "/activate",
                Map.of("reason", "V1 retires", "effectiveFrom", from.toString()));
        assertThat(scheduled.status()).as(scheduled.body().toString()).isEqualTo(200);
        assertThat(scheduled.body().get("status").asText()).isEqualTo("SCHEDULED");
        assertThat(scheduled.body().get("version").isNull()).isTrue();
        assertThat(activeVersion()).isEqualTo(before);
        JsonNode waiting = api.get("eqa", "/api/rules/scheduled").body();
        assertThat(waiting).hasSize(1);
        assertThat(waiting.get(0).get("candidate").asLong()).isEqualTo(candidate);
        assertThat(waiting.get(0).get("createdBy").asText()).isEqualTo("qm");
        assertThat(waiting.get(0).get("activatedBy").asText()).isEqualTo("qm2");
        assertThat(java.time.Instant.parse(waiting.get(0).get("effectiveFrom").asText())).isEqualTo(start);
        assertThat(api.post("qm2", "/api/rules/candidates/" + candidate + "/activate", Map.of("reason", "again"))
                .status()).as("already scheduled").isEqualTo(409);

        JsonNode decidedBefore = iqaHoldingV1();
        assertThat(decidedBefore.get("eligible").asBoolean()).isTrue();
        assertThat(decidedBefore.get("ruleSetVersion").asInt()).isEqualTo(before);

        registry.followActiveVersion(start.minusSeconds(60));
        assertThat(activeVersion()).as("the day before the date").isEqualTo(before);
        assertThat(iqaHoldingV1().get("eligible").asBoolean()).isTrue();

        registry.followActiveVersion(start.plusSeconds(60));
        assertThat(activeVersion()).as("from the date").isEqualTo(before + 1);
        JsonNode decidedAfter = iqaHoldingV1();
        assertThat(decidedAfter.get("eligible").asBoolean()).isFalse();
        assertThat(decidedAfter.get("ruleSetVersion").asInt()).isEqualTo(before + 1);
        assertThat(api.get("eqa", "/api/rules/scheduled").body()).isEmpty();
        JsonNode version = api.get("eqa", "/api/rules/versions/" + (before + 1)).body();
        assertThat(version.get("activatedBy").asText()).isEqualTo("qm2");
        assertThat(version.get("reason").asText()).isEqualTo("V1 retires");
        assertThat(api.get("qm", "/api/rules/decisions/" + decidedBefore.get("decisionId").asLong()).body()
                .get("ruleSetVersion").asInt()).as("a decision made before the date keeps its version").isEqualTo(before);

        assertThat(api.post("qm", "/api/rules/versions/" + before + "/rollback", Map.of("reason", "test done"))
                .status()).isEqualTo(200);
        assertThat(iqaHoldingV1().get("eligible").asBoolean()).isTrue();
    }

    @Test
    @Order(14)
    void aCandidateTakesNoMoreChangesOnceAnotherVersionBecameActiveOrItWasActivated() {
        String requirements = file("combination/requirements.yaml");
        long waiting = api.put("qm", "/api/rules/files/combination/requirements.yaml", requirements + "# one\n")
                .body().get("candidate").asLong();
        long other = api.put("qm", "/api/rules/files/combination/requirements.yaml", requirements + "# two\n")
                .body().get("candidate").asLong();
        assertThat(api.post("qm2", "/api/rules/candidates/" + other + "/activate", Map.of("reason", "comment"))
                .status()).isEqualTo(200);

        RulesTestSupport.Response moved = api.put("qm", "/api/rules/candidates/" + waiting
                + "/files/combination/requirements.yaml", requirements + "# one, amended\n");
        assertThat(moved.status()).isEqualTo(409);
        assertThat(moved.body().get("detail").asText()).contains("is active now");
        RulesTestSupport.Response active = api.put("qm", "/api/rules/candidates/" + other
                + "/files/combination/requirements.yaml", requirements + "# two, amended\n");
        assertThat(active.status()).isEqualTo(409);
        assertThat(active.body().get("detail").asText()).contains("is active");
    }

    private static void assertNoRuleStillComputing() {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        boolean computing = true;
        while (computing && System.nanoTime() < deadline) {
            computing = Thread.getAllStackTraces().values().stream().flatMap(Arrays::stream)
                    .anyMatch(frame -> frame.getClassName().contains("DistinctOps"));
        }
        assertThat(computing).as("a stopped rule is still running").isFalse();
    }
}
