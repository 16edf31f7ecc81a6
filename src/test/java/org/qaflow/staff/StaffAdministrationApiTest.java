package org.qaflow.staff;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.qaflow.support.JourneyTestBase;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpMethod;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A provider keeps its centre's assessors and IQAs over the API: adds them with a login, records qualifications and
 * CPD, deactivates them; the eligibility shown is the rules' answer for today with what would keep them eligible.
 * Other centres, other roles and bad input are refused, naming why.
 */
class StaffAdministrationApiTest extends JourneyTestBase {

    private static final AtomicInteger NEXT = new AtomicInteger((int) (System.nanoTime() % 100_000));
    private static final String CERTIFICATE = "610/3769/2";

    private static String newUsername() {
        return "staff" + NEXT.incrementAndGet();
    }

    private Response addAssessor(String provider, String centre, String username) {
        return post(provider, "/api/centres/" + centre + "/staff", Map.of("username", username, "name",
                "Nia Okafor " + username, "role", "ASSESSOR", "occupationalCompetenceLevel", 5,
                "salesLeadershipCompetence", false));
    }

    private Response cpd(String user, String staff, LocalDate date, double hours) {
        return post(user, "/api/staff/" + staff + "/cpd", Map.of("date", date.toString(), "hours", hours,
                "salesRelated", true, "description", "Solution selling course"));
    }

    @Test
    void aProviderAddsAnAssessorWhoLogsInAndBecomesEligibleOnceQualifiedWithEnoughCpd() {
        String username = newUsername();
        Response added = addAssessor("provider", "NSA01", username);
        assertThat(added.status()).as(added.raw()).isEqualTo(201);
        String password = added.body().get("temporaryPassword").asText();
        assertThat(password).hasSizeGreaterThanOrEqualTo(12);
        JsonNode eligibility = added.body().get("eligibility");
        assertThat(eligibility.get("eligible").asBoolean()).isFalse();
        assertThat(eligibility.get("reasons").toString()).contains("holds no recognised ASSESSOR qualification");
        assertThat(eligibility.get("toBeEligible").toString()).contains("needs 24 more hours of sales-related CPD");

        // The person logs in with the temporary password and sees themself.
        var own = http.withBasicAuth(username, password).getForEntity("/api/staff/" + username, String.class);
        assertThat(own.getStatusCode().value()).as(own.getBody()).isEqualTo(200);

        Response qualified = post("provider", "/api/staff/" + username + "/qualifications",
                Map.of("code", "L3_CAVA", "status", "HELD", "date", today().minusYears(2).toString()));
        assertThat(qualified.status()).as(qualified.raw()).isEqualTo(201);
        assertThat(qualified.body().get("qualifications").get(0).get("date").asText())
                .isEqualTo(today().minusYears(2).toString());
        assertThat(qualified.body().get("eligibility").get("eligible").asBoolean()).as("CPD still short").isFalse();

        LocalDate attended = today().minusDays(10);
        Response topped = cpd("provider", username, attended, 24);
        assertThat(topped.status()).as(topped.raw()).isEqualTo(201);
        JsonNode now = topped.body().get("eligibility");
        assertThat(now.get("eligible").asBoolean()).as(now.toString()).isTrue();
        assertThat(now.get("qualifiedBy").toString()).contains("L3_CAVA");
        assertThat(now.get("toBeEligible").toString())
                .contains("needs 24 more hours of sales-related CPD by " + attended.plusMonths(12));

        assertThat(register("provider", newUln(), CERTIFICATE.replace("3769/2", "3751/5"), username).status())
                .as("the new assessor can be assigned").isEqualTo(201);

        List<String> trail = StreamSupport.stream(get("provider", "/api/centres/NSA01/history").body().spliterator(),
                false).filter(e -> username.equals(e.path("subject").asText()))
                .map(e -> e.get("action").asText() + " by " + e.get("by").asText()).toList();
        assertThat(trail).containsExactly("staff added by provider", "qualification recorded by provider",
                "CPD recorded by provider");
    }

    @Test
    void theDemoAssessorWhoseCpdAgesOutIsToppedUpAndStaysEligible() {
        JsonNode asha = get("provider", "/api/staff/assessor").body();
        assertThat(asha.get("eligibility").get("eligible").asBoolean()).isTrue();
        // Her oldest sales-related CPD leaves the rules' 12-month window on this day (relative to the sample data).
        LocalDate oldest = StreamSupport.stream(asha.get("cpd").spliterator(), false)
                .map(c -> LocalDate.parse(c.get("date").asText())).min(LocalDate::compareTo).orElseThrow();
        LocalDate ageOut = oldest.plusMonths(12);
        assertThat(ageOut).isAfter(today());
        assertThat(asha.get("eligibility").get("toBeEligible").toString())
                .contains("needs 10 more hours of sales-related CPD by " + ageOut);

        JsonNode then = get("provider", "/api/staff/assessor?asOf=" + ageOut).body().get("eligibility");
        assertThat(then.get("eligible").asBoolean()).as("her CPD has aged out on " + ageOut).isFalse();
        assertThat(then.get("reasons").toString()).contains("hours of sales-related CPD");

        assertThat(cpd("provider", "assessor", today(), 10).status()).isEqualTo(201);
        JsonNode after = get("provider", "/api/staff/assessor?asOf=" + ageOut).body().get("eligibility");
        assertThat(after.get("eligible").asBoolean()).as(after.toString()).isTrue();
        assertThat(get("provider", "/api/staff/assessor").body().get("eligibility").get("toBeEligible").toString())
                .doesNotContain("by " + ageOut);
    }

