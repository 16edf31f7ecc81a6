package org.qaflow.assessment;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.qaflow.support.JourneyTestBase;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.*;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Evidence per assessment criterion where the specification numbers two criteria alike (L4C7 LO1 "1.4" twice), and
 * simulated evidence only where a unit's assessor guidance allows it.
 */
class CriterionEvidenceTest extends JourneyTestBase {

    private static final String PIPELINE_AWARD = "610/3763/1";   // unit L4C7
    private static final String CERTIFICATE = "610/3769/2";
    private static final String SECOND_14 = "Analyse the reasons why a pipeline may be unbalanced";

    private Response evidence(long claimId, String unit, List<Map<String, Object>> entries) {
        return post("assessor", "/api/claims/" + claimId + "/units/" + unit + "/evidence", entries);
    }

    private static Map<String, Object> entry(String criterion, String method) {
        return Map.of("criterion", criterion, "method", method, "location", "Portfolio p." + criterion);
    }

    private List<String> keys(String unit) {
        List<String> keys = new ArrayList<>();
        get("qm", "/api/units/" + unit).body().get("outcomes")
                .forEach(o -> o.get("criteria").forEach(c -> keys.add(c.get("key").asText())));
        return keys;
    }

    @Test
    void eachCriterionOfThePipelineUnitHasItsOwnKeyWhileShowingTheSpecificationsNumber() {
        JsonNode criteria = get("qm", "/api/units/L4C7").body().at("/outcomes/0/criteria");
        assertThat(criteria.findValuesAsText("key")).containsExactly("1.1", "1.2", "1.3", "1.4a", "1.4b");
        assertThat(criteria.findValuesAsText("number")).containsExactly("1.1", "1.2", "1.3", "1.4", "1.4");
        assertThat(criteria.get(4).get("text").asText()).isEqualTo(SECOND_14);
    }

    @Test
    void pipelineUnitCannotBeSignedOffUntilTheSecondCriterionNumbered14IsEvidenced() {
        long claimId = registered("provider", PIPELINE_AWARD, "assessor");
        List<Map<String, Object>> allButSecond14 = keys("L4C7").stream().filter(k -> !k.equals("1.4b"))
                .map(k -> entry(k, "OBSERVATION")).toList();
        Response recorded = evidence(claimId, "L4C7", allButSecond14);
        assertThat(recorded.status()).as(recorded.raw()).isEqualTo(200);

        Response refused = post("assessor", "/api/claims/" + claimId + "/sign-off", Map.of("units", List.of("L4C7")));
        assertThat(refused.status()).as(refused.raw()).isEqualTo(400);
        assertThat(refused.detail()).contains("no evidence yet for criteria 1.4b").contains(SECOND_14)
                .doesNotContain("1.4a");

        assertThat(evidence(claimId, "L4C7", List.of(entry("1.4b", "PRODUCT_EVIDENCE"))).status()).isEqualTo(200);
        Response signedOff = post("assessor", "/api/claims/" + claimId + "/sign-off", Map.of("units", List.of("L4C7")));
        assertThat(signedOff.status()).as(signedOff.raw()).isEqualTo(200);
        assertThat(jdbc.queryForList("select e.criterion_key from evidence e join claim_unit u on u.id = e.claim_unit_id "
                + "where u.claim_id = ? and e.criterion_number = '1.4' order by e.criterion_key", String.class, claimId))
                .containsExactly("1.4a", "1.4b");
    }

    @Test
    void aNumberSharedByTwoCriteriaIsRefusedNamingBothKeysWhileAnUnambiguousNumberIsAccepted() {
        long claimId = registered("provider", PIPELINE_AWARD, "assessor");
        Response ambiguous = evidence(claimId, "L4C7", List.of(entry("1.1", "OBSERVATION"), entry("1.4", "OBSERVATION")));
        assertThat(ambiguous.status()).as(ambiguous.raw()).isEqualTo(400);
        assertThat(ambiguous.detail()).contains("evidence[1]").contains("1.4a").contains("1.4b").contains(SECOND_14);
        assertThat(jdbc.queryForObject("select count(*) from evidence e join claim_unit u on u.id = e.claim_unit_id "
                + "where u.claim_id = ?", Integer.class, claimId)).as("nothing of a refused request is kept").isZero();

        Response plain = evidence(claimId, "L4C7", List.of(entry("2.1", "OBSERVATION")));
        assertThat(plain.status()).as(plain.raw()).isEqualTo(200);
    }

