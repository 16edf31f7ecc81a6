package org.qaflow.assessment;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.qaflow.support.JourneyTestBase;

import java.util.*;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The assessor judges each assessment criterion met or not yet met, with feedback to the learner; progress is saved
 * without signing off, and a unit is signed off only when every criterion is met.
 */
class CriterionJudgementTest extends JourneyTestBase {

    private static final String PIPELINE_AWARD = "610/3763/1";   // unit L4C7 alone
    private static final String SECOND_14 = "Analyse the reasons why a pipeline may be unbalanced";

    private List<String> keys() {
        List<String> keys = new ArrayList<>();
        get("qm", "/api/units/L4C7").body().get("outcomes")
                .forEach(o -> o.get("criteria").forEach(c -> keys.add(c.get("key").asText())));
        return keys;
    }

    private static Map<String, Object> judged(String criterion, String judgement, String feedback) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("criterion", criterion);
        entry.put("method", "OBSERVATION");
        entry.put("location", "Portfolio p." + criterion);
        entry.put("judgement", judgement);
        if (feedback != null) {
            entry.put("feedback", feedback);
        }
        return entry;
    }

    /** Every criterion met but those given, which are not yet met with the feedback given. */
    private List<Map<String, Object>> allMetBut(Map<String, String> notYetMet) {
        return keys().stream().map(k -> notYetMet.containsKey(k) ? judged(k, "NOT_YET_MET", notYetMet.get(k))
                : judged(k, "MET", null)).toList();
    }

    private Response save(long claimId, List<Map<String, Object>> entries) {
        return post("assessor", "/api/claims/" + claimId + "/units/L4C7/evidence", entries);
    }

    private Response signOff(long claimId) {
        return post("assessor", "/api/claims/" + claimId + "/sign-off", Map.of("units", List.of("L4C7")));
    }

    private Map<String, JsonNode> criteria(String user, long claimId) {
        Response response = get(user, "/api/claims/" + claimId + "/units/L4C7/evidence");
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        Map<String, JsonNode> byKey = new LinkedHashMap<>();
        response.body().forEach(c -> byKey.put(c.get("criterion").asText(), c));
        return byKey;
    }

    private String unitStatus(long claimId) {
        return claim("provider", claimId).at("/units/0/status").asText();
    }

    @Test
    void savingProgressKeepsEachJudgementAndFeedbackWithoutSigningTheUnitOff() {
        long claimId = registered("provider", PIPELINE_AWARD, "assessor");
        String before = unitStatus(claimId);
        Response saved = save(claimId, allMetBut(Map.of("1.2", "Show a forecast you made yourself, not the team's")));
        assertThat(saved.status()).as(saved.raw()).isEqualTo(200);

        Map<String, JsonNode> criteria = criteria("assessor", claimId);
        assertThat(criteria.keySet()).containsExactlyElementsOf(keys());
        assertThat(criteria.get("1.2").get("judgement").asText()).isEqualTo("NOT_YET_MET");
        assertThat(criteria.get("1.2").get("feedback").asText()).isEqualTo("Show a forecast you made yourself, not the team's");
        assertThat(criteria.get("1.1").get("judgement").asText()).isEqualTo("MET");
        assertThat(unitStatus(claimId)).as("saving progress signs nothing off").isEqualTo(before);
        assertThat(criteria("iqa", claimId).get("1.2").get("feedback").asText()).as("the IQA reads it too")
                .isEqualTo("Show a forecast you made yourself, not the team's");

        JsonNode timeline = get("provider", "/api/claims/" + claimId + "/timeline").body();
        assertThat(timeline.findValuesAsText("what")).contains("progress saved")
                .doesNotContain("unit signed off by the assessor");
        assertThat(timeline.toString()).contains("1.2 (not yet met)").contains("1.1 (met)");
    }

    @Test
    void signOffIsRefusedNamingEveryCriterionNotYetMetUntilEachIsMet() {
        long claimId = registered("provider", PIPELINE_AWARD, "assessor");
        String before = unitStatus(claimId);
        assertThat(save(claimId, allMetBut(Map.of("1.1", "Needs a second observed call",
                "1.4b", "Explain why your own pipeline was unbalanced last quarter"))).status()).isEqualTo(200);

        Response refused = signOff(claimId);
        assertThat(refused.status()).as(refused.raw()).isEqualTo(400);
        assertThat(refused.detail()).contains("L4C7 cannot be signed off until every criterion is met")
                .contains("1.1 \"").contains("Needs a second observed call")
                .contains("1.4b \"" + SECOND_14 + "\"").contains("Explain why your own pipeline was unbalanced")
                .doesNotContain("1.2").doesNotContain("1.4a");
        assertThat(unitStatus(claimId)).isEqualTo(before);

        assertThat(save(claimId, List.of(judged("1.1", "MET", "Two good calls"), judged("1.4b", "MET", null)))
                .status()).isEqualTo(200);
        Response signedOff = signOff(claimId);
        assertThat(signedOff.status()).as(signedOff.raw()).isEqualTo(200);
        assertThat(unitStatus(claimId)).isNotEqualTo(before);
        assertThat(criteria("assessor", claimId).values()).extracting(c -> c.get("judgement").asText())
                .containsOnly("MET");
    }

    @Test
    void theRequestWithoutJudgementsStillSignsOffAndRecordsEveryCriterionMet() {
        long claimId = registered("provider", PIPELINE_AWARD, "assessor");
        recordAllEvidence("assessor", claimId, "L4C7");
        assertThat(criteria("assessor", claimId).values()).extracting(c -> c.path("judgement").isTextual())
                .as("not judged yet").containsOnly(false);

        Response signedOff = signOff(claimId);
        assertThat(signedOff.status()).as(signedOff.raw()).isEqualTo(200);
        assertThat(criteria("assessor", claimId).values()).extracting(c -> c.get("judgement").asText())
                .containsOnly("MET");
    }

    @Test
    void anUnknownJudgementOrNotYetMetWithoutFeedbackIsRefusedSayingWhereAndNothingIsKept() {
        long claimId = registered("provider", PIPELINE_AWARD, "assessor");
        Response unknown = save(claimId, List.of(judged("1.1", "MET", null), judged("1.2", "MAYBE", null)));
        assertThat(unknown.status()).as(unknown.raw()).isEqualTo(400);
        assertThat(unknown.detail()).contains("judgement").contains("'MAYBE'").contains("NOT_YET_MET")
                .doesNotContain("org.qaflow");

        Response silent = save(claimId, List.of(judged("1.1", "MET", null), judged("1.2", "NOT_YET_MET", "  ")));
        assertThat(silent.status()).as(silent.raw()).isEqualTo(400);
        assertThat(silent.detail()).contains("evidence[1].feedback").contains("NOT_YET_MET")
                .contains("what is still needed").contains("1.2");
        assertThat(criteria("assessor", claimId).values()).extracting(c -> c.path("method").isTextual())
                .as("nothing of a refused request is kept").containsOnly(false);
    }
}
