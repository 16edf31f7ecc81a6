package org.qaflow.rules;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.qaflow.centre.Centre.RiskRating;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** IQA sampling triggers, EQA sample size and selection, CAMERA gaps and direct claim status, through the API. */
class SamplingRulesTest extends RepositoryRulesTestBase {

    @Autowired
    RuleEngine engine;

    private JsonNode iqa(long decision, boolean workingTowards, int prior, boolean simulated, int referrals, String risk) {
        RulesTestSupport.Response r = api.post("iqa", "/api/rules/iqa-sampling", Map.of("decisionId", decision,
                "assessorWorkingTowards", workingTowards, "assessorPriorDecisions", prior,
                "simulatedEvidence", simulated, "assessorRecentReferrals", referrals, "assessorRisk", risk));
        assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
        return r.body();
    }

    @Test
    void everyTriggerSamplesAndSaysWhy() {
        assertThat(iqa(1, true, 40, false, 0, "LOW").get("reasons").toString()).contains("working towards");
        assertThat(iqa(1, false, 4, false, 0, "LOW").get("reasons").toString()).contains("decision 5 of the assessor");
        assertThat(iqa(1, false, 5, false, 0, "LOW").get("sampled").asBoolean()).isFalse();
        assertThat(iqa(1, false, 40, true, 0, "LOW").get("reasons").toString()).contains("simulated evidence");
        JsonNode several = iqa(3, true, 0, true, 0, "LOW");
        assertThat(several.get("reasons")).hasSize(3);
    }

    /** Through the engine bean: a thousand HTTP calls would mostly measure password hashing. */
    @Test
    void randomSamplingIsReproducibleAndFollowsTheRateForTheRisk() {
        assertThat(iqa(15, false, 40, false, 0, "LOW").get("reasons").toString()).contains("seed 20261126, draw 0");
        assertThat(iqa(1, false, 40, false, 0, "LOW").get("sampled").asBoolean()).isFalse();
        int low = 0;
        int high = 0;
        int raised = 0;
        for (long id = 1; id <= 1000; id++) {
            IqaSamplingResult first = engine.iqaSampling(new IqaSamplingRequest(id, false, 40, false, 0, RiskRating.LOW));
            assertThat(engine.iqaSampling(new IqaSamplingRequest(id, false, 40, false, 0, RiskRating.LOW)))
                    .isEqualTo(first);
            low += first.sampled() ? 1 : 0;
            high += engine.iqaSampling(new IqaSamplingRequest(id, false, 40, false, 0, RiskRating.HIGH)).sampled() ? 1 : 0;
            raised += engine.iqaSampling(new IqaSamplingRequest(id, false, 40, false, 3, RiskRating.LOW)).sampled() ? 1 : 0;
        }
        assertThat(low).isBetween(60, 140);      // 10% of 1000, seeded: the same count every run
        assertThat(high).isBetween(430, 570);    // 50%
        assertThat(raised).isBetween(430, 570);  // raised rate after referrals
    }

    private static List<Map<String, Object>> cohort(int size) {
        List<Map<String, Object>> learners = new ArrayList<>();
        for (int i = 1; i <= size; i++) {
            learners.add(Map.of("id", "L" + i, "assessor", "A" + (i % 4), "units", List.of("U" + (i % 7)),
                    "methods", List.of(i % 2 == 0 ? "observation" : "professional discussion"),
                    "location", i % 3 == 0 ? "Leeds" : "York"));
        }
        return learners;
    }

    private JsonNode eqa(String risk, long seed, List<Map<String, Object>> candidates) {
        RulesTestSupport.Response r = api.post("eqa", "/api/rules/eqa-sample",
                Map.of("centreRisk", risk, "seed", seed, "candidates", candidates));
        assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
        return r.body();
    }

    @Test
    void eqaSampleSizeFollowsCohortBandsAndCentreRisk() {
        assertThat(eqa("LOW", 1, cohort(5)).get("sampleSize").asInt()).isEqualTo(5);
        assertThat(eqa("LOW", 1, cohort(6)).get("sampleSize").asInt()).isEqualTo(6);
        assertThat(eqa("MEDIUM", 1, cohort(25)).get("sampleSize").asInt()).isEqualTo(6);
        assertThat(eqa("MEDIUM", 1, cohort(26)).get("sampleSize").asInt()).isEqualTo(9);
        assertThat(eqa("LOW", 1, cohort(101)).get("sampleSize").asInt()).isEqualTo(12);
        assertThat(eqa("LOW", 1, cohort(250)).get("sampleSize").asInt()).isEqualTo(15);
        JsonNode high = eqa("HIGH", 1, cohort(30));
        assertThat(high.get("sampleSize").asInt()).isEqualTo(12);
        assertThat(high.get("sizeReasons").toString()).contains("a HIGH risk centre has 3 extra learners sampled");
        assertThat(eqa("HIGH", 1, cohort(7)).get("sampleSize").asInt()).as("never more than the cohort").isEqualTo(7);
    }