    @Test
    void anotherCentreAnotherRoleOrBadInputIsRefusedNamingWhy() {
        String username = newUsername();
        assertThat(addAssessor("provider2", "NSA01", username).status()).as("another centre").isEqualTo(403);
        assertThat(addAssessor("assessor", "NSA01", username).status()).as("not a provider").isEqualTo(403);
        assertThat(addAssessor("provider", "NOPE1", username).status()).isEqualTo(404);
        assertThat(get("provider", "/api/staff/" + username).status()).as("nothing was added").isEqualTo(404);

        Map<String, Object> noRole = new LinkedHashMap<>(Map.of("username", username, "name", "X",
                "occupationalCompetenceLevel", 5, "salesLeadershipCompetence", false));
        Response missingRole = post("provider", "/api/centres/NSA01/staff", noRole);
        assertThat(missingRole.status()).isEqualTo(400);
        assertThat(missingRole.detail()).startsWith("role: required");
        noRole.put("role", "ASSESSOR");
        noRole.remove("salesLeadershipCompetence");
        Response missingFlag = post("provider", "/api/centres/NSA01/staff", noRole);
        assertThat(missingFlag.status()).isEqualTo(400);
        assertThat(missingFlag.detail()).startsWith("salesLeadershipCompetence: required");
        noRole.put("salesLeadershipCompetence", false);
        noRole.put("password", "secret");
        Response unknown = post("provider", "/api/centres/NSA01/staff", noRole);
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.detail()).contains("password: unknown field");

