package org.qaflow.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.qaflow.support.JourneyTestBase;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Whole journeys, registration to certificate, driven through the API as the demo users. */
class ClaimJourneyTest extends JourneyTestBase {

    private static final String ACUMEN_AWARD = "610/3751/5";          // unit L4B1
    private static final String CUSTOMER_FOCUS_AWARD = "610/3764/3";  // unit L4C8

    @Test
    void directClaimCentreLearnerGetsACertificateOnceTheUnitIsVerified() {
        long claimId = registered("provider", ACUMEN_AWARD, "assessor");
        assertThat(status("provider", claimId)).isEqualTo("AWAITING_ASSESSMENT");
        assertThat(task("assessor", "AssessUnit", claimId)).isPresent();

        assessAndSignOff("assessor", claimId, "L4B1");
        iqaAcceptsAnySample("iqa", claimId);

        JsonNode claim = claim("provider", claimId);
        assertThat(claim.get("status").asText()).isEqualTo("CERTIFICATE_ISSUED");
        Response certificate = get("provider", "/api/claims/" + claimId + "/certificate");
        assertThat(certificate.body().get("number").asText()).startsWith("QF-");
        assertThat(certificate.body().get("qualificationTitle").asText())
                .isEqualTo("Level 4 Award in Developing Commercial and Financial Acumen");
        List<String> steps = get("provider", "/api/claims/" + claimId + "/timeline").body().findValuesAsText("what");
        assertThat(steps).contains("registered", "unit signed off by the assessor", "unit verified",
                "rules of combination met", "certificate issued");
        assertThat(get("provider", "/api/claims/" + claimId + "/timeline").body().findValuesAsText("ruleSetVersion"))
                .anyMatch(v -> !v.equals("null"));
    }

    @Test
    void iqaReferralSendsTheUnitBackToTheAssessorWhoReworksAndResubmits() {
        // Ben Carter works towards his assessor award, so every one of his decisions is sampled, in any test order.
        long claimId = registered("provider", ACUMEN_AWARD, "bcarter");
        assessAndSignOff("bcarter", claimId, "L4B1");
        JsonNode verify = task("iqa", "VerifyDecision", claimId).orElseThrow();
        assertThat(claim("provider", claimId).at("/units/0/status").asText()).isEqualTo("SAMPLED_FOR_IQA");
        Response noReason = complete("iqa", verify.get("id").asText(), Map.of("decision", "REFER"));
        assertThat(noReason.status()).isEqualTo(400);
        assertThat(noReason.detail()).contains("reason");

        Response referred = complete("iqa", verify.get("id").asText(),
                Map.of("decision", "REFER", "reason", "Evidence for 2.2 does not show the prospect's viability"));
        assertThat(referred.status()).as(referred.raw()).isEqualTo(200);
        assertThat(claim("provider", claimId).at("/units/0/status").asText()).isEqualTo("REFERRED_BACK");
        assertThat(task("bcarter", "AssessUnit", claimId)).isPresent();

        Response resubmitted = post("bcarter", "/api/claims/" + claimId + "/sign-off", Map.of());
        assertThat(resubmitted.status()).as(resubmitted.raw()).isEqualTo(200);
        iqaAcceptsAnySample("iqa", claimId);
        assertThat(status("provider", claimId)).isEqualTo("CERTIFICATE_ISSUED");
        assertThat(get("provider", "/api/claims/" + claimId + "/timeline").raw())
                .contains("referred back to the assessor").contains("does not show the prospect");
    }

    /** Needs Summit (SUM03) never visited: ClaimProcessTest visits it, and runs after this class (name order, ApiTestBase). */
    @Test
    void newCentreIsHeldAtAwaitingFirstEqaVisitThenReleasedByASatisfactoryVisit() {
        long claimId = registered("provider3", CUSTOMER_FOCUS_AWARD, "assessor3");
        assertThat(visitTask("eqa", "PlanVisit", "SUM03")).as("the EQA is asked to plan the first visit").isPresent();

        assessAndSignOff("assessor3", claimId, "L4C8");
        iqaAcceptsAnySample("iqa3", claimId);
        JsonNode held = claim("provider3", claimId);
        assertThat(held.get("status").asText()).isEqualTo("AWAITING_FIRST_EQA_VISIT");
        assertThat(held.get("waitingOn").asText()).isEqualTo("waiting for the first EQA visit");
        assertThat(get("provider3", "/api/claims/" + claimId + "/certificate").status()).isEqualTo(404);

        eqaVisit("eqa", "SUM03", "SATISFACTORY");
        assertThat(status("provider3", claimId)).isEqualTo("CERTIFICATE_ISSUED");
    }