    @Test
    void eqaSelectionIsSeededCoversEveryAssessorFirstAndSaysWhy() {
        JsonNode first = eqa("MEDIUM", 42, cohort(60));
        JsonNode again = eqa("MEDIUM", 42, cohort(60));
        assertThat(again.get("selected")).isEqualTo(first.get("selected"));
        assertThat(eqa("MEDIUM", 43, cohort(60)).get("selected")).isNotEqualTo(first.get("selected"));
        Set<String> ids = new HashSet<>();
        List<Map<String, Object>> population = cohort(60);
        Set<Object> assessors = new HashSet<>();
        for (JsonNode s : first.get("selected")) {
            assertThat(s.get("reasons")).isNotEmpty();
            ids.add(s.get("id").asText());
            population.stream().filter(l -> l.get("id").equals(s.get("id").asText()))
                    .forEach(l -> assessors.add(l.get("assessor")));
        }
        assertThat(ids).hasSize(9);
        assertThat(assessors).hasSize(4);
        RulesTestSupport.Response coverage = api.post("eqa", "/api/rules/camera-coverage",
                Map.of("population", population, "sampledIds", List.copyOf(ids)));
        assertThat(coverage.body().get("complete").asBoolean()).as(coverage.body().toString()).isTrue();
    }

    @Test
    void cameraCoverageReportsWhatWasNeverSampled() {
        List<Map<String, Object>> population = List.of(
                Map.of("id", "1", "assessor", "Asha", "units", List.of("L4B1"), "methods", List.of("observation"),
                        "location", "Leeds"),
                Map.of("id", "2", "assessor", "Ben", "units", List.of("L4C2"), "methods", List.of("simulation"),
                        "location", "York"));
        JsonNode gaps = api.post("iqa", "/api/rules/camera-coverage",
                Map.of("population", population, "sampledIds", List.of("1"))).body();
        assertThat(gaps.get("complete").asBoolean()).isFalse();
        assertThat(gaps.get("assessorsNotSampled").toString()).isEqualTo("[\"Ben\"]");
        assertThat(gaps.get("unitsNotSampled").toString()).isEqualTo("[\"L4C2\"]");
        assertThat(gaps.get("methodsNotSampled").toString()).isEqualTo("[\"simulation\"]");
        assertThat(gaps.get("locationsNotSampled").toString()).isEqualTo("[\"York\"]");
    }

    private String directClaim(boolean current, List<String> visits, int open, int iqas) {
        RulesTestSupport.Response r = api.post("qm", "/api/rules/direct-claim", Map.of("currentStatus", current,
                "recentVisitOutcomes", visits, "openActions", open, "everyAssessorSampled", true,
                "qualifiedIqaCount", iqas));
        assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
        return r.body().get("recommendation").asText();
    }

    @Test
    void directClaimStatusIsGrantedKeptOrSuspendedByTheRecord() {
        assertThat(directClaim(false, List.of("SATISFACTORY", "SATISFACTORY"), 0, 1)).isEqualTo("GRANT");
        assertThat(directClaim(false, List.of("SATISFACTORY", "SATISFACTORY"), 1, 1)).isEqualTo("NONE");
        assertThat(directClaim(false, List.of("SATISFACTORY"), 0, 1)).isEqualTo("NONE");
        assertThat(directClaim(true, List.of("SATISFACTORY"), 0, 1)).isEqualTo("KEEP");
        assertThat(directClaim(true, List.of("UNSATISFACTORY", "SATISFACTORY"), 0, 1)).isEqualTo("SUSPEND");
        assertThat(directClaim(true, List.of("SATISFACTORY"), 2, 1)).isEqualTo("SUSPEND");
        assertThat(directClaim(true, List.of("SATISFACTORY"), 0, 0)).isEqualTo("SUSPEND");
    }
}
