package org.qaflow.cluster;

import org.junit.jupiter.api.Test;
import org.qaflow.support.AppJvm;
import org.qaflow.support.Node;
import org.qaflow.support.TestDatabase;
import org.qaflow.support.TestHttp;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.*;

import java.io.File;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node killed outright (SIGKILL, no shutdown hooks) mid-journey: everything it acknowledged is still there when
 * another node opens the same database, and the journey carries on from where it was. On H2 and on PostgreSQL.
 */
class KilledNodeTest {

    private final TestRestTemplate http = TestHttp.client();

    @Test
    void aNodeKilledMidJourneyLosesNothingItAcknowledged() throws Exception {
        TestDatabase database = TestDatabase.create("killed");
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = AppJvm.command(database, "--server.port=" + port, "--qaflow.node-name=doomed");
        File log = Path.of("target", "test-data", "killed-node-" + port + ".log").toFile();
        Process doomed = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
        long claimId;
        int evidence = 0;
        try {
            String base = "http://localhost:" + port;
            waitUntilUp(doomed, base, log);
            ResponseEntity<String> registered = call("provider", HttpMethod.POST, base + "/api/claims",
                    Map.of("firstName", "Kim", "lastName", "Killed", "dateOfBirth", "1993-03-03", "uln", "7300000001",
                            "qualification", "610/3751/5", "assessor", "bcarter"));
            assertThat(registered.getStatusCode().value()).as(registered.getBody()).isEqualTo(201);
            claimId = Long.parseLong(registered.getBody().replaceAll(".*?\"id\":(\\d+).*", "$1"));
            // Evidence one criterion per call: each 200 is an acknowledgement the survivor must still show.
            var unit = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                    call("qm", HttpMethod.GET, base + "/api/units/L4B1", null).getBody());
            for (var outcome : unit.get("outcomes")) {
                for (var criterion : outcome.get("criteria")) {
                    Map<String, Object> item = Map.of("criterion", criterion.get("number").asText(),
                            "method", "OBSERVATION", "location", "p" + criterion.get("number").asText());
                    ResponseEntity<String> recorded = call("bcarter", HttpMethod.POST,
                            base + "/api/claims/" + claimId + "/units/L4B1/evidence", List.of(item));
                    assertThat(recorded.getStatusCode().value()).as(recorded.getBody()).isEqualTo(200);
                    evidence++;
                }
            }
            assertThat(evidence).as("acknowledged evidence").isPositive();
        } finally {
            doomed.destroyForcibly().waitFor();
        }

        try (Node survivor = Node.start(database, "survivor")) {
            assertThat(survivor.ok("provider", HttpMethod.GET, "/api/claims/" + claimId, null).get("learner").asText())
                    .isEqualTo("Kim Killed");
            assertThat(survivor.jdbc().queryForObject("select count(*) from evidence e join claim_unit u"
                    + " on u.id = e.claim_unit_id where u.claim_id = ?", Integer.class, claimId))
                    .as("every acknowledged piece of evidence").isEqualTo(evidence);
            survivor.recordAllEvidence("bcarter", claimId, "L4B1");
            survivor.ok("bcarter", HttpMethod.POST, "/api/claims/" + claimId + "/sign-off", Map.of());
            String verify = survivor.task("iqa", "VerifyDecision", claimId).orElseThrow().get("id").asText();
            survivor.ok("iqa", HttpMethod.POST, "/api/tasks/" + verify + "/complete", Map.of("decision", "ACCEPT"));
            assertThat(survivor.ok("provider", HttpMethod.GET, "/api/claims/" + claimId, null).get("status").asText())
                    .isEqualTo("CERTIFICATE_ISSUED");
        }
    }

    private ResponseEntity<String> call(String user, HttpMethod method, String url, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return http.withBasicAuth(user, "demo").exchange(url, method, new HttpEntity<>(body, headers), String.class);
    }

    /** Polls the health endpoint of the child JVM (bounded: the test fails, not hangs). */
    private void waitUntilUp(Process process, String base, File log) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            if (!process.isAlive()) {
                throw new AssertionError("the node died on start; see " + log);
            }
            try {
                if (http.getForEntity(base + "/actuator/health", String.class).getStatusCode().is2xxSuccessful()) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the node did not start within 5 minutes; see " + log);
    }
}
