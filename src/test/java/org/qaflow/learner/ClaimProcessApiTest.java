package org.qaflow.learner;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.qaflow.support.JourneyTestBase;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** GET /api/claims/{id}/process: where a claim stands in its processes, for whoever may see the claim. */
class ClaimProcessApiTest extends JourneyTestBase {

    private static final String ACUMEN_AWARD = "610/3751/5";  // unit L4B1

    @Test
    void aFreshClaimShowsItsUnitWaitingAtAssessUnit() {
        long claimId = registered("provider", ACUMEN_AWARD, "assessor");

        Response process = get("provider", "/api/claims/" + claimId + "/process");
        assertThat(process.status()).as(process.raw()).isEqualTo(200);
        assertThat(process.body().get("claimId").asLong()).isEqualTo(claimId);
        JsonNode unit = onlyUnit(process.body());
        assertThat(unit.get("unitRef").asText()).isEqualTo("L4B1");
        assertThat(unit.get("processId").asText()).isEqualTo("unitAssessment");
        assertThat(unit.get("instanceId").asText()).isEqualTo(jdbc.queryForObject(
                "select process_instance_id from claim_unit where claim_id = ?", String.class, claimId));
        assertThat(unit.get("state").asText()).isEqualTo("active");
        assertThat(unit.get("activeNodes")).hasSize(1);
        assertThat(unit.at("/activeNodes/0/id").asText()).isEqualTo("assessUnit");
        assertThat(unit.at("/activeNodes/0/name").asText()).isEqualTo("Assess unit");
        assertThat(texts(unit.get("completedNodes"))).containsExactly("start", "gw_assess");
        assertThat(texts(unit.get("takenFlows"))).containsExactly("f_start", "f_toAssess");
        // The claim's own process, once there is one, is shown the same way.
        String claimInstance = jdbc.queryForObject("select process_instance_id from claim where id = ?", String.class,
                claimId);
        if (claimInstance == null) {
            assertThat(process.body().get("claim").isNull()).isTrue();
        } else {
            assertThat(process.body().at("/claim/instanceId").asText()).isEqualTo(claimInstance);
            assertThat(process.body().at("/claim/state").asText()).isEqualTo("active");
            assertThat(process.body().at("/claim/activeNodes")).isNotEmpty();
        }
        // Everyone who may see the claim sees the same.
        for (String user : List.of("assessor", "iqa", "qm")) {
            Response seen = get(user, "/api/claims/" + claimId + "/process");
            assertThat(seen.status()).as(user).isEqualTo(200);
            assertThat(seen.body()).as(user).isEqualTo(process.body());
        }
    }

    @Test
    void afterSignOffAndIqaTheUnitShowsItsCompletedPathThoughTheEngineHasForgottenIt() {
        long claimId = registered("provider", ACUMEN_AWARD, "assessor");
        String instance = jdbc.queryForObject("select process_instance_id from claim_unit where claim_id = ?",
                String.class, claimId);
        assessAndSignOff("assessor", claimId, "L4B1");
        iqaAcceptsAnySample("iqa", claimId);

        JsonNode unit = onlyUnit(get("provider", "/api/claims/" + claimId + "/process").body());
        assertThat(unit.get("state").asText()).isEqualTo("completed");
        assertThat(unit.get("activeNodes")).isEmpty();
        assertThat(texts(unit.get("completedNodes")))
                .contains("start", "assessUnit", "decideSampling", "gw_sampled", "gw_verified", "unitVerified", "end");
        assertThat(texts(unit.get("takenFlows"))).contains("f_assessed", "f_toVerified", "f_done")
                .containsAnyOf("f_sampledYes", "f_sampledNo");
        assertThat(jdbc.queryForObject("select count(*) from process_instances where id = ?", Integer.class, instance))
                .as("the engine deletes a finished instance; the trail is what shows its path").isZero();
    }

    @Test
    void anotherCentresProviderIsRefusedAsForTheClaimItself() {
        long claimId = registered("provider", ACUMEN_AWARD, "assessor");
        for (String outsider : List.of("provider2", "assessor2", "bcarter")) {
            Response claim = get(outsider, "/api/claims/" + claimId);
            Response process = get(outsider, "/api/claims/" + claimId + "/process");
            assertThat(claim.status()).as(outsider).isEqualTo(403);
            assertThat(process.status()).as(outsider + ": " + process.raw()).isEqualTo(403);
            assertThat(process.detail()).isEqualTo(claim.detail());
        }
        Response unknown = get("provider", "/api/claims/999999999/process");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.detail()).isEqualTo(get("provider", "/api/claims/999999999").detail());
        assertThat(get(null, "/api/claims/" + claimId + "/process").status()).isEqualTo(401);
        Response notANumber = get("provider", "/api/claims/abc/process");
        assertThat(notANumber.status()).isEqualTo(400);
    }

    private static JsonNode onlyUnit(JsonNode view) {
        assertThat(view.get("units")).as(view.toString()).hasSize(1);
        return view.get("units").get(0);
    }

    private static List<String> texts(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }
}
