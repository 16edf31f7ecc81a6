package org.qaflow.rules;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The rules of combination through the API, against the repository's rules/ (read only). */
class CombinationRulesTest extends RepositoryRulesTestBase {

    private JsonNode check(String qan, String... units) {
        RulesTestSupport.Response r = api.post("provider", "/api/rules/combination",
                Map.of("qualification", qan, "units", List.of(units)));
        assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
        return r.body();
    }

    private static List<String> reasons(JsonNode result) {
        return RulesTestSupport.JSON.convertValue(result.get("reasons"), List.class);
    }

    @Test
    void certificateWithExactly13CreditsIsAchieved() {
        JsonNode r = check("610/3769/2", "L4B2", "L4C1", "L4C3", "L4S2");
        assertThat(r.get("achieved").asBoolean()).isTrue();
        assertThat(r.get("credits").asInt()).isEqualTo(13);
        assertThat(r.get("categoryCounts").get("CORE").asInt()).isEqualTo(2);
        assertThat(reasons(r)).isEmpty();
    }

    @Test
    void certificateWith12CreditsSaysWhatIsMissing() {
        JsonNode r = check("610/3769/2", "L4B1", "L4C1", "L4C3", "L4S2");
        assertThat(r.get("achieved").asBoolean()).isFalse();
        assertThat(reasons(r)).containsExactly("needs at least 13 credits, has 12");
        assertThat(r.get("firedRules").toString()).contains("A qualification needs at least its minimum credits");
    }

    @Test
    void certificateAllows36CreditsButNot37() {
        assertThat(check("610/3769/2", "L4B2", "L4B3", "L4B4", "L4B5", "L4B6", "L4B7", "L4B8", "L4C1", "L4C2",
                "L4S2", "L4L1").get("achieved").asBoolean()).isTrue();
        JsonNode over = check("610/3769/2", "L4B2", "L4B3", "L4B4", "L4B5", "L4B6", "L4B7", "L4B8", "L4C1", "L4C2",
                "L4S2", "L4L4");
        assertThat(over.get("credits").asInt()).isEqualTo(37);
        assertThat(reasons(over)).containsExactly("allows at most 36 credits, has 37");
    }

    @Test
    void certificateReportsEveryMissingCategory() {
        JsonNode r = check("610/3769/2", "L4L2", "L4L5", "L4L4");
        assertThat(reasons(r)).containsExactlyInAnyOrder("needs at least 1 BUSINESS unit(s), has 0",
                "needs at least 2 CORE unit(s), has 0", "needs at least 1 SELF unit(s), has 0");
    }

    @Test
    void level3AndLevel5UnitsCountTowardsACertificate() {
        JsonNode r = check("610/3769/2", "L3B1", "L4C1", "L4C3", "L3S1", "L5L5");
        assertThat(r.get("achieved").asBoolean()).isTrue();
        assertThat(r.get("credits").asInt()).isEqualTo(15);
    }

    @Test
    void diplomaNeeds37CreditsAndItsCategories() {
        assertThat(check("610/3770/9", "L4B2", "L4B3", "L4B4", "L4C1", "L4C2", "L4C3", "L4C4", "L4S1", "L4L2", "L4L3")
                .get("achieved").asBoolean()).isTrue();
        assertThat(reasons(check("610/3770/9", "L4B2", "L4B3", "L4B4", "L4C1", "L4C2", "L4C3", "L4C4", "L4S1",
                "L4L1", "L4L4"))).containsExactly("needs at least 37 credits, has 36");
        assertThat(reasons(check("610/3770/9", "L4B2", "L4B3", "L4C1", "L4C2", "L4C3", "L4C4", "L4S1", "L4L2",
                "L4L5"))).containsExactly("needs at least 3 BUSINESS unit(s), has 2");
    }

    @Test
    void apprenticeshipDiplomaNeedsAllElevenNamedUnits() {
        JsonNode all = check("610/3771/0", "L4B1", "L4B4", "L4B5", "L4B6", "L4B7", "L4C2", "L4C5", "L4S1", "L4S2",
                "L4S4", "L4S3");
        assertThat(all.get("achieved").asBoolean()).isTrue();
        assertThat(all.get("credits").asInt()).isEqualTo(38);
        JsonNode missing = check("610/3771/0", "L4B1", "L4B4", "L4B5", "L4B6", "L4B7", "L4C2", "L4C5", "L4S1");
        assertThat(reasons(missing)).hasSize(3).anyMatch(s -> s.startsWith("needs unit L4S3"));
    }

    @Test
    void everyAwardIsAchievedWithItsOwnUnitsAndNotWithoutThem() {
        JsonNode catalogue = api.get("provider", "/api/qualifications").body();
        int awards = 0;
        for (JsonNode q : catalogue) {
            if (!"AWARD".equals(q.path("type").asText())) {
                continue;
            }
            awards++;
            List<String> units = RulesTestSupport.JSON.convertValue(q.get("units"), List.class);
            String qan = q.get("qan").asText();
            assertThat(check(qan, units.toArray(String[]::new)).get("achieved").asBoolean()).as(qan).isTrue();
            JsonNode without = check(qan, units.subList(1, units.size()).toArray(String[]::new));
            assertThat(reasons(without)).as(qan).anyMatch(s -> s.startsWith("needs unit " + units.get(0)));
        }
        assertThat(awards).isEqualTo(18);
    }

    @Test
    void unknownUnitOrQualificationIsRefusedByName() {
        RulesTestSupport.Response unit = api.post("provider", "/api/rules/combination",
                Map.of("qualification", "610/3769/2", "units", List.of("L4B1", "L4X9")));
        assertThat(unit.status()).isEqualTo(400);
        assertThat(unit.body().get("detail").asText()).startsWith("Unit L4X9 is not in the catalogue");
        RulesTestSupport.Response qualification = api.post("provider", "/api/rules/combination",
                Map.of("qualification", "999/9999/9", "units", List.of("L4B1")));
        assertThat(qualification.status()).isEqualTo(400);
        assertThat(qualification.body().get("detail").asText()).contains("999/9999/9");
    }

    @Test
    void everyDecisionRecordsItsRuleSetVersionAndFiredRules() {
        JsonNode r = check("610/3769/2", "L4B1");
        assertThat(r.get("ruleSetVersion").asInt()).isEqualTo(1);
        // A decision is readable by whoever asked for it (and the quality manager): here the provider.
        RulesTestSupport.Response decision = api.get("provider", "/api/rules/decisions/" + r.get("decisionId").asLong());
        assertThat(decision.status()).isEqualTo(200);
        assertThat(decision.body().get("ruleSetVersion").asInt()).isEqualTo(1);
        assertThat(decision.body().get("decidedBy").asText()).isEqualTo("provider");
        assertThat(decision.body().get("firedRules").asText())
                .contains("A qualification needs its minimum number of units from each category");
    }

    @Test
    void evaluatingNeedsAuthenticationAndChangingNeedsAQualityManager() {
        assertThat(api.post(null, "/api/rules/combination", Map.of("qualification", "610/3769/2", "units", List.of()))
                .status()).isEqualTo(401);
        assertThat(api.put("provider", "/api/rules/files/combination/requirements.yaml", "x").status()).isEqualTo(403);
        assertThat(api.post("assessor", "/api/rules/candidates/1/activate", Map.of()).status()).isEqualTo(403);
        assertThat(api.post("eqa", "/api/rules/versions/1/rollback", Map.of()).status()).isEqualTo(403);
        assertThat(api.post("iqa", "/api/rules/reload", Map.of()).status()).isEqualTo(403);
    }
}