    @Test
    void anUnsatisfactoryVisitHoldsClaimsUntilASatisfactoryOne() {
        assertThat(post("eqa", "/api/visits", Map.of("centre", "RVT02")).status()).isIn(201, 409);
        eqaVisit("eqa", "RVT02", "UNSATISFACTORY");

        long claimId = registered("provider2", ACUMEN_AWARD, "assessor2");
        assessAndSignOff("assessor2", claimId, "L4B1");
        iqaAcceptsAnySample("iqa2", claimId);
        JsonNode held = claim("provider2", claimId);
        assertThat(held.get("status").asText()).isEqualTo("HELD_BY_EQA");
        assertThat(held.get("waitingOn").asText()).isEqualTo("held after an unsatisfactory EQA visit");
        assertThat(visitTask("eqa", "PlanVisit", "RVT02")).as("a visit is opened for the held claim").isPresent();

        eqaVisit("eqa", "RVT02", "SATISFACTORY");
        assertThat(status("provider2", claimId)).isEqualTo("CERTIFICATE_ISSUED");
    }

    @Test
    void anIneligibleAssessorCannotBeAssigned() {
        Response cpdShort = register("provider2", newUln(), ACUMEN_AWARD, "cdavies");
        assertThat(cpdShort.status()).isEqualTo(400);
        assertThat(cpdShort.detail()).contains("Chloe Davies").containsIgnoringCase("CPD");
        Response d32Only = register("provider2", newUln(), ACUMEN_AWARD, "devans");
        assertThat(d32Only.status()).isEqualTo(400);
        assertThat(d32Only.detail()).contains("D33");
        Response lowCompetence = register("provider2", newUln(), ACUMEN_AWARD, "efox");
        assertThat(lowCompetence.status()).isEqualTo(400);
        assertThat(lowCompetence.detail()).containsIgnoringCase("competence");
    }

    @Test
    void anAssessorWithADeclaredInterestCannotAssessThatLearner() {
        // Ben Carter declared that learner 1000000111 (Sophia Carter) is his daughter.
        // Registered as the record has her: the same ULN under another name would be refused as another person.
        Response refused = post("provider", "/api/claims", Map.of("firstName", "Sophia", "lastName", "Carter",
                "dateOfBirth", "2003-05-16", "uln", "1000000111", "qualification", ACUMEN_AWARD, "assessor", "bcarter"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.detail()).containsIgnoringCase("interest");
        assertThat(register("provider", newUln(), ACUMEN_AWARD, "bcarter").status()).isEqualTo(201);
    }

    @Test
    void registrationRefusesUnderageLearnersUnapprovedQualificationsAndDuplicates() {
        Map<String, Object> minor = Map.of("firstName", "Young", "lastName", "Learner", "dateOfBirth",
                today().minusYears(17).toString(), "uln", newUln(),
                "qualification", ACUMEN_AWARD, "assessor", "assessor");
        Response underage = post("provider", "/api/claims", minor);
        assertThat(underage.status()).isEqualTo(400);
        assertThat(underage.detail()).contains("18");

        Response unapproved = register("provider3", newUln(), ACUMEN_AWARD, "assessor3");
        assertThat(unapproved.status()).isEqualTo(400);
        assertThat(unapproved.detail()).contains("not approved").contains(ACUMEN_AWARD);

        String uln = newUln();
        assertThat(register("provider", uln, ACUMEN_AWARD, "assessor").status()).isEqualTo(201);
        Response twice = register("provider", uln, ACUMEN_AWARD, "assessor");
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.detail()).contains("already registered");

        Response badUln = register("provider", "12345", ACUMEN_AWARD, "assessor");
        assertThat(badUln.status()).isEqualTo(400);
        assertThat(badUln.detail()).contains("ten digits");
    }

