package org.qaflow.learner;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.qaflow.security.AppUserRepository;
import org.qaflow.support.JourneyTestBase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The provider keeps its learners' records after registration (issue 12, items 3 to 5): eligibility judged again at
 * sign-off and verification, the assessor reassigned, a learner withdrawn or their details corrected (a replacement
 * certificate after a certificate), a ULN that names another person refused, and an EQA's declared interest keeping
 * the learner's claim out of that EQA's sample. Each action's refusals are driven too.
 */
class LearnerRecordsApiTest extends JourneyTestBase {

    private static final String ACUMEN_AWARD = "610/3751/5";          // unit L4B1
    private static final String CUSTOMER_FOCUS_AWARD = "610/3764/3";  // unit L4C8
    private static final AtomicInteger NEXT = new AtomicInteger((int) (System.nanoTime() % 100_000));

    @Autowired
    private RegistrationUpload upload;
    @Autowired
    private AppUserRepository users;

    /** A new staff member of NSA01 with a login: username and temporary password. */
    private record Person(String username, String password, String name) {
    }

    private Person addStaff(String role, String qualification) {
        String username = "rec" + NEXT.incrementAndGet();
        String name = (role.equals("IQA") ? "Ida Ireland " : "Noor Ahmed ") + username;
        Response added = post("provider", "/api/centres/NSA01/staff", Map.of("username", username, "name", name,
                "role", role, "occupationalCompetenceLevel", 5, "salesLeadershipCompetence", false));
        assertThat(added.status()).as(added.raw()).isEqualTo(201);
        qualification(username, qualification, "HELD");
        return new Person(username, added.body().get("temporaryPassword").asText(), name);
    }

    private void qualification(String username, String code, String status) {
        Response recorded = post("provider", "/api/staff/" + username + "/qualifications", Map.of("code", code,
                "status", status, "date", today().minusYears(1).toString()));
        assertThat(recorded.status()).as(recorded.raw()).isEqualTo(201);
    }

    private void cpd(String username) {
        Response recorded = post("provider", "/api/staff/" + username + "/cpd", Map.of("date",
                today().minusDays(10).toString(), "hours", 30, "salesRelated", true,
                "description", "Consultative selling"));
        assertThat(recorded.status()).as(recorded.raw()).isEqualTo(201);
    }

