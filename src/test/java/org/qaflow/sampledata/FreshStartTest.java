package org.qaflow.sampledata;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qaflow.centre.StaffMember;
import org.qaflow.centre.StaffRepository;
import org.qaflow.rules.EligibilityResult;
import org.qaflow.rules.RuleEngine;
import org.qaflow.rules.StaffEligibilityRequest;
import org.qaflow.support.ApiTestBase;
import org.qaflow.support.Node;
import org.qaflow.support.TestDatabase;
import org.qaflow.support.TestDirs;
import org.springframework.http.HttpMethod;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.*;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * qaflow started on an empty database: today from the checkout, and two years on (qaflow.clock.offset) from a folder
 * without rules/ and sample-data/, as {@code java -jar} is run elsewhere. Both must start with the same demo.
 */
class FreshStartTest {

    /** The README's demo accounts and where their work shows; eqa2 is the EQA with no centres, so no work. */
    private static final Map<String, String> WORK = new LinkedHashMap<>();

    static {
        WORK.put("qm", "/api/claims");
        WORK.put("eqa", "/api/tasks");
        for (String centre : List.of("", "2", "3")) {
            WORK.put("provider" + centre, "/api/claims");
            WORK.put("assessor" + centre, "/api/tasks");
            WORK.put("iqa" + centre, "/api/tasks");
        }
    }

    private static Node today;
    private static Node twoYearsOn;
    private static Path elsewhere;

    @BeforeAll
    static void start() {
        today = Node.start(TestDatabase.create("fresh-today"), "today");
        elsewhere = TestDirs.newDataDir("elsewhere");
        twoYearsOn = Node.start(TestDatabase.create("fresh-later"), "later", "--qaflow.clock.offset=P2Y",
                "--qaflow.sample-data-dir=" + elsewhere.resolve("sample-data"),
                "--qaflow.rules-dir=" + elsewhere.resolve("rules"));
    }

    @AfterAll
    static void stop() {
        Stream.of(today, twoYearsOn).filter(Objects::nonNull).forEach(Node::close);
    }

    @Test
    void twoYearsOnEveryDemoAccountHasTheSameWorkAsToday() {
        assertThat(LocalDate.now(twoYearsOn.bean(Clock.class)))
                .isAfterOrEqualTo(LocalDate.now(today.bean(Clock.class)).plusYears(2));
        for (Map.Entry<String, String> account : WORK.entrySet()) {
            List<String> later = work(twoYearsOn, account.getKey(), account.getValue());
            assertThat(later).as(account.getKey() + " has work two years on").isNotEmpty();
            assertThat(later).as(account.getKey() + "'s work two years on and today")
                    .isEqualTo(work(today, account.getKey(), account.getValue()));
        }
    }

    @Test
    void twoYearsOnTheDemoStaffAreAsEligibleAsToday() {
        Map<String, String> later = eligibility(twoYearsOn);
        assertThat(later).isEqualTo(eligibility(today));
        // The spread the demo shows: not everyone refused, nor everyone eligible.
        assertThat(later.get("Asha Patel")).startsWith("eligible;");
        assertThat(later.get("Isla Jones")).startsWith("eligible;");
        assertThat(later.get("Ben Carter")).startsWith("eligible with conditions;");
        assertThat(later.get("Ivy Quinn")).contains("CPD");
        assertThat(later.get("Chloe Davies")).startsWith("not eligible;").contains("CPD");
        // And as a provider sees it: assigning an assessor checks the same rules.
        ApiTestBase.Response refused = twoYearsOn.call("provider2", HttpMethod.POST, "/api/claims", Map.of(
                "firstName", "Nora", "lastName", "Later", "dateOfBirth", "1991-01-01", "uln", "7000000002",
                "qualification", "610/3751/5", "assessor", "cdavies"));
        assertThat(refused.status()).as(refused.raw()).isEqualTo(400);
        assertThat(refused.detail()).contains("Chloe Davies").containsIgnoringCase("CPD");
    }

    @Test
    void withoutRulesAndSampleDataFoldersTheBundledOnesAreUsedAndTheRulesWrittenOut() throws IOException {
        assertThat(twoYearsOn.ok("qm", HttpMethod.GET, "/api/units", null)).hasSize(32);
        assertThat(files(elsewhere.resolve("rules"))).as("the rules a quality manager edits, written out")
                .isEqualTo(files(Path.of("rules")));
        assertThat(Files.exists(elsewhere.resolve("sample-data"))).as("sample data is read, not written").isFalse();
    }

    /** Task names (or claims: learner and status), sorted; ids differ between the two databases. */
    private static List<String> work(Node node, String user, String path) {
        List<String> items = new ArrayList<>();
        for (JsonNode item : node.ok(user, HttpMethod.GET, path + "?size=200", null)) {
            items.add(item.has("name") ? item.get("name").asText() + " " + item.path("centre").asText()
                    : item.path("learner").asText() + " " + item.path("status").asText());
        }
        Collections.sort(items);
        return items;
    }

    /** Each staff member's verdict and reasons as of the node's today, its dates left out. */
    private static Map<String, String> eligibility(Node node) {
        RuleEngine rules = node.bean(RuleEngine.class);
        LocalDate asOf = LocalDate.now(node.bean(Clock.class));
        return node.bean(TransactionTemplate.class).execute(status -> {
            Map<String, String> verdicts = new TreeMap<>();
            for (StaffMember member : node.bean(StaffRepository.class).findAll()) {
                EligibilityResult r = rules.staffEligibility(StaffEligibilityRequest.of(member, asOf));
                String verdict = !r.eligible() ? "not eligible" : r.conditions().isEmpty() ? "eligible"
                        : "eligible with conditions";
                String why = String.join(" | ", Stream.of(r.reasons(), r.conditions(), r.warnings())
                        .flatMap(List::stream).toList());
                verdicts.put(member.getName(), verdict + "; " + why.replaceAll("\\d{4}-\\d{2}-\\d{2}", "<date>"));
            }
            return verdicts;
        });
    }

    private static Map<String, String> files(Path dir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(p).toString(), Files.readString(p));
            }
        }
        return files;
    }
}
