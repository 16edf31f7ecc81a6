package org.qaflow.security;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.qaflow.support.JourneyTestBase;
import org.springframework.http.*;

import java.util.*;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an attacker or a careless user sends: SQL and script in free text, other centres' ids, broken and oversized
 * bodies (password guessing is LoginThrottleTest's). Each gets a clear refusal or is stored exactly as typed, and
 * nothing else changes.
 */
class HostileInputTest extends JourneyTestBase {

    private static final String SQL_NAME = "O'Brien'); DROP TABLE learner; --";
    private static final String SQL_SURNAME = "x' OR '1'='1\" ; delete from claim where 1=1 --\\";
    private static final String SQL_TEXT = "%_'; update claim set status = 'CERTIFICATE_ISSUED'; -- \" \\' ;";
    private static final String SCRIPT = "<script>alert('xss')</script><img src=x onerror=alert(1)>";

    @Test
    void sqlMetacharactersInEveryFreeTextFieldAreStoredAndShownExactlyAsTyped() {
        int claimsBefore = jdbc.queryForObject("select count(*) from claim", Integer.class);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("firstName", SQL_NAME);
        body.put("lastName", SQL_SURNAME);
        body.put("dateOfBirth", "1990-01-01");
        body.put("uln", newUln());
        body.put("qualification", "610/3751/5");
        body.put("assessor", "bcarter");
        Response registered = post("provider", "/api/claims", body);
        assertThat(registered.status()).as(registered.raw()).isEqualTo(201);
        long claimId = registered.body().get("id").asLong();
        assertThat(claim("provider", claimId).get("learner").asText()).isEqualTo(SQL_NAME + " " + SQL_SURNAME);

        // Evidence location, then the IQA's referral reason (Ben Carter's decisions are always sampled).
        List<Map<String, Object>> evidence = new ArrayList<>();
        for (JsonNode outcome : get("qm", "/api/units/L4B1").body().get("outcomes")) {
            for (JsonNode criterion : outcome.get("criteria")) {
                evidence.add(Map.of("criterion", criterion.get("number").asText(), "method", "OBSERVATION",
                        "location", SQL_TEXT));
            }
        }
        assertThat(post("bcarter", "/api/claims/" + claimId + "/units/L4B1/evidence", evidence).status()).isEqualTo(200);
        assertThat(post("bcarter", "/api/claims/" + claimId + "/sign-off", Map.of()).status()).isEqualTo(200);
        JsonNode verify = task("iqa", "VerifyDecision", claimId).orElseThrow();
        Response referred = complete("iqa", verify.get("id").asText(), Map.of("decision", "REFER", "reason", SQL_TEXT));
        assertThat(referred.status()).as(referred.raw()).isEqualTo(200);
        assertThat(get("provider", "/api/claims/" + claimId + "/timeline").body().findValuesAsText("detail"))
                .anyMatch(detail -> detail.contains(SQL_TEXT));
        assertThat(jdbc.queryForList("select distinct location from evidence e join claim_unit u on u.id = e.claim_unit_id"
                + " where u.claim_id = ?", String.class, claimId)).containsExactly(SQL_TEXT);

        // An EQA visit's report, finding and action.
        JsonNode plan = visitToPlan("eqa", "RVT02");
        assertThat(complete("eqa", plan.get("id").asText(), Map.of("date", today().plusDays(14).toString())).status()).isEqualTo(200);
        JsonNode conduct = visitTask("eqa", "ConductVisit", "RVT02").orElseThrow();
        long visitId = conduct.get("visitId").asLong();
        List<Map<String, Object>> findings = new ArrayList<>();
        for (JsonNode sample : get("eqa", "/api/visits/" + visitId).body().get("sample")) {
            findings.add(Map.of("sampleId", sample.get("id").asLong(), "finding", SQL_TEXT));
        }
        Response conducted = complete("eqa", conduct.get("id").asText(), Map.of("outcome", "UNSATISFACTORY",
                "report", SQL_TEXT, "findings", findings, "actions", List.of(action("RVT02", SQL_TEXT))));
        assertThat(conducted.status()).as(conducted.raw()).isEqualTo(200);
        assertThat(get("eqa", "/api/visits/" + visitId).body().get("report").asText()).isEqualTo(SQL_TEXT);
        assertThat(jdbc.queryForList("select description from eqa_action where visit_id = ?", String.class, visitId))
                .containsExactly(SQL_TEXT);

        assertThat(jdbc.queryForObject("select count(*) from claim", Integer.class)).as("no claim lost or added")
                .isEqualTo(claimsBefore + 1);
        assertThat(jdbc.queryForObject("select count(*) from learner where first_name = ?", Integer.class, SQL_NAME))
                .isEqualTo(1);
        assertThat(status("provider", claimId)).isNotEqualTo("CERTIFICATE_ISSUED");
        // Put RVT02 back to a satisfactory state for the other tests sharing this database.
        assertThat(post("eqa", "/api/visits", Map.of("centre", "RVT02")).status()).isIn(201, 409);
        eqaVisit("eqa", "RVT02", "SATISFACTORY");
    }

    @Test
    void scriptInALearnerNameComesBackAsJsonDataThatNoBrowserRuns() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("firstName", SCRIPT);
        body.put("lastName", "Smith");
        body.put("dateOfBirth", "1990-01-01");
        body.put("uln", newUln());
        body.put("qualification", "610/3751/5");
        body.put("assessor", "assessor");
        Response registered = post("provider", "/api/claims", body);
        assertThat(registered.status()).isEqualTo(201);
        ResponseEntity<String> raw = http.withBasicAuth("provider", PASSWORD)
                .getForEntity("/api/claims/" + registered.body().get("id").asLong(), String.class);
        assertThat(raw.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_JSON);
        assertThat(raw.getHeaders().getFirst("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(registered.body().get("learner").asText()).isEqualTo(SCRIPT + " Smith");
    }

    @Test
    void idsOfAnotherCentresRecordsAreRefusedAndNothingChanges() {
        long claimId = registered("provider", "610/3751/5", "bcarter");
        int events = jdbc.queryForObject("select count(*) from claim_event where claim_id = ?", Integer.class, claimId);

        assertThat(get("provider2", "/api/claims/" + claimId).status()).isEqualTo(403);
        assertThat(get("provider3", "/api/claims/" + claimId + "/timeline").status()).isEqualTo(403);
        assertThat(get("provider2", "/api/claims/" + claimId + "/certificate").status()).isIn(403, 404);
        Response evidence = post("assessor2", "/api/claims/" + claimId + "/units/L4B1/evidence",
                List.of(Map.of("criterion", "1.1", "method", "OBSERVATION", "location", "forged")));
        assertThat(evidence.status()).as(evidence.raw()).isEqualTo(403);
        assertThat(post("assessor2", "/api/claims/" + claimId + "/sign-off", Map.of()).status()).isEqualTo(403);

        assessAndSignOff("bcarter", claimId, "L4B1");
        String taskId = task("iqa", "VerifyDecision", claimId).orElseThrow().get("id").asText();
        Response foreignIqa = complete("iqa2", taskId, Map.of("decision", "ACCEPT"));
        assertThat(foreignIqa.status()).as(foreignIqa.raw()).isIn(403, 404);
        assertThat(task("iqa", "VerifyDecision", claimId)).as("the task still waits for NSA01's IQAs").isPresent();
        assertThat(jdbc.queryForObject("select count(*) from evidence e join claim_unit u on u.id = e.claim_unit_id"
                + " where u.claim_id = ? and e.location = 'forged'", Integer.class, claimId)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from claim_event where claim_id = ?", Integer.class, claimId))
                .isGreaterThan(events);
    }

    @Test
    void malformedOversizedAndOverlongBodiesGetAClearProblemAndChangeNothing() {
        int learners = jdbc.queryForObject("select count(*) from learner", Integer.class);
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<String> malformed = http.withBasicAuth("provider", PASSWORD).exchange("/api/claims",
                HttpMethod.POST, new HttpEntity<>("{\"firstName\": \"Ann\", \"uln\": ", headers), String.class);
        assertThat(malformed.getStatusCode().value()).isEqualTo(400);
        assertThat(malformed.getBody()).contains("not valid JSON");

        String huge = "{\"firstName\": \"" + "A".repeat(3 * 1024 * 1024) + "\"}";
        ResponseEntity<String> oversized = http.withBasicAuth("provider", PASSWORD).exchange("/api/claims",
                HttpMethod.POST, new HttpEntity<>(huge, headers), String.class);
        assertThat(oversized.getStatusCode().value()).isEqualTo(413);
        assertThat(oversized.getBody()).contains("accepts at most");

        Map<String, Object> overlong = new LinkedHashMap<>();
        overlong.put("firstName", "N".repeat(5000));
        overlong.put("lastName", "Long");
        overlong.put("dateOfBirth", "1990-01-01");
        overlong.put("uln", newUln());
        overlong.put("qualification", "610/3751/5");
        overlong.put("assessor", "assessor");
        Response tooLong = post("provider", "/api/claims", overlong);
        assertThat(tooLong.status()).as(tooLong.raw()).isEqualTo(400);
        assertThat(tooLong.detail()).contains("too long");

        assertThat(jdbc.queryForObject("select count(*) from learner", Integer.class)).isEqualTo(learners);
    }

    @Test
    void aRuleFileThatReTriggersItselfForEverIsStoppedAndRefused() {
        String before = get("qm", "/api/rules/version").raw();
        String loop = "package combination\n\nimport org.qaflow.rules.facts.*\n\nrule \"Loops for ever\"\nwhen\n"
                + "    $c : CombinationCheck()\nthen\n    update($c);\nend\n";
        Response refused = put("qm", "/api/rules/files/combination/loop.drl", loop);
        assertThat(refused.status()).as(refused.raw()).isEqualTo(400);
        assertThat(refused.raw()).contains("rule firings").contains("Loops for ever");
        assertThat(get("qm", "/api/rules/version").raw()).as("the active rules are unchanged").isEqualTo(before);
    }
}