    private Response as(Person person, HttpMethod method, String path, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setAccept(List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON));
        ResponseEntity<String> response = http.withBasicAuth(person.username(), person.password())
                .exchange(java.net.URI.create("http://localhost:" + port + path), method,
                        new HttpEntity<>(body, headers), String.class);
        JsonNode parsed;
        try {
            parsed = response.getBody() == null ? json.nullNode() : json.readTree(response.getBody());
        } catch (java.io.IOException e) {
            parsed = json.nullNode();
        }
        return new Response(response.getStatusCode().value(), parsed, response.getBody());
    }

    private List<String> timeline(long claimId) {
        return get("provider", "/api/claims/" + claimId + "/timeline").body().findValuesAsText("what");
    }

    private String timelineDetail(String user, long claimId, String what) {
        for (JsonNode entry : get(user, "/api/claims/" + claimId + "/timeline").body()) {
            if (entry.get("what").asText().equals(what)) {
                return entry.get("detail").asText();
            }
        }
        throw new AssertionError("no '" + what + "' on the timeline of claim " + claimId);
    }

    private Response register(String uln, String firstName, String dateOfBirth, String assessor) {
        return post("provider", "/api/claims", Map.of("firstName", firstName, "lastName", "Lowe",
                "dateOfBirth", dateOfBirth, "uln", uln, "qualification", ACUMEN_AWARD, "assessor", assessor));
    }

    @Test
    void aUlnGivenForAnExistingLearnerWithAnotherNameOrDateOfBirthIsRefusedNamingBothRecords() {
        String uln = newUln();
        assertThat(register(uln, "Lara", "1994-04-04", "assessor").status()).isEqualTo(201);
        Response otherName = post("provider", "/api/claims", Map.of("firstName", "Laura", "lastName", "Lowe",
                "dateOfBirth", "1994-04-04", "uln", uln, "qualification", CUSTOMER_FOCUS_AWARD, "assessor", "assessor"));
        assertThat(otherName.status()).as(otherName.raw()).isEqualTo(409);
        assertThat(otherName.detail()).contains(uln).contains("Lara Lowe (born 1994-04-04)")
                .contains("Laura Lowe (born 1994-04-04)");
        Response otherBirthday = post("provider", "/api/claims", Map.of("firstName", "Lara", "lastName", "Lowe",
                "dateOfBirth", "1994-05-04", "uln", uln, "qualification", CUSTOMER_FOCUS_AWARD, "assessor", "assessor"));
        assertThat(otherBirthday.status()).isEqualTo(409);
        assertThat(otherBirthday.detail()).contains("Lara Lowe (born 1994-04-04)").contains("born 1994-05-04");
        // The same person (case aside) registers on a second qualification as before.
        Response same = post("provider", "/api/claims", Map.of("firstName", "LARA", "lastName", "lowe",
                "dateOfBirth", "1994-04-04", "uln", uln, "qualification", CUSTOMER_FOCUS_AWARD, "assessor", "assessor"));
        assertThat(same.status()).as(same.raw()).isEqualTo(201);
    }

    @Test
    void anUploadRefusesAUlnThatNamesTwoPeopleInTheFileOrAnotherPersonOnRecord() {
        String existing = newUln();
        assertThat(register(existing, "Omar", "1990-01-01", "assessor").status()).isEqualTo(201);
        String twice = newUln();
        String csv = String.join("\n", String.join(",", RegistrationUpload.COLUMNS),
                "Pia,Lowe,1991-02-02," + twice + "," + ACUMEN_AWARD + ",,assessor",
                "Pam,Lowe,1991-02-02," + twice + "," + CUSTOMER_FOCUS_AWARD + ",,assessor",
                "Olga,Lowe,1990-01-01," + existing + "," + CUSTOMER_FOCUS_AWARD + ",,assessor");
        RegistrationUpload.Result result = upload.importCsv(csv, users.findById("provider").orElseThrow());
        assertThat(result.imported()).isFalse();
        assertThat(result.errors()).anySatisfy(e -> {
            assertThat(e.row()).isEqualTo(3);
            assertThat(e.column()).isEqualTo("uln");
            assertThat(e.message()).contains("row 2 gives this ULN to Pia Lowe").contains("Pam Lowe");
        });
        assertThat(result.errors()).anySatisfy(e -> {
            assertThat(e.row()).isEqualTo(4);
            assertThat(e.column()).isEqualTo("uln");
            assertThat(e.message()).contains("Omar Lowe (born 1990-01-01)").contains("Olga Lowe (born 1990-01-01)");
        });
    }

    @Test
    void anAssessorNoLongerEligibleCannotSignOffAndTheProviderReassignsTheLearner() {
        Person noor = addStaff("ASSESSOR", "L3_CAVA");
        cpd(noor.username());
        long claimId = registered("provider", ACUMEN_AWARD, noor.username());
        assertThat(as(noor, HttpMethod.GET, "/api/tasks", null).body().findValuesAsText("claimId"))
                .contains(String.valueOf(claimId));
        Response recorded = as(noor, HttpMethod.POST, "/api/claims/" + claimId + "/units/L4B1/evidence",
                allEvidence("L4B1"));
        assertThat(recorded.status()).as(recorded.raw()).isEqualTo(200);

        qualification(noor.username(), "L3_CAVA", "ABANDONED");
        Response refused = as(noor, HttpMethod.POST, "/api/claims/" + claimId + "/sign-off", Map.of());
        assertThat(refused.status()).as(refused.raw()).isEqualTo(409);
        assertThat(refused.detail()).contains(noor.name() + " is no longer eligible")
                .contains("holds no recognised ASSESSOR qualification").contains("reassign");

        Response reassigned = put("provider", "/api/claims/" + claimId + "/assessor",
                Map.of("assessor", "assessor", "reason", "Noor stopped her assessor course"));
        assertThat(reassigned.status()).as(reassigned.raw()).isEqualTo(200);
        assertThat(reassigned.body().get("assessor").asText()).isEqualTo("Asha Patel");
        assertThat(timelineDetail("provider", claimId, "assessor reassigned"))
                .contains("from " + noor.name() + " (" + noor.username() + ")").contains("to Asha Patel (assessor)")
                .contains("Noor stopped her assessor course");
        // The open assessment task moved with the learner.
        assertThat(task("assessor", "AssessUnit", claimId)).isPresent();
        assertThat(as(noor, HttpMethod.GET, "/api/tasks", null).body().findValuesAsText("claimId"))
                .doesNotContain(String.valueOf(claimId));
        assertThat(as(noor, HttpMethod.GET, "/api/claims/" + claimId, null).status()).isEqualTo(403);
        assessAndSignOff("assessor", claimId, "L4B1");
    }

    @Test
    void reassigningIsRefusedToOthersAndToAnAssessorTheRulesKeepAway() {
        String uln = newUln();
        Response registered = register(uln, "Rhea", "1992-02-02", "assessor");
        long claimId = registered.body().get("id").asLong();
        String path = "/api/claims/" + claimId + "/assessor";
        Map<String, Object> toBen = Map.of("assessor", "bcarter", "reason", "Asha is on leave");

        assertThat(put("assessor", path, toBen).status()).isEqualTo(403);
        assertThat(put("qm", path, toBen).status()).isEqualTo(403);
        assertThat(put("provider2", path, toBen).status()).isEqualTo(403);
        Response noReason = put("provider", path, Map.of("assessor", "bcarter"));
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.detail()).contains("reason");
        Response otherCentre = put("provider", path, Map.of("assessor", "assessor2", "reason", "cover"));
        assertThat(otherCentre.status()).isEqualTo(400);
        assertThat(otherCentre.detail()).contains("'assessor2' is not an assessor at centre NSA01");
        Response same = put("provider", path, Map.of("assessor", "assessor", "reason", "cover"));
        assertThat(same.status()).isEqualTo(409);

        Person noor = addStaff("ASSESSOR", "L3_CAVA");
        cpd(noor.username());
        Response declared = post("provider", "/api/interests", Map.of("staff", noor.username(), "uln", uln,
                "reason", "Rhea is her cousin"));
        assertThat(declared.status()).as(declared.raw()).isEqualTo(201);
        Response kept = put("provider", path, Map.of("assessor", noor.username(), "reason", "cover"));
        assertThat(kept.status()).as(kept.raw()).isEqualTo(400);
        assertThat(kept.detail()).contains(noor.name() + " cannot assess this learner")
                .contains("declared a personal interest");
        assertThat(put("provider", "/api/claims/999999999/assessor", toBen).status()).isEqualTo(404);
    }

    @Test
    void anIqaNoLongerQualifiedCannotVerifyButTooLittleCpdOnlyWarns() {
        // No CPD at all: for an IQA the rules (cpdRequired false) warn and let them verify.
        Person ida = addStaff("IQA", "L4_IQA_AWARD");
        JsonNode eligibility = as(ida, HttpMethod.GET, "/api/staff/" + ida.username(), null).body().get("eligibility");
        assertThat(eligibility.get("eligible").asBoolean()).isTrue();
        assertThat(eligibility.get("warnings").toString()).contains("CPD");

        // Ben Carter works towards his assessor award, so every one of his decisions is sampled.
        long first = registered("provider", ACUMEN_AWARD, "bcarter");
        assessAndSignOff("bcarter", first, "L4B1");
        JsonNode verify = taskFor(ida, "VerifyDecision", first).orElseThrow();
        Response accepted = as(ida, HttpMethod.POST, "/api/tasks/" + verify.get("id").asText() + "/complete",
                Map.of("decision", "ACCEPT"));
        assertThat(accepted.status()).as(accepted.raw()).isEqualTo(200);

        long second = registered("provider", ACUMEN_AWARD, "bcarter");
        assessAndSignOff("bcarter", second, "L4B1");
        qualification(ida.username(), "L4_IQA_AWARD", "ABANDONED");
        JsonNode next = taskFor(ida, "VerifyDecision", second).orElseThrow();
        Response refused = as(ida, HttpMethod.POST, "/api/tasks/" + next.get("id").asText() + "/complete",
                Map.of("decision", "ACCEPT"));
        assertThat(refused.status()).as(refused.raw()).isEqualTo(403);
        assertThat(refused.detail()).contains(ida.name() + " may not quality-assure this decision")
                .contains("holds no recognised IQA qualification");
        iqaAcceptsAnySample("iqa", second);
    }

    private Optional<JsonNode> taskFor(Person person, String name, long claimId) {
        for (JsonNode t : as(person, HttpMethod.GET, "/api/tasks", null).body()) {
            if (t.get("name").asText().equals(name) && t.path("claimId").asLong() == claimId) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    private List<Map<String, Object>> allEvidence(String unitRef) {
        List<Map<String, Object>> evidence = new java.util.ArrayList<>();
        for (JsonNode outcome : get("qm", "/api/units/" + unitRef).body().get("outcomes")) {
            for (JsonNode criterion : outcome.get("criteria")) {
                evidence.add(Map.of("criterion", criterion.get("key").asText(), "method", "OBSERVATION",
                        "location", "Portfolio section " + criterion.get("key").asText()));
            }
        }
        return evidence;
    }

    @Test
    void aWithdrawnLearnersClaimEndsWithoutACertificateAndItsTasksAreCancelled() {
        long claimId = registered("provider", ACUMEN_AWARD, "assessor");
        assertThat(task("assessor", "AssessUnit", claimId)).isPresent();
        String path = "/api/claims/" + claimId + "/withdrawal";
        assertThat(post("assessor", path, Map.of("reason", "moved away")).status()).isEqualTo(403);
        assertThat(post("provider2", path, Map.of("reason", "moved away")).status()).isEqualTo(403);
        Response noReason = post("provider", path, Map.of());
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.detail()).contains("reason");

        Response withdrawn = post("provider", path, Map.of("reason", "The learner moved abroad"));
        assertThat(withdrawn.status()).as(withdrawn.raw()).isEqualTo(200);
        assertThat(withdrawn.body().get("status").asText()).isEqualTo("WITHDRAWN");
        assertThat(task("assessor", "AssessUnit", claimId)).isEmpty();
        assertThat(timelineDetail("provider", claimId, "learner withdrawn")).isEqualTo("The learner moved abroad");
        assertThat(post("provider", path, Map.of("reason", "again")).status()).isEqualTo(409);
        Response evidence = post("assessor", "/api/claims/" + claimId + "/units/L4B1/evidence", allEvidence("L4B1"));
        assertThat(evidence.status()).isEqualTo(409);
        assertThat(get("provider", "/api/claims/" + claimId + "/certificate").status()).isEqualTo(404);
        assertThat(status("provider", claimId)).isEqualTo("WITHDRAWN");
    }

    @Test
    void aCorrectionBeforeTheCertificateGoesOnTheTimelineAndAfterItReplacesTheCertificate() {
        String uln = newUln();
        Response registered = register(uln, "Kat", "1993-03-03", "assessor");
        long claimId = registered.body().get("id").asLong();
        String path = "/api/learners/" + uln + "/corrections";
        Map<String, Object> correction = Map.of("firstName", "Kate", "lastName", "Lowe", "dateOfBirth", "1993-03-13",
                "reason", "Passport seen: first name and day of birth were mistyped");
        assertThat(post("assessor", path, correction).status()).isEqualTo(403);
        assertThat(post("provider2", path, correction).status()).isEqualTo(404);
        Response noReason = post("provider", path, Map.of("firstName", "Kate", "lastName", "Lowe",
                "dateOfBirth", "1993-03-13"));
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.detail()).contains("reason");
        assertThat(post("provider", "/api/learners/12/corrections", correction).status()).isEqualTo(400);
        Response unchanged = post("provider", path, Map.of("firstName", "Kat", "lastName", "Lowe",
                "dateOfBirth", "1993-03-03", "reason", "checked"));
        assertThat(unchanged.status()).isEqualTo(400);

        Response corrected = post("provider", path, correction);
        assertThat(corrected.status()).as(corrected.raw()).isEqualTo(200);
        assertThat(claim("provider", claimId).get("learner").asText()).isEqualTo("Kate Lowe");
        assertThat(timelineDetail("provider", claimId, "learner record corrected"))
                .contains("Kat Lowe (born 1993-03-03) is now Kate Lowe (born 1993-03-13)").contains("Passport seen");
        assertThat(timeline(claimId)).doesNotContain("replacement certificate issued");

        // After the certificate: a replacement names the certificate it replaces, which is recorded as replaced.
        assessAndSignOff("assessor", claimId, "L4B1");
        iqaAcceptsAnySample("iqa", claimId);
        String original = get("provider", "/api/claims/" + claimId + "/certificate").body().get("number").asText();
        Response again = post("provider", path, Map.of("firstName", "Kate", "lastName", "Lowe-Grant",
                "dateOfBirth", "1993-03-13", "reason", "Surname changed by marriage"));
        assertThat(again.status()).as(again.raw()).isEqualTo(200);
        assertThat(again.body().at("/claims/0/replaces").asText()).isEqualTo(original);
        JsonNode certificate = get("provider", "/api/claims/" + claimId + "/certificate").body();
        assertThat(certificate.get("number").asText()).isEqualTo(original + "-R1");
        assertThat(certificate.get("replaces").asText()).isEqualTo(original);
        assertThat(certificate.get("learner").asText()).isEqualTo("Kate Lowe-Grant");
        assertThat(timelineDetail("provider", claimId, "replacement certificate issued"))
                .contains(original + "-R1 replaces " + original);
        assertThat(jdbc.queryForObject("select replaced_by from replaced_certificate where certificate_number = ?",
                String.class, original)).isEqualTo(original + "-R1");
    }

    @Test
    void anEqaWithADeclaredInterestInALearnerDoesNotSampleTheirClaim() {
        // RVT02 releases claims after a remote review, so this leaves it as it was (SUM03, which other journeys need
        // never visited, is not touched). A review opened before this claim waits would not draw from it: finish it.
        if (visitTask("eqa", "ConductVisit", "RVT02").isPresent()) {
            eqaVisit("eqa", "RVT02", "SATISFACTORY");
        }
        String uln = newUln();
        Response registered = post("provider2", "/api/claims", Map.of("firstName", "Eli", "lastName", "Lowe",
                "dateOfBirth", "1991-01-01", "uln", uln, "qualification", ACUMEN_AWARD, "assessor", "assessor2"));
        assertThat(registered.status()).as(registered.raw()).isEqualTo(201);
        long claimId = registered.body().get("id").asLong();
        Response declared = post("eqa", "/api/interests", Map.of("staff", "eqa", "uln", uln,
                "reason", "Eli is my nephew"));
        assertThat(declared.status()).as(declared.raw()).isEqualTo(201);
        assessAndSignOff("assessor2", claimId, "L4B1");
        iqaAcceptsAnySample("iqa2", claimId);

        JsonNode review = visitTask("eqa", "ConductVisit", "RVT02").orElseThrow(() -> new AssertionError(
                "a remote review is opened for the waiting claim: " + tasks("eqa")));
        JsonNode visit = get("eqa", "/api/visits/" + review.get("visitId").asLong()).body();
        assertThat(visit.get("sample").findValuesAsText("claimId")).doesNotContain(String.valueOf(claimId));
        assertThat(timelineDetail("provider2", claimId, "left out of the EQA sample"))
                .contains("eqa has declared a personal interest in the learner");
        eqaVisit("eqa", "RVT02", "SATISFACTORY");
    }
}
