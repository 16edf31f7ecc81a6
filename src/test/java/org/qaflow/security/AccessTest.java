package org.qaflow.security;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class AccessTest extends JourneyTestBase {

    @Test
    void apiCallsWithoutLoginAreRefusedWith401AsProblemDetails() {
        Response response = get(null, "/api/units");
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.detail()).contains("Log in");
    }

    @Test
    void aWrongPasswordIsRefused() {
        var response = http.withBasicAuth("qm", "not-demo").getForEntity("/api/units", String.class);
        assertThat(response.getStatusCode().value()).isEqualTo(401);
    }

    @Test
    void everyDemoAccountCanReadTheCatalogue() {
        for (String user : new String[] {"qm", "eqa", "provider", "assessor", "iqa"}) {
            assertThat(get(user, "/api/qualifications").status()).as(user).isEqualTo(200);
        }
    }

    @Test
    void healthAndApiDocsAnswerWithoutLogin() {
        assertThat(get(null, "/actuator/health").body().get("status").asText()).isEqualTo("UP");
        Response docs = get(null, "/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.body().at("/paths").has("/api/units/{ref}")).isTrue();
        assertThat(http.getForEntity("/swagger-ui/index.html", String.class).getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void demoPasswordsAreStoredHashed() {
        String hash = jdbc.queryForObject("select password_hash from app_user where username = 'qm'", String.class);
        assertThat(hash).startsWith("{bcrypt}").doesNotContain("demo");
    }

    @Test
    void theProcessEnginesGeneratedEndpointsCannotBeReached() {
        // They take user and group as query parameters; reachable, they would let anyone act as anyone.
        assertThat(get("provider", "/usertasks/instance?user=eqa&group=EQA").status()).isEqualTo(403);
        assertThat(get(null, "/usertasks/instance?user=eqa").status()).isIn(401, 403);
    }

    @Test
    void anAssessorIsRefusedAnotherAssessorsLearnersCertificateOnThePageThePdfAndTheApiAlike() throws Exception {
        // NSA01 has direct claim status: the certificate issues once the IQA has accepted what was sampled.
        long claimId = registered("provider", "610/3751/5", "assessor");
        assessAndSignOff("assessor", claimId, "L4B1");
        iqaAcceptsAnySample("iqa", claimId);
        assertThat(claim("assessor", claimId).get("certificateNumber").asText()).as("certificate issued").isNotBlank();

        Pages own = Pages.loggedIn(port, "assessor");
        assertThat(own.get("/certificates/" + claimId).statusCode()).isEqualTo(200);
        assertThat(own.get("/certificates/" + claimId + ".pdf").statusCode()).isEqualTo(200);
        assertThat(get("assessor", "/api/claims/" + claimId + "/certificate").status()).isEqualTo(200);

        Pages other = Pages.loggedIn(port, "bcarter");
        assertThat(get("bcarter", "/api/claims/" + claimId + "/certificate").status()).isEqualTo(403);
        HttpResponse<String> page = other.get("/certificates/" + claimId);
        assertThat(page.statusCode()).isEqualTo(403);
        assertThat(page.body()).contains("assessed by someone else");
        assertThat(other.get("/certificates/" + claimId + ".pdf").statusCode()).isEqualTo(403);
        assertThat(other.get("/claims/" + claimId).statusCode()).isEqualTo(403);
        assertThat(get("bcarter", "/api/claims/" + claimId).status()).isEqualTo(403);
    }

    @Test
    void aRuleDecisionIsReadOnlyByWhoeverAskedForItAndTheQualityManager() {
        Response asked = post("provider", "/api/rules/combination",
                Map.of("qualification", "610/3769/2", "units", List.of("L4B1", "L4C1", "L4C2", "L4S1")));
        assertThat(asked.status()).as(asked.raw()).isEqualTo(200);
        String decision = "/api/rules/decisions/" + asked.body().get("decisionId").asLong();

        assertThat(get("provider", decision).status()).isEqualTo(200);
        assertThat(get("qm", decision).status()).isEqualTo(200);
        for (String stranger : new String[] {"provider2", "assessor", "iqa", "eqa"}) {
            Response refused = get(stranger, decision);
            assertThat(refused.status()).as(stranger).isEqualTo(403);
            assertThat(refused.detail()).as(stranger).contains("asked for by someone else");
        }
        assertThat(get("provider", "/api/rules/decisions/999999999").status()).isEqualTo(404);
    }

    @Test
    void aProviderCannotLearnFromRegistrationThatAnotherCentreHasTheSameUln() {
        String uln = newUln();
        assertThat(register("provider", uln, "610/3751/5", "assessor").status()).isEqualTo(201);

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("firstName", "Rosa");
        body.put("lastName", "Elsewhere");
        body.put("dateOfBirth", "1990-02-02");
        body.put("uln", uln);
        body.put("qualification", "610/3751/5");
        body.put("assessor", "assessor2");
        Response elsewhere = post("provider2", "/api/claims", body);
        assertThat(elsewhere.status()).as("the same answer as for a ULN nobody has registered: " + elsewhere.raw())
                .isEqualTo(201);
        assertThat(elsewhere.body().get("learner").asText()).isEqualTo("Rosa Elsewhere");
        assertThat(elsewhere.body().get("centre").asText()).isEqualTo("RVT02");

        Response again = post("provider2", "/api/claims", body);
        assertThat(again.status()).as("a centre's own duplicate is still refused").isEqualTo(409);
        assertThat(again.detail()).doesNotContain("NSA01").doesNotContain("another centre");
        assertThat(get("provider", "/api/claims?size=200").raw()).as("NSA01's record is untouched")
                .contains("Learner " + uln).doesNotContain("Rosa Elsewhere");
    }

    /** A browser session on the pages (form login with its CSRF token), without a browser. */
    record Pages(HttpClient client, int port) {

        static Pages loggedIn(int port, String user) throws IOException, InterruptedException {
            Pages pages = new Pages(HttpClient.newBuilder().cookieHandler(new CookieManager())
                    .followRedirects(HttpClient.Redirect.NEVER).build(), port);
            Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(pages.get("/login").body());
            assertThat(token.find()).isTrue();
            String form = "username=" + user + "&password=" + PASSWORD + "&_csrf="
                    + URLEncoder.encode(token.group(1), StandardCharsets.UTF_8);
            HttpResponse<String> login = pages.client.send(HttpRequest.newBuilder(pages.uri("/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(login.headers().firstValue("Location")).as(user + " logged in").hasValueSatisfying(
                    location -> assertThat(location).endsWith("/home"));
            return pages;
        }

        HttpResponse<String> get(String path) throws IOException, InterruptedException {
            return client.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
        }

        private URI uri(String path) {
            return URI.create("http://localhost:" + port + path);
        }
    }
}