        assertThat(addAssessor("provider", "NSA01", username).status()).isEqualTo(201);
        Response taken = addAssessor("provider", "NSA01", username);
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.detail()).contains("username: '" + username + "' is taken");
        assertThat(addAssessor("provider", "NSA01", "assessor").status()).as("a demo login").isEqualTo(409);

        assertThat(cpd("provider2", username, today(), 5).status()).as("another centre's staff").isEqualTo(403);
        assertThat(cpd("assessor", username, today(), 5).status()).as("a colleague").isEqualTo(403);
        assertThat(get("provider2", "/api/staff/" + username).status()).isEqualTo(403);
        Response future = cpd("provider", username, today().plusDays(3), 5);
        assertThat(future.status()).isEqualTo(400);
        assertThat(future.detail()).startsWith("date:");
        Response negative = cpd("provider", username, today(), -2);
        assertThat(negative.status()).isEqualTo(400);
        assertThat(negative.detail()).startsWith("hours: at least 0.25 hours");

        Response iqaCode = post("provider", "/api/staff/" + username + "/qualifications",
                Map.of("code", "D34", "status", "HELD", "date", today().toString()));
        assertThat(iqaCode.status()).isEqualTo(400);
        assertThat(iqaCode.detail()).isEqualTo("code: D34 is not a qualification the rules recognise for an ASSESSOR; "
                + "known: A1, D32, D33, L3_ACWE, L3_CAVA");
        Response noStatus = post("provider", "/api/staff/" + username + "/qualifications",
                Map.of("code", "A1", "date", today().toString()));
        assertThat(noStatus.status()).isEqualTo(400);
        assertThat(noStatus.detail()).startsWith("status: required");

        JsonNode unchanged = get("provider", "/api/staff/" + username).body();
        assertThat(unchanged.get("cpd")).isEmpty();
        assertThat(unchanged.get("qualifications")).isEmpty();
    }

    @Test
    void aDeactivatedAssessorCanNeitherLogInNorBeAssigned() {
        String username = newUsername();
        String password = addAssessor("provider", "NSA01", username).body().get("temporaryPassword").asText();
        post("provider", "/api/staff/" + username + "/qualifications",
                Map.of("code", "A1", "status", "HELD", "date", today().minusYears(1).toString()));
        cpd("provider", username, today().minusDays(3), 30);
        var before = http.withBasicAuth(username, password).exchange("/api/staff/" + username, HttpMethod.GET,
                HttpEntity.EMPTY, String.class);
        assertThat(before.getStatusCode().value()).isEqualTo(200);

        assertThat(post("provider2", "/api/staff/" + username + "/deactivation", Map.of("reason", "left"))
                .status()).isEqualTo(403);
        Response noReason = post("provider", "/api/staff/" + username + "/deactivation", Map.of());
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.detail()).startsWith("reason: required");
        Response gone = post("provider", "/api/staff/" + username + "/deactivation", Map.of("reason", "Left the centre"));
        assertThat(gone.status()).as(gone.raw()).isEqualTo(200);
        assertThat(gone.body().get("active").asBoolean()).isFalse();
        assertThat(post("provider", "/api/staff/" + username + "/deactivation", Map.of("reason", "again")).status())
                .isEqualTo(409);

        Response refused = register("provider", newUln(), "610/3751/5", username);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.detail()).contains("(" + username + ") has been deactivated at centre NSA01");
        // Refused whether the login was still remembered from before (403) or checked afresh (401).
        var after = http.withBasicAuth(username, password).exchange("/api/staff/" + username, HttpMethod.GET,
                HttpEntity.EMPTY, String.class);
        assertThat(after.getStatusCode().value()).as(after.getBody()).isIn(401, 403);
    }

    @Test
    void anInterestDeclaredBeforeRegistrationKeepsThatAssessorAwayFromTheLearner() {
        String born = "1990-02-03";
        Response declared = post("assessor", "/api/interests", Map.of("staff", "assessor", "learner",
                Map.of("firstName", "Rosa", "lastName", "Patel-Lind", "dateOfBirth", born),
                "reason", "Rosa is my sister-in-law"));
        assertThat(declared.status()).as(declared.raw()).isEqualTo(201);
        assertThat(declared.body().get("declaredBy").asText()).isEqualTo("assessor");

        Map<String, Object> rosa = Map.of("firstName", "rosa", "lastName", "Patel-Lind", "dateOfBirth", born,
                "uln", newUln(), "qualification", "610/3751/5", "assessor", "assessor");
        Response refused = post("provider", "/api/claims", rosa);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.detail()).contains("Asha Patel cannot assess this learner")
                .contains("has declared a personal interest in this learner's result");
        Map<String, Object> withBen = new LinkedHashMap<>(rosa);
        withBen.put("assessor", "bcarter");
        assertThat(post("provider", "/api/claims", withBen).status()).as("a colleague may").isEqualTo(201);

        // The provider declares for its own staff by ULN, here for a learner registered already at another centre.
        String uln = newUln();
        Response byUln = post("provider", "/api/interests", Map.of("staff", "bcarter", "uln", uln,
                "reason", "Former business partner"));
        assertThat(byUln.status()).as(byUln.raw()).isEqualTo(201);
        Response refusedByUln = register("provider", uln, "610/3751/5", "bcarter");
        assertThat(refusedByUln.status()).isEqualTo(400);
        assertThat(refusedByUln.detail()).contains("has declared a personal interest");
    }

    @Test
    void interestsAreDeclaredByThePersonTheirProviderOrTheQualityManagerWithOneLearner() {
        Map<String, Object> forBen = Map.of("staff", "bcarter", "uln", newUln(), "reason", "neighbour");
        assertThat(post("assessor", "/api/interests", forBen).status()).as("a colleague").isEqualTo(403);
        assertThat(post("provider2", "/api/interests", forBen).status()).as("another centre").isEqualTo(403);
        assertThat(post("eqa", "/api/interests", forBen).status()).as("an EQA for someone else").isEqualTo(403);
        assertThat(post("qm", "/api/interests", forBen).status()).isEqualTo(201);

        Response both = post("provider", "/api/interests", Map.of("staff", "bcarter", "uln", newUln(), "learner",
                Map.of("firstName", "A", "lastName", "B", "dateOfBirth", "1990-01-01"), "reason", "x"));
        assertThat(both.status()).isEqualTo(400);
        assertThat(both.detail()).startsWith("Give exactly one of uln");
        Response neither = post("provider", "/api/interests", Map.of("staff", "bcarter", "reason", "x"));
        assertThat(neither.status()).isEqualTo(400);
        Response noReason = post("provider", "/api/interests", Map.of("staff", "bcarter", "uln", newUln()));
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.detail()).startsWith("reason: required");
        Response badUln = post("provider", "/api/interests", Map.of("staff", "bcarter", "uln", "12", "reason", "x"));
        assertThat(badUln.status()).isEqualTo(400);
        assertThat(badUln.detail()).startsWith("uln: a Unique Learner Number is ten digits");
        Response nobody = post("qm", "/api/interests", Map.of("staff", "nobody", "uln", newUln(), "reason", "x"));
        assertThat(nobody.status()).isEqualTo(400);
        assertThat(nobody.detail()).startsWith("staff: 'nobody' is neither");
        Response centreLink = post("assessor", "/api/interests", Map.of("staff", "assessor", "centre", "RVT02",
                "reason", "x"));
        assertThat(centreLink.status()).isEqualTo(400);
        assertThat(centreLink.detail()).startsWith("centre: a link with a whole centre is declared by an EQA");
    }
}
