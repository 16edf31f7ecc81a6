package org.qaflow.assessment;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.qaflow.support.JourneyTestBase;
import org.qaflow.support.SpreadsheetFiles;

import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A provider's spreadsheet of unit results: signed off through the assessment service, so the IQA samples them. */
class ResultsUploadApiTest extends JourneyTestBase {

    private static final String ACUMEN_AWARD = "610/3751/5"; // L4B1 only
    private static final String HEADINGS = "ULN,Unit,Outcome,Date assessed,Assessor,Evidence method,Evidence location\r\n";

    @Test
    void aCsvOfResultsSignsTheUnitsOffAndTheIqaSamplesThem() {
        // Ben Carter works towards his assessor award, so every one of his decisions is sampled, in any test order.
        long claimId = registered("provider", ACUMEN_AWARD, "bcarter");
        String uln = claim("provider", claimId).get("uln").asText();
        String csv = HEADINGS + uln + ",l4b1,Achieved," + uk(0) + ",Ben Carter,Professional discussion,"
                + "Portfolio section 3\r\n";
        Response recorded = upload("results.csv", csv.getBytes(StandardCharsets.UTF_8));
        assertThat(recorded.status()).as(recorded.raw()).isEqualTo(200);

        assertThat(claim("provider", claimId).at("/units/0/status").asText()).isEqualTo("SAMPLED_FOR_IQA");
        assertThat(task("iqa", "VerifyDecision", claimId)).as("the IQA has the decision to verify").isPresent();
        List<String> steps = get("provider", "/api/claims/" + claimId + "/timeline").body().findValuesAsText("what");
        assertThat(steps).contains("unit signed off by the assessor", "result uploaded");
        JsonNode criteria = get("bcarter", "/api/claims/" + claimId + "/units/L4B1/evidence").body();
        assertThat(criteria).isNotEmpty().allSatisfy(c -> {
            assertThat(c.get("method").asText()).isEqualTo("PROFESSIONAL_DISCUSSION");
            assertThat(c.get("location").asText()).isEqualTo("Portfolio section 3");
        });
    }

    @Test
    void anXlsxOfResultsWithProblemsInSeveralRowsRecordsNothingAndRefusesAnotherCentresLearner() {
        long ours = registered("provider", ACUMEN_AWARD, "assessor");
        long theirs = registered("provider2", ACUMEN_AWARD, "assessor2");
        String ourUln = claim("provider", ours).get("uln").asText();
        String theirUln = claim("provider2", theirs).get("uln").asText();
        byte[] xlsx = SpreadsheetFiles.xlsx(List.of("uln", "unit_reference", "outcome", "assessment date", "assessor",
                        "method", "location"), List.of(
                List.<Object>of(Long.parseLong(ourUln), "L4B1", "Achieved", today(), "assessor", "Observation",
                        "Portfolio p.1"),
                List.<Object>of(Long.parseLong(theirUln), "L4B1", "Achieved", today(), "assessor2", "Observation",
                        "Portfolio p.2"),
                List.<Object>of(Long.parseLong(ourUln), "L4B1", "Not yet", today().plusDays(2), "bcarter", "Telepathy",
                        "")));
        Response refused = upload("results.xlsx", xlsx);
        assertThat(refused.status()).as(refused.raw()).isEqualTo(400);
        List<String> where = new ArrayList<>();
        refused.body().get("errors").forEach(e -> where.add(e.get("row").asInt() + " " + e.get("column").asText()));
        assertThat(where).contains("3 uln", "4 outcome", "4 assessment date", "4 method", "4 location");
        assertThat(refused.detail()).contains("No learner with ULN " + theirUln + " is registered at your centre")
                .contains("is in the future").contains("Telepathy").contains("Nothing was imported");
        assertThat(claim("provider", ours).at("/units/0/status").asText())
                .as("the valid row of a refused file is not recorded").isEqualTo("AWAITING_ASSESSMENT");
        assertThat(claim("provider2", theirs).at("/units/0/status").asText()).isEqualTo("AWAITING_ASSESSMENT");
    }

    @Test
    void onlyTheLearnersOwnAssessorsJudgementCanBeUploaded() {
        long claimId = registered("provider", ACUMEN_AWARD, "assessor");
        String uln = claim("provider", claimId).get("uln").asText();
        String csv = HEADINGS + uln + ",L4B1,Achieved," + uk(0) + ",bcarter,Observation,Portfolio p.4\r\n";
        Response refused = upload("results.csv", csv.getBytes(StandardCharsets.UTF_8));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.detail()).contains("Ben Carter is not this learner's assessor (Asha Patel is)");
        assertThat(claim("provider", claimId).at("/units/0/status").asText()).isEqualTo("AWAITING_ASSESSMENT");
    }

    private String uk(int daysAgo) {
        return today().minusDays(daysAgo).format(DateTimeFormatter.ofPattern("dd/MM/yyyy"));
    }

    private Response upload(String filename, byte[] content) {
        var response = http.withBasicAuth("provider", PASSWORD).postForEntity("http://localhost:" + port
                + "/api/results/upload", SpreadsheetFiles.multipart(filename, content), String.class);
        JsonNode body;
        try {
            body = json.readTree(response.getBody());
        } catch (Exception e) {
            body = json.getNodeFactory().textNode(String.valueOf(response.getBody()));
        }
        return new Response(response.getStatusCode().value(), body, response.getBody());
    }
}
