package org.qaflow.centre;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.qaflow.support.JourneyTestBase;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The quality manager onboards and oversees centres over the API: creates, approves (and suspends approval), rates the
 * risk with a reason, appoints the EQA. Everyone else is refused, bad input is named, and every change is on the trail.
 */
class CentreAdministrationApiTest extends JourneyTestBase {

    private static final AtomicInteger NEXT = new AtomicInteger((int) (System.nanoTime() % 9000));
    /** An Award no centre test registers on, and RVT02 is not approved for in the sample data. */
    private static final String STRATEGY_AWARD = "610/3752/7";

    private static String newCode() {
        return "T" + NEXT.incrementAndGet();
    }

    private Response create(String user, String code) {
        return post(user, "/api/centres", Map.of("code", code, "name", "Test Centre " + code, "riskRating", "MEDIUM"));
    }

    @Test
    void theQualityManagerCreatesAndApprovesACentreAndTheTrailSaysWhoAndWhen() {
        String code = newCode();
        Response created = create("qm", code);
        assertThat(created.status()).as(created.raw()).isEqualTo(201);
        assertThat(created.body().get("riskRating").asText()).isEqualTo("MEDIUM");
        assertThat(created.body().get("approvals")).isEmpty();
        assertThat(created.body().get("eqa").isNull()).isTrue();

        Response approved = post("qm", "/api/centres/" + code + "/approvals", Map.of("qualification", "610-3769-2"));
        assertThat(approved.status()).as(approved.raw()).isEqualTo(201);
        JsonNode approval = approved.body().get("approvals").get(0);
        assertThat(approval.get("qualification").asText()).isEqualTo("610/3769/2");
        assertThat(approval.get("approvedOn").asText()).isEqualTo(today().toString());
        assertThat(approval.get("approvedBy").asText()).isEqualTo("qm");

        Response again = post("qm", "/api/centres/" + code + "/approvals", Map.of("qualification", "610/3769/2"));
        assertThat(again.status()).as(again.raw()).isEqualTo(409);
        assertThat(again.detail()).contains("already approved for 610/3769/2");

        Response duplicate = create("qm", code);
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.detail()).contains(code).contains("already exists");

