package org.qaflow.rules;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.qaflow.support.TestDirs;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The impact preview of a candidate, over the sample data, for every kind of decision: a threshold change names the
 * person, learner or centre it would decide differently in one sentence; a change that alters no decision reports 0
 * differences after looking at every record of every kind. Candidates are only previewed, never activated.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ImpactPreviewTest {

    static final Path DATA = TestDirs.newDataDir("impact");
    static final Path RULES = RulesTestSupport.copyOfRules();
    static final List<String> KINDS = List.of("combination", "staff eligibility", "IQA sampling",
            "EQA sample selection", "direct claim recommendations");

    @DynamicPropertySource
    static void dirs(DynamicPropertyRegistry registry) {
        registry.add("qaflow.data-dir", DATA::toString);
        registry.add("qaflow.rules-dir", RULES::toString);
    }

    @LocalServerPort
    int port;
    @Autowired
    Clock clock;
    RulesTestSupport.Api api;

    @BeforeEach
    void api() {
        api = new RulesTestSupport.Api(port);
    }

    private String file(String path) {
        return api.get("qm", "/api/rules/files/" + path).body().get("content").asText();
    }

    /** Proposes the files as one candidate and previews its impact. */
    private JsonNode impact(String description, Map<String, String> files) {
        RulesTestSupport.Response proposed = api.post("qm", "/api/rules/candidates",
                Map.of("description", description, "files", files));
        assertThat(proposed.status()).as(proposed.body().toString()).isEqualTo(201);
        RulesTestSupport.Response impact = api.post("qm", "/api/rules/candidates/"
                + proposed.body().get("candidate").asLong() + "/impact", Map.of());
        assertThat(impact.status()).as(impact.body().toString()).isEqualTo(200);
        return impact.body();
    }

    private static JsonNode kind(JsonNode impact, String kind) {
        return StreamSupport.stream(impact.get("kinds").spliterator(), false)
                .filter(k -> k.get("kind").asText().equals(kind)).findFirst().orElseThrow();
    }

    private static List<String> sentences(JsonNode impact, String kind) {
        List<String> sentences = new ArrayList<>();
        impact.get("differences").forEach(d -> {
            if (d.get("source").asText().equals(kind)) {
                sentences.add(d.get("sentence").asText());
            }
        });
        return sentences;
    }

    @Test
    void aChangeThatDecidesNothingDifferentlyShowsZeroDifferencesAfterLookingAtEveryKind() {
        String requirements = file("combination/requirements.yaml");
        JsonNode impact = impact("a comment only", Map.of("combination/requirements.yaml",
                requirements + "# reviewed by the board\n"));

        assertThat(impact.get("differences")).isEmpty();
        assertThat(impact.get("kinds")).hasSize(KINDS.size());
        for (String kind : KINDS) {
            assertThat(kind(impact, kind).get("lookedAt").asLong()).as(kind).isPositive();
            assertThat(kind(impact, kind).get("differences").asInt()).as(kind).isZero();
        }
        assertThat(impact.get("lookedAt").asText()).startsWith("looked at ").contains(" claims, ").contains(" staff, ")
                .contains(" assessment decisions, ");
    }

    @Test
    void aHigherCpdMinimumNamesTheAssessorItWouldMakeIneligible() {
        // Chloe Davies has 12 hours of sales-related CPD in the last year; 12 more make exactly the 24 needed today.
        assertThat(api.post("qm", "/api/staff/cdavies/cpd", Map.of("date", LocalDate.now(clock).minusDays(10).toString(),
                "hours", 12, "salesRelated", true, "description", "Negotiation workshop")).status()).isEqualTo(201);
        String roles = file("eligibility/role-requirements.yaml");
        String scenarios = file("scenarios/eligibility.yaml");
        JsonNode impact = impact("assessors need 25 hours of CPD", Map.of(
                "eligibility/role-requirements.yaml", roles.replace("{role: ASSESSOR, levelsAboveQualification: 1, salesCpdHours: 24",
                        "{role: ASSESSOR, levelsAboveQualification: 1, salesCpdHours: 25"),
                "scenarios/eligibility.yaml", scenarios.replace("hours: 24,", "hours: 25,").replace(
                        "{date: 2026-07-15, hours: 12, salesRelated: true}]", "{date: 2026-07-15, hours: 13, salesRelated: true}]")));

        assertThat(sentences(impact, "staff eligibility")).anySatisfy(s -> assertThat(s)
                .startsWith("Chloe Davies, assessor at RVT02 Riverside Training Partnership: eligible -> not eligible: "
                        + "has 24.0 hours of sales-related CPD").contains("needs at least 25"));
        assertThat(kind(impact, "staff eligibility").get("differences").asInt())
                .isEqualTo(sentences(impact, "staff eligibility").size());
    }

    @Test
    void aSmallerEqaSampleForSmallCohortsNamesTheCentreAndTheLearnersNoLongerSampled() {
        String sizes = file("sampling/eqa-sample-size.yaml");
        String scenarios = file("scenarios/sampling.yaml");
        JsonNode impact = impact("cohorts of 3 to 25 get a sample of 2", Map.of(
                "sampling/eqa-sample-size.yaml", sizes.replace("{fromCohort: 0, toCohort: 5, allLearners: true}",
                        "{fromCohort: 0, toCohort: 2, allLearners: true}\n  - {fromCohort: 3, toCohort: 5, size: 2}"),
                "scenarios/sampling.yaml", scenarios.replace(
                        "expect: {cohortSize: 3, sampleSize: 3, sizeReasonsInclude: [\"a cohort of 3 is sampled in full\"]}",
                        "expect: {cohortSize: 3, sampleSize: 2}")));

        // NSA01 has direct claim status, so its cohort is its three claims with signed-off units.
        assertThat(sentences(impact, "EQA sample selection")).containsExactly("NSA01 Northbridge Sales Academy, EQA "
                + "sample of 3 claim(s) with signed-off units: 3 -> 2 sampled; would no longer sample Leo Ellis (claim 1): "
                + "a cohort of 3 (band from 3) needs a sample of 2");
        assertThat(kind(impact, "EQA sample selection").get("differences").asInt()).isEqualTo(1);
        assertThat(kind(impact, "EQA sample selection").get("lookedAt").asInt()).isEqualTo(3);
    }

    @Test
    void moreQualifiedIqasNeededNamesTheCentreWhoseDirectClaimStatusWouldBeSuspended() {
        String policy = file("claims/direct-claim.yaml");
        String scenarios = file("scenarios/claims.yaml");
        JsonNode impact = impact("two qualified IQAs", Map.of(
                "claims/direct-claim.yaml", policy.replace("minimumQualifiedIqas: 1", "minimumQualifiedIqas: 2"),
                "scenarios/claims.yaml", scenarios.replaceFirst("qualifiedIqaCount: 1}", "qualifiedIqaCount: 2}")));

        assertThat(sentences(impact, "direct claim recommendations")).containsExactly("NSA01 Northbridge Sales Academy "
                + "(has direct claim status): recommendation keep -> suspend: the centre has 1 qualified IQA(s); at least "
                + "2 needed");
        assertThat(kind(impact, "direct claim recommendations").get("lookedAt").asInt()).isEqualTo(3);
    }

    @Test
    void noEarlyDecisionsSampledNamesTheAssessorsDecisions() {
        String policy = file("sampling/iqa-sampling.yaml");
        JsonNode impact = impact("first decisions not sampled", Map.of(
                "sampling/iqa-sampling.yaml", policy.replace("firstDecisionsSampled: 5", "firstDecisionsSampled: 0"),
                "scenarios/sampling.yaml", file("scenarios/sampling.yaml").replace(
                        "  expect: {sampled: true, reasonsInclude: [\"decision 3 of the assessor: the first 5 are sampled\"]}",
                        "  expect: {sampled: false}")));

        assertThat(sentences(impact, "IQA sampling")).contains("Asha Patel's sign-off of L4B3 for Leo Ellis (claim 1) "
                + "at NSA01 Northbridge Sales Academy: sampled -> not sampled: no sampling rule applies now (was: "
                + "decision 1 of the assessor: the first 5 are sampled)");
        assertThat(kind(impact, "IQA sampling").get("differences").asInt())
                .isEqualTo(sentences(impact, "IQA sampling").size());
    }

    @Test
    void aHigherCategoryMinimumNamesTheLearnerWhoseUnitsWouldNoLongerMakeTheQualification() {
        String requirements = file("combination/requirements.yaml");
        String scenarios = file("scenarios/combination.yaml");
        JsonNode impact = impact("three core units for a certificate", Map.of("combination/requirements.yaml",
                requirements.replace("{qualificationType: CERTIFICATE, category: CORE, minimum: 2}",
                        "{qualificationType: CERTIFICATE, category: CORE, minimum: 3}"),
                "scenarios/combination.yaml", scenarios
                        .replace("expect: {achieved: true, credits: 13, reasons: []}", "expect: {achieved: false, credits: 13}")
                        .replace("expect: {achieved: true, credits: 36}", "expect: {achieved: false, credits: 36}")
                        .replace("expect: {achieved: true, credits: 15}", "expect: {achieved: false, credits: 15}")));

        assertThat(sentences(impact, "combination")).containsExactly("Oscar Grant, claim 6 on 610/3769/2 at NSA01 "
                + "Northbridge Sales Academy: achieved -> not achieved: needs at least 3 CORE unit(s), has 2");
        assertThat(kind(impact, "combination").get("differences").asInt()).isEqualTo(1);
    }
}
