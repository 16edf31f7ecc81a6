package org.qaflow.support;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;
import java.time.LocalDate;
import java.util.*;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** Drives the claim journey over HTTP as the demo users would: register, evidence, sign-off, tasks. */
public abstract class JourneyTestBase extends ApiTestBase {

    /** ULNs the sample data does not use; each test takes fresh ones. */
    private static final AtomicLong NEXT_ULN = new AtomicLong(8_000_000_000L + (System.nanoTime() % 1_000_000) * 100);

    @Autowired
    protected JdbcTemplate jdbc;
    @Autowired
    private Clock appClock;

    /** Today by the application's clock: dates a test sends are relative to it, never fixed. */
    protected LocalDate today() {
        return LocalDate.now(appClock);
    }

    protected static String newUln() {
        return String.valueOf(NEXT_ULN.incrementAndGet());
    }

    protected Response register(String provider, String uln, String qualification, String assessor, String... units) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("firstName", "Test");
        body.put("lastName", "Learner " + uln);
        body.put("dateOfBirth", "1995-05-05");
        body.put("uln", uln);
        body.put("qualification", qualification);
        body.put("assessor", assessor);
        if (units.length > 0) {
            body.put("units", List.of(units));
        }
        return post(provider, "/api/claims", body);
    }

    protected long registered(String provider, String qualification, String assessor, String... units) {
        Response response = register(provider, newUln(), qualification, assessor, units);
        assertThat(response.status()).as(response.raw()).isEqualTo(201);
        return response.body().get("id").asLong();
    }

    /** Evidence for every criterion of the unit, by observation, then sign-off. */
    protected void assessAndSignOff(String assessor, long claimId, String unitRef) {
        recordAllEvidence(assessor, claimId, unitRef);
        Response signOff = post(assessor, "/api/claims/" + claimId + "/sign-off", Map.of("units", List.of(unitRef)));
        assertThat(signOff.status()).as(signOff.raw()).isEqualTo(200);
    }

    protected void recordAllEvidence(String assessor, long claimId, String unitRef) {
        List<Map<String, Object>> evidence = new ArrayList<>();
        for (JsonNode outcome : get("qm", "/api/units/" + unitRef).body().get("outcomes")) {
            for (JsonNode criterion : outcome.get("criteria")) {
                evidence.add(Map.of("criterion", criterion.get("key").asText(), "method", "OBSERVATION",
                        "location", "Portfolio section " + criterion.get("key").asText()));
            }
        }
        Response recorded = post(assessor, "/api/claims/" + claimId + "/units/" + unitRef + "/evidence", evidence);
        assertThat(recorded.status()).as(recorded.raw()).isEqualTo(200);
    }

    /** Every task of the user, page by page: tests sharing this application leave the demo users many tasks. */
    protected List<JsonNode> tasks(String user) {
        List<JsonNode> all = new java.util.ArrayList<>();
        for (int page = 0; ; page++) {
            Response response = get(user, "/api/tasks?size=200&page=" + page);
            assertThat(response.status()).as(response.raw()).isEqualTo(200);
            List<JsonNode> these = StreamSupport.stream(response.body().spliterator(), false).toList();
            all.addAll(these);
            if (these.size() < 200) {
                return all;
            }
        }
    }

    protected Optional<JsonNode> task(String user, String name, long claimId) {
        return tasks(user).stream().filter(t -> t.get("name").asText().equals(name))
                .filter(t -> t.path("claimId").asLong() == claimId).findFirst();
    }

    protected Optional<JsonNode> visitTask(String user, String name, String centre) {
        return tasks(user).stream().filter(t -> t.get("name").asText().equals(name))
                .filter(t -> centre.equals(t.path("centre").asText())).findFirst();
    }

    protected Response complete(String user, String taskId, Object data) {
        return post(user, "/api/tasks/" + taskId + "/complete", data);
    }

    /** Accepts every IQA sample of the claim until none is left (a unit may or may not be sampled). */
    protected void iqaAcceptsAnySample(String iqa, long claimId) {
        Optional<JsonNode> verify;
        while ((verify = task(iqa, "VerifyDecision", claimId)).isPresent()) {
            Response done = complete(iqa, verify.get().get("id").asText(), Map.of("decision", "ACCEPT"));
            assertThat(done.status()).as(done.raw()).isEqualTo(200);
        }
    }

    protected JsonNode claim(String user, long claimId) {
        Response response = get(user, "/api/claims/" + claimId);
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response.body();
    }

    protected String status(String user, long claimId) {
        return claim(user, claimId).get("status").asText();
    }

    /**
     * A visit to the centre waiting to be planned: one already open, or a new one once whatever review is open (a
     * remote release review, say, which has nothing to plan) is recorded as satisfactory.
     */
    protected JsonNode visitToPlan(String eqa, String centre) {
        for (int attempt = 0; attempt < 5; attempt++) {
            Optional<JsonNode> plan = visitTask(eqa, "PlanVisit", centre);
            if (plan.isPresent()) {
                return plan.get();
            }
            if (visitTask(eqa, "ConductVisit", centre).isPresent()) {
                eqaVisit(eqa, centre, "SATISFACTORY");
            } else {
                post(eqa, "/api/visits", Map.of("centre", centre));
            }
        }
        throw new AssertionError("no visit to plan for " + centre + " among " + tasks(eqa));
    }

    /** An action for the centre, owned by its provider, due in a month. */
    protected Map<String, Object> action(String centre, String description) {
        String owner = jdbc.queryForObject("select min(u.username) from app_user u join centre c on c.id = u.centre_id"
                + " where c.code = ? and u.role = 'PROVIDER'", String.class, centre);
        return Map.of("description", description, "owner", owner, "due", today().plusMonths(1).toString());
    }

    /** The EQA plans the centre's open visit (a remote review needs no planning), reviews the sample, records it. */
    protected void eqaVisit(String eqa, String centre, String outcome) {
        Optional<JsonNode> plan = visitTask(eqa, "PlanVisit", centre);
        if (plan.isPresent()) {
            Response planned = complete(eqa, plan.get().get("id").asText(),
                    Map.of("date", today().plusDays(7).toString()));
            assertThat(planned.status()).as(planned.raw()).isEqualTo(200);
        }
        JsonNode conduct = visitTask(eqa, "ConductVisit", centre).orElseThrow(() -> new AssertionError(
                "no visit or remote review open for " + centre + " among " + tasks(eqa)));
        JsonNode visit = get(eqa, "/api/visits/" + conduct.get("visitId").asLong()).body();
        List<Map<String, Object>> findings = new ArrayList<>();
        for (JsonNode sample : visit.get("sample")) {
            if (sample.path("removed").asBoolean()) {
                continue;
            }
            findings.add(Map.of("sampleId", sample.get("id").asLong(), "finding", "Evidence valid and sufficient"));
        }
        Response done = complete(eqa, conduct.get("id").asText(), Map.of("outcome", outcome,
                "report", "Visit report: " + outcome.toLowerCase(), "findings", findings,
                "actions", outcome.equals("SATISFACTORY") ? List.of()
                        : List.of(action(centre, "Standardise assessment of LO2"))));
        assertThat(done.status()).as(done.raw()).isEqualTo(200);
    }
}