        assertThat(get("qm", "/api/centres/" + code).body().get("name").asText()).isEqualTo("Test Centre " + code);
        List<String> trail = actions(code);
        assertThat(trail).containsExactly("centre created by qm", "approved by qm");
    }

    @Test
    void aNewCentreGetsAProviderWhoLogsInWithTheTemporaryPasswordAndKeepsOnlyItsOwnCentre() {
        String code = newCode();
        assertThat(create("qm", code).status()).isEqualTo(201);
        String username = "prov" + code.toLowerCase();
        Map<String, Object> provider = Map.of("username", username, "name", "Priya Shah");

        assertThat(post("provider", "/api/centres/" + code + "/providers", provider).status())
                .as("another centre's provider").isEqualTo(403);
        Response badName = post("qm", "/api/centres/" + code + "/providers", Map.of("username", "A B", "name", "X"));
        assertThat(badName.status()).isEqualTo(400);
        assertThat(badName.detail()).contains("username");
        assertThat(post("qm", "/api/centres/NOPE99/providers", provider).status()).isEqualTo(404);

        Response added = post("qm", "/api/centres/" + code + "/providers", provider);
        assertThat(added.status()).as(added.raw()).isEqualTo(201);
        assertThat(added.body().get("centre").asText()).isEqualTo(code);
        String password = added.body().get("temporaryPassword").asText();
        assertThat(password).hasSizeGreaterThanOrEqualTo(12);
        Response taken = post("qm", "/api/centres/" + code + "/providers", provider);
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.detail()).contains(username).contains("taken");

        // The new provider starts the centre: adds an assessor to it, and sees no other centre.
        var client = http.withBasicAuth(username, password);
        var staff = client.postForEntity("/api/centres/" + code + "/staff", Map.of("username", "as" + code.toLowerCase(),
                "name", "Tom Reed", "role", "ASSESSOR", "occupationalCompetenceLevel", 5,
                "salesLeadershipCompetence", false), String.class);
        assertThat(staff.getStatusCode().value()).as(staff.getBody()).isEqualTo(201);
        assertThat(client.getForEntity("/api/centres/RVT02/staff", String.class).getStatusCode().value())
                .isEqualTo(403);
        assertThat(actions(code)).contains("provider account added by qm");
    }

    @Test
    void onlyTheQualityManagerAdministersCentresAndBadInputIsNamed() {
        String code = newCode();
        assertThat(create("provider", code).status()).isEqualTo(403);
        assertThat(create("eqa", code).status()).isEqualTo(403);
        assertThat(get("qm", "/api/centres/" + code).status()).as("nothing was created").isEqualTo(404);

        Response noName = post("qm", "/api/centres", Map.of("code", code, "riskRating", "LOW"));
        assertThat(noName.status()).isEqualTo(400);
        assertThat(noName.detail()).startsWith("name: required");
        Response unknownField = post("qm", "/api/centres", Map.of("code", code, "name", "X", "riskRating", "LOW",
                "rating", "LOW"));
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(unknownField.detail()).contains("rating: unknown field");
        Response badRisk = post("qm", "/api/centres", Map.of("code", code, "name", "X", "riskRating", "SEVERE"));
        assertThat(badRisk.status()).isEqualTo(400);
        assertThat(badRisk.detail()).contains("riskRating");
        Response badCode = post("qm", "/api/centres", Map.of("code", "a b", "name", "X", "riskRating", "LOW"));
        assertThat(badCode.status()).isEqualTo(400);
        assertThat(badCode.detail()).startsWith("code:");

        assertThat(create("qm", code).status()).isEqualTo(201);
        assertThat(post("provider", "/api/centres/" + code + "/approvals", Map.of("qualification", "610/3769/2"))
                .status()).isEqualTo(403);
        Response unknownQualification = post("qm", "/api/centres/" + code + "/approvals",
                Map.of("qualification", "999/9999/9"));
        assertThat(unknownQualification.status()).isEqualTo(400);
        assertThat(unknownQualification.detail()).isEqualTo("qualification: 999/9999/9 is not in the catalogue");
        assertThat(post("qm", "/api/centres/NOPE1/approvals", Map.of("qualification", "610/3769/2")).status())
                .isEqualTo(404);
        assertThat(put("provider", "/api/centres/" + code + "/risk", Map.of("riskRating", "LOW", "reason", "x"))
                .status()).isEqualTo(403);
        assertThat(put("eqa", "/api/centres/" + code + "/eqa", Map.of("eqa", "eqa")).status()).isEqualTo(403);
        assertThat(get("provider", "/api/centres/" + code).status()).as("not the provider's centre").isEqualTo(403);
        assertThat(actions(code)).containsExactly("centre created by qm");
    }

    @Test
    void aRiskRatingChangeNeedsAReasonAndEveryChangeIsKept() {
        String code = newCode();
        create("qm", code);
        Response noReason = put("qm", "/api/centres/" + code + "/risk", Map.of("riskRating", "HIGH"));
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.detail()).startsWith("reason: required");

        assertThat(put("qm", "/api/centres/" + code + "/risk",
                Map.of("riskRating", "HIGH", "reason", "Two IQAs left")).status()).isEqualTo(200);
        Response lower = put("qm", "/api/centres/" + code + "/risk",
                Map.of("riskRating", "LOW", "reason", "New IQA team, clean visit"));
        assertThat(lower.status()).isEqualTo(200);
        assertThat(lower.body().get("riskRating").asText()).isEqualTo("LOW");
        List<String> history = StreamSupport.stream(lower.body().get("riskHistory").spliterator(), false)
                .map(e -> e.get("detail").asText()).toList();
        assertThat(history).containsExactly("Test Centre " + code + ", risk rating MEDIUM",
                "MEDIUM to HIGH: Two IQAs left", "HIGH to LOW: New IQA team, clean visit");
    }

    @Test
    void aSuspendedApprovalRefusesRegistrationsUntilTheQualificationIsApprovedAgain() {
        Response approved = post("qm", "/api/centres/RVT02/approvals", Map.of("qualification", STRATEGY_AWARD));
        assertThat(approved.status()).as(approved.raw()).isEqualTo(201);
        assertThat(register("provider2", newUln(), STRATEGY_AWARD, "assessor2").status()).isEqualTo(201);

        Response noReason = post("qm", "/api/centres/RVT02/approvals/610-3752-7/suspension", Map.of());
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.detail()).startsWith("reason: required");
        assertThat(post("provider2", "/api/centres/RVT02/approvals/610-3752-7/suspension",
                Map.of("reason", "mine")).status()).isEqualTo(403);
        Response suspended = post("qm", "/api/centres/RVT02/approvals/610-3752-7/suspension",
                Map.of("reason", "Malpractice investigation"));
        assertThat(suspended.status()).as(suspended.raw()).isEqualTo(200);

        Response refused = register("provider2", newUln(), STRATEGY_AWARD, "assessor2");
        assertThat(refused.status()).isEqualTo(400);
        // Named as a problem of the qualification field, as every registration problem is.
        assertThat(refused.detail()).isEqualTo("qualification: Centre RVT02's approval for " + STRATEGY_AWARD + " is suspended since "
                + today() + " (Malpractice investigation)");

        Response reinstated = post("qm", "/api/centres/RVT02/approvals", Map.of("qualification", STRATEGY_AWARD));
        assertThat(reinstated.status()).isEqualTo(201);
        assertThat(register("provider2", newUln(), STRATEGY_AWARD, "assessor2").status()).isEqualTo(201);
        assertThat(actions("RVT02")).containsSubsequence("approved by qm", "approval suspended by qm",
                "approval reinstated by qm");
    }

    @Test
    void anEqaWithADeclaredLinkToTheCentreCannotBeAppointedToIt() {
        String code = newCode();
        create("qm", code);
        Response link = post("eqa", "/api/interests", Map.of("staff", "eqa", "centre", code,
                "reason", "My brother owns the centre"));
        assertThat(link.status()).as(link.raw()).isEqualTo(201);

        Response refused = put("qm", "/api/centres/" + code + "/eqa", Map.of("eqa", "eqa"));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.detail()).contains("(eqa) cannot be the EQA of centre " + code)
                .contains("centre " + code + " (My brother owns the centre)");

        Response notAnEqa = put("qm", "/api/centres/" + code + "/eqa", Map.of("eqa", "assessor"));
        assertThat(notAnEqa.status()).isEqualTo(400);
        assertThat(notAnEqa.detail()).isEqualTo("eqa: 'assessor' is not an EQA");

        Response appointed = put("qm", "/api/centres/" + code + "/eqa", Map.of("eqa", "eqa2"));
        assertThat(appointed.status()).as(appointed.raw()).isEqualTo(200);
        assertThat(appointed.body().get("eqa").asText()).isEqualTo("eqa2");
        assertThat(get("eqa2", "/api/centres/" + code).status()).as("the EQA now sees the centre").isEqualTo(200);
        assertThat(actions(code)).contains("EQA appointed by qm");
    }

    @Test
    void anEqaWithAnInterestInOneOfTheCentresLearnersCannotBeAppointedToIt() {
        // Ava Hughes is a learner of NSA01 in the sample data; eqa (Riverside, Summit) declares knowing her.
        Response interest = post("eqa", "/api/interests", Map.of("staff", "eqa", "learner",
                Map.of("firstName", "Ava", "lastName", "Hughes", "dateOfBirth", "2000-04-27"),
                "reason", "Ava is my niece"));
        assertThat(interest.status()).as(interest.raw()).isEqualTo(201);

        Response refused = put("qm", "/api/centres/NSA01/eqa", Map.of("eqa", "eqa"));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.detail()).contains("Ava Hughes (born 2000-04-27) (Ava is my niece)");
        assertThat(get("qm", "/api/centres/NSA01").body().get("eqa").asText()).isEqualTo("eqa2");
    }

    private List<String> actions(String code) {
        Response history = get("qm", "/api/centres/" + code + "/history");
        assertThat(history.status()).as(history.raw()).isEqualTo(200);
        return StreamSupport.stream(history.body().spliterator(), false)
                .map(e -> e.get("action").asText() + " by " + e.get("by").asText()).toList();
    }
}