    @Test
    void simulationIsRefusedWhereTheUnitDoesNotAllowIt() {
        long claimId = registered("provider", ACUMEN_AWARD, "assessor");
        Response simulated = post("assessor", "/api/claims/" + claimId + "/units/L4B1/evidence",
                List.of(Map.of("criterion", "2.1", "method", "SIMULATION", "location", "Role play recording")));
        assertThat(simulated.status()).isEqualTo(400);
        assertThat(simulated.detail()).contains("simulation is not allowed").contains("L4B1 LO2");
        Response unknown = post("assessor", "/api/claims/" + claimId + "/units/L4B1/evidence",
                List.of(Map.of("criterion", "9.9", "method", "OBSERVATION", "location", "p1")));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.detail()).contains("9.9");
    }

    @Test
    void aProviderCannotCompleteAnEqaTaskNorSeeAnotherCentresClaim() {
        JsonNode plan = visitToPlan("eqa", "SUM03");
        Response asProvider = complete("provider3", plan.get("id").asText(), Map.of("date", today().plusDays(14).toString()));
        assertThat(asProvider.status()).isEqualTo(403);
        assertThat(visitTask("eqa", "PlanVisit", "SUM03")).as("the EQA's task is untouched").isPresent();

        long otherCentresClaim = registered("provider", ACUMEN_AWARD, "assessor");
        Response peek = get("provider3", "/api/claims/" + otherCentresClaim);
        assertThat(peek.status()).isEqualTo(403);
        assertThat(get("provider3", "/api/claims").body().findValuesAsText("centre")).containsOnly("SUM03");
    }

    @Test
    void aWorkingTowardsIqasAcceptanceNeedsAQualifiedIqasCountersignature() {
        // Ben Carter works towards his assessor award, so every one of his decisions is sampled.
        long claimId = registered("provider", ACUMEN_AWARD, "bcarter");
        assessAndSignOff("bcarter", claimId, "L4B1");
        JsonNode verify = task("ohaddad", "VerifyDecision", claimId).orElseThrow();
        assertThat(complete("ohaddad", verify.get("id").asText(), Map.of("decision", "ACCEPT")).status())
                .isEqualTo(200);
        assertThat(claim("provider", claimId).at("/units/0/status").asText()).isEqualTo("AWAITING_COUNTERSIGNATURE");
        assertThat(task("ohaddad", "CountersignDecision", claimId)).as("not offered to the trainee").isEmpty();

        JsonNode countersign = task("iqa", "CountersignDecision", claimId).orElseThrow();
        assertThat(complete("iqa", countersign.get("id").asText(), Map.of()).status()).isEqualTo(200);
        assertThat(status("provider", claimId)).isEqualTo("CERTIFICATE_ISSUED");
    }

    @Test
    void gainingOrLosingDirectClaimStatusAppliesToClaimsInFlight() {
        Response notQm = put("eqa", "/api/centres/NSA01/direct-claim", Map.of("granted", false, "reason", "x"));
        assertThat(notQm.status()).isEqualTo(403);
        try {
            assertThat(put("qm", "/api/centres/NSA01/direct-claim",
                    Map.of("granted", false, "reason", "Unsatisfactory sampling")).status()).isEqualTo(200);
            long claimId = registered("provider", ACUMEN_AWARD, "assessor");
            assessAndSignOff("assessor", claimId, "L4B1");
            iqaAcceptsAnySample("iqa", claimId);
            assertThat(status("provider", claimId)).as("NSA01 has had a satisfactory monitoring visit")
                    .isEqualTo("AWAITING_EQA_RELEASE");

            assertThat(put("qm", "/api/centres/NSA01/direct-claim",
                    Map.of("granted", true, "reason", "Restored after review")).status()).isEqualTo(200);
            assertThat(status("provider", claimId)).isEqualTo("CERTIFICATE_ISSUED");
            assertThat(get("provider", "/api/claims/" + claimId + "/timeline").raw())
                    .contains("centre granted direct claim status");
        } finally {
            put("qm", "/api/centres/NSA01/direct-claim", Map.of("granted", true, "reason", "test cleanup"));
        }
    }

    @Test
    void theRulesRecommendDirectClaimStatusAndOnlyTheQualityManagerConfirms() {
        Response recommendation = get("qm", "/api/centres/RVT02/direct-claim");
        assertThat(recommendation.status()).as(recommendation.raw()).isEqualTo(200);
        assertThat(recommendation.body().get("recommendation").asText()).isIn("GRANT", "KEEP", "SUSPEND", "NONE");
        assertThat(recommendation.body().get("reasons")).isNotEmpty();
        assertThat(get("provider", "/api/centres/RVT02/direct-claim").status()).isEqualTo(403);
    }
}
