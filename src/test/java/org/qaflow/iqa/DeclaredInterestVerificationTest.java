package org.qaflow.iqa;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.qaflow.support.JourneyTestBase;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** An IQA who declares a personal interest in a learner (over the API, after registration) may not verify them. */
class DeclaredInterestVerificationTest extends JourneyTestBase {

    @Test
    void anIqaWhoDeclaredAnInterestInTheLearnerCannotVerifyTheirAssessment() {
        String uln = newUln();
        Response registered = register("provider", uln, "610/3769/2", "assessor", "L4B1", "L4C1", "L4C2", "L4S1");
        assertThat(registered.status()).as(registered.raw()).isEqualTo(201);
        long claimId = registered.body().get("id").asLong();
        // Simulated evidence (allowed for L4C2 LO2) makes the decision one the IQA samples.
        List<Map<String, Object>> evidence = new ArrayList<>();
        for (JsonNode outcome : get("qm", "/api/units/L4C2").body().get("outcomes")) {
            for (JsonNode criterion : outcome.get("criteria")) {
                evidence.add(Map.of("criterion", criterion.get("key").asText(),
                        "method", outcome.get("simulationAllowed").asBoolean() ? "SIMULATION" : "OBSERVATION",
                        "location", "Portfolio section " + criterion.get("key").asText()));
            }
        }
        assertThat(post("assessor", "/api/claims/" + claimId + "/units/L4C2/evidence", evidence).status()).isEqualTo(200);
        assertThat(post("assessor", "/api/claims/" + claimId + "/sign-off", Map.of("units", List.of("L4C2"))).status())
                .isEqualTo(200);

        Response declared = post("iqa", "/api/interests", Map.of("staff", "iqa", "uln", uln,
                "reason", "The learner is my flatmate"));
        assertThat(declared.status()).as(declared.raw()).isEqualTo(201);

        JsonNode verify = task("iqa", "VerifyDecision", claimId).orElseThrow();
        Response refused = complete("iqa", verify.get("id").asText(), Map.of("decision", "ACCEPT"));
        assertThat(refused.status()).as(refused.raw()).isEqualTo(403);
        assertThat(refused.detail()).contains("Ivy Quinn").contains("has declared a personal interest in this learner");
    }
}
