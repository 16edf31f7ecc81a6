package org.qaflow.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.qaflow.QaflowApplication;
import org.qaflow.support.TestDatabase;
import org.qaflow.support.TestHttp;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A journey survives an application restart at its wait points: the assessor's task and the IQA's. */
class RestartMidJourneyTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void aJourneyStartedBeforeARestartFinishesAfterIt() throws Exception {
        TestDatabase dataDir = TestDatabase.create("restart-journey");
        long claimId;
        try (ConfigurableApplicationContext first = start(dataDir)) {
            Client api = new Client(first);
            JsonNode claim = api.call("provider", HttpMethod.POST, "/api/claims", Map.of("firstName", "Rita",
                    "lastName", "Restart", "dateOfBirth", "1992-02-02", "uln", "7000000001",
                    "qualification", "610/3751/5", "assessor", "bcarter"));
            claimId = claim.get("id").asLong();
            List<Map<String, Object>> evidence = new ArrayList<>();
            for (JsonNode o : api.call("qm", HttpMethod.GET, "/api/units/L4B1", null).get("outcomes")) {
                for (JsonNode c : o.get("criteria")) {
                    evidence.add(Map.of("criterion", c.get("number").asText(), "method", "OBSERVATION",
                            "location", "p" + c.get("number").asText()));
                }
            }
            api.call("bcarter", HttpMethod.POST, "/api/claims/" + claimId + "/units/L4B1/evidence", evidence);
        }
        // Restart while the unit waits for the assessor.
        try (ConfigurableApplicationContext second = start(dataDir)) {
            Client api = new Client(second);
            api.call("bcarter", HttpMethod.POST, "/api/claims/" + claimId + "/sign-off", Map.of());
            assertThat(api.call("provider", HttpMethod.GET, "/api/claims/" + claimId, null).at("/units/0/status")
                    .asText()).isEqualTo("SAMPLED_FOR_IQA");
        }
        // Restart while the unit waits for the IQA.
        try (ConfigurableApplicationContext third = start(dataDir)) {
            Client api = new Client(third);
            JsonNode verify = null;
            for (JsonNode t : api.call("iqa", HttpMethod.GET, "/api/tasks", null)) {
                if (t.get("name").asText().equals("VerifyDecision") && t.get("claimId").asLong() == claimId) {
                    verify = t;
                }
            }
            assertThat(verify).as("the IQA's task survived the restart").isNotNull();
            api.call("iqa", HttpMethod.POST, "/api/tasks/" + verify.get("id").asText() + "/complete",
                    Map.of("decision", "ACCEPT"));
            assertThat(api.call("provider", HttpMethod.GET, "/api/claims/" + claimId, null).get("status").asText())
                    .isEqualTo("CERTIFICATE_ISSUED");
        }
    }

    /** A claim waiting for the EQA's release (the claim process at its event gateway) is released after a restart. */
    @Test
    void aClaimWaitingForTheEqaIsReleasedAfterARestart() throws Exception {
        TestDatabase dataDir = TestDatabase.create("restart-release");
        long claimId;
        try (ConfigurableApplicationContext first = start(dataDir)) {
            Client api = new Client(first);
            claimId = api.call("provider3", HttpMethod.POST, "/api/claims", Map.of("firstName", "Rhys",
                    "lastName", "Release", "dateOfBirth", "1990-03-03", "uln", "7000000002",
                    "qualification", "610/3764/3", "assessor", "assessor3")).get("id").asLong();
            List<Map<String, Object>> evidence = new ArrayList<>();
            for (JsonNode o : api.call("qm", HttpMethod.GET, "/api/units/L4C8", null).get("outcomes")) {
                for (JsonNode c : o.get("criteria")) {
                    evidence.add(Map.of("criterion", c.get("key").asText(), "method", "OBSERVATION",
                            "location", "p" + c.get("number").asText()));
                }
            }
            api.call("assessor3", HttpMethod.POST, "/api/claims/" + claimId + "/units/L4C8/evidence", evidence);
            api.call("assessor3", HttpMethod.POST, "/api/claims/" + claimId + "/sign-off", Map.of());
            for (JsonNode t : api.call("iqa3", HttpMethod.GET, "/api/tasks", null)) {
                if (t.get("name").asText().equals("VerifyDecision") && t.get("claimId").asLong() == claimId) {
                    api.call("iqa3", HttpMethod.POST, "/api/tasks/" + t.get("id").asText() + "/complete",
                            Map.of("decision", "ACCEPT"));
                }
            }
            assertThat(api.call("provider3", HttpMethod.GET, "/api/claims/" + claimId, null).get("status").asText())
                    .isEqualTo("AWAITING_FIRST_EQA_VISIT");
        }
        try (ConfigurableApplicationContext second = start(dataDir)) {
            Client api = new Client(second);
            JsonNode plan = visitTask(api, "PlanVisit");
            api.call("eqa", HttpMethod.POST, "/api/tasks/" + plan.get("id").asText() + "/complete",
                    Map.of("date", java.time.LocalDate.now(second.getBean(java.time.Clock.class)).plusDays(3).toString()));
            JsonNode conduct = visitTask(api, "ConductVisit");
            JsonNode visit = api.call("eqa", HttpMethod.GET, "/api/visits/" + conduct.get("visitId").asLong(), null);
            assertThat(visit.get("releases").toString()).contains(String.valueOf(claimId));
            api.call("eqa", HttpMethod.POST, "/api/tasks/" + conduct.get("id").asText() + "/complete",
                    Map.of("outcome", "SATISFACTORY", "report", "Sample valid and sufficient"));
            assertThat(api.call("provider3", HttpMethod.GET, "/api/claims/" + claimId, null).get("status").asText())
                    .isEqualTo("CERTIFICATE_ISSUED");
        }
    }

    private static JsonNode visitTask(Client api, String name) throws Exception {
        for (JsonNode t : api.call("eqa", HttpMethod.GET, "/api/tasks", null)) {
            if (t.get("name").asText().equals(name) && "SUM03".equals(t.path("centre").asText())) {
                return t;
            }
        }
        throw new AssertionError("no " + name + " task for SUM03");
    }

    private static ConfigurableApplicationContext start(TestDatabase database) {
        return new SpringApplicationBuilder(QaflowApplication.class).run(database.args("--server.port=0"));
    }

    private final class Client {
        private final TestRestTemplate http = TestHttp.client();
        private final int port;

        Client(ConfigurableApplicationContext context) {
            this.port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
        }

        JsonNode call(String user, HttpMethod method, String path, Object body) throws Exception {
            HttpHeaders headers = new HttpHeaders();
            headers.setContentType(MediaType.APPLICATION_JSON);
            ResponseEntity<String> response = http.withBasicAuth(user, "demo").exchange(
                    "http://localhost:" + port + path, method, new HttpEntity<>(body, headers), String.class);
            assertThat(response.getStatusCode().is2xxSuccessful()).as(method + " " + path + ": " + response.getBody())
                    .isTrue();
            return response.getBody() == null ? json.nullNode() : json.readTree(response.getBody());
        }
    }
}