    @Test
    void assessmentFormGivesEachCriterionNumbered14ItsOwnFields() throws Exception {
        long claimId = registered("provider", PIPELINE_AWARD, "assessor");
        PageSession assessor = PageSession.login(port, "assessor");
        String path = "/assessor/claims/" + claimId + "/units/L4C7";
        String form = assessor.get(path).body();
        List<String> fields = matches(form, "name=\"(method-[^\"]+)\"");
        assertThat(fields).contains("method-1.4a", "method-1.4b").doesNotHaveDuplicates()
                .hasSize(keys("L4C7").size());

        Map<String, String> submitted = new LinkedHashMap<>();
        submitted.put("_csrf", matches(form, "name=\"_csrf\" value=\"([^\"]+)\"").get(0));
        for (String key : keys("L4C7")) {
            submitted.put("method-" + key, "OBSERVATION");
            submitted.put("location-" + key, "Portfolio page for " + key);
        }
        submitted.put("action", "signoff");
        HttpResponse<String> signedOff = assessor.post(path, submitted);
        assertThat(signedOff.statusCode()).as(signedOff.body()).isEqualTo(302);
        assertThat(signedOff.headers().firstValue("Location").orElse("")).endsWith("/claims/" + claimId);

        Map<String, String> locations = new HashMap<>();
        jdbc.query("select e.criterion_key, e.location from evidence e join claim_unit u on u.id = e.claim_unit_id "
                        + "where u.claim_id = ?", rs -> { locations.put(rs.getString(1), rs.getString(2)); }, claimId);
        assertThat(locations).containsEntry("1.4a", "Portfolio page for 1.4a")
                .containsEntry("1.4b", "Portfolio page for 1.4b");
        assertThat(claim("provider", claimId).at("/units/0/status").asText()).isNotEqualTo("AWAITING_ASSESSMENT");
    }

    @Test
    void simulatedEvidenceIsAcceptedOnlyWhereTheUnitsAssessorGuidanceAllowsIt() {
        long claimId = registered("provider", CERTIFICATE, "assessor", "L4B1", "L4C1", "L4C2", "L4S1", "L4L2");
        Response supportInSimulatedScenario = evidence(claimId, "L4L2", List.of(entry("4.4", "SIMULATION")));
        assertThat(supportInSimulatedScenario.status()).as(supportInSimulatedScenario.raw()).isEqualTo(200);

        Response understanding = evidence(claimId, "L4L2", List.of(entry("1.1", "SIMULATION")));
        assertThat(understanding.status()).as(understanding.raw()).isEqualTo(400);
        assertThat(understanding.detail()).contains("simulation is not allowed for L4L2 LO1");
        Response agility = get("qm", "/api/units/L4S6");
        assertThat(agility.body().at("/outcomes/2/simulationAllowed").asBoolean())
                .as("L4S6 LO3's \"organisational scenario\" is indicative content, not assessor guidance").isFalse();
    }

    private static List<String> matches(String html, String regex) {
        List<String> found = new ArrayList<>();
        Matcher m = Pattern.compile(regex).matcher(html);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    /** A browser-like session on the pages: form login with its CSRF token, then the session cookie. */
    record PageSession(HttpClient client, int port) {

        static PageSession login(int port, String user) throws IOException, InterruptedException {
            PageSession session = new PageSession(HttpClient.newBuilder().cookieHandler(new CookieManager())
                    .followRedirects(HttpClient.Redirect.NEVER).build(), port);
            String csrf = matches(session.get("/login").body(), "name=\"_csrf\" value=\"([^\"]+)\"").get(0);
            HttpResponse<String> in = session.post("/login", Map.of("username", user, "password", PASSWORD,
                    "_csrf", csrf));
            assertThat(in.headers().firstValue("Location").orElse("")).endsWith("/home");
            return session;
        }

        HttpResponse<String> get(String path) throws IOException, InterruptedException {
            return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> post(String path, Map<String, String> form) throws IOException, InterruptedException {
            String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
            return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
