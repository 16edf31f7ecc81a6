package org.qaflow.iqa;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.qaflow.support.JourneyTestBase;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** An IQA verifying a decision on a LEADERSHIP unit needs sales-leadership competence, as its assessor does. */
class LeadershipVerificationTest extends JourneyTestBase {

    private static final String CERTIFICATE = "610/3769/2";

    @Test
    void onlyAnIqaWithSalesLeadershipCompetenceVerifiesALeadershipUnit() {
        long claimId = registered("provider", CERTIFICATE, "assessor", "L4B1", "L4C1", "L4C2", "L4S1", "L4L2");
        // Simulated evidence (allowed for L4L2 LO3 and LO4) makes the decision one the IQA samples.
        List<Map<String, Object>> evidence = new ArrayList<>();
        for (JsonNode outcome : get("qm", "/api/units/L4L2").body().get("outcomes")) {
            for (JsonNode criterion : outcome.get("criteria")) {
                evidence.add(Map.of("criterion", criterion.get("key").asText(),
                        "method", outcome.get("simulationAllowed").asBoolean() ? "SIMULATION" : "OBSERVATION",
                        "location", "Portfolio section " + criterion.get("key").asText()));
            }
        }
        assertThat(post("assessor", "/api/claims/" + claimId + "/units/L4L2/evidence", evidence).status()).isEqualTo(200);
        Response signedOff = post("assessor", "/api/claims/" + claimId + "/sign-off", Map.of("units", List.of("L4L2")));
        assertThat(signedOff.status()).as(signedOff.raw()).isEqualTo(200);

        // Omar Haddad (NSA01 IQA) has no sales-leadership competence recorded; Ivy Quinn has.
        JsonNode verify = task("ohaddad", "VerifyDecision", claimId).orElseThrow();
        Response refused = complete("ohaddad", verify.get("id").asText(), Map.of("decision", "ACCEPT"));
        assertThat(refused.status()).as(refused.raw()).isEqualTo(403);
        assertThat(refused.detail()).contains("Omar Haddad")
                .contains("quality-assuring LEADERSHIP units needs sales-leadership competence");

        Response accepted = complete("iqa", verify.get("id").asText(), Map.of("decision", "ACCEPT"));
        assertThat(accepted.status()).as(accepted.raw()).isEqualTo(200);
        assertThat(get("provider", "/api/claims/" + claimId + "/timeline").raw())
                .contains("IQA accepted the assessment decision");
    }
}
