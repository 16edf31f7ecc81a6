package org.qaflow.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.qaflow.support.JourneyTestBase;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The claim process's paths that the journey test does not walk: direct claim status withdrawn in flight, the EQA's
 * remote release after a sample review, a multi-unit claim signed off unit by unit or all at once, and the EQA's
 * monitoring of a centre with direct claim status.
 */
class ClaimProcessTest extends JourneyTestBase {

    @Autowired
    private ClaimProcessAdoption adoption;

    private static final String ACUMEN_AWARD = "610/3751/5";      // unit L4B1
    private static final String CERTIFICATE = "610/3769/2";       // Level 4 Certificate: units chosen
    private static final List<String> CERTIFICATE_UNITS = List.of("L4B1", "L4B2", "L4C1", "L4C3", "L4S4");

    @Test
    void withdrawnDirectClaimStatusSendsAClaimInAssessmentToTheEqaWhoReleasesIt() {
        long claimId = registered("provider", ACUMEN_AWARD, "assessor");
        try {
            assertThat(put("qm", "/api/centres/NSA01/direct-claim",
                    Map.of("granted", false, "reason", "Sampling found invalid decisions")).status()).isEqualTo(200);
            assessAndSignOff("assessor", claimId, "L4B1");
            iqaAcceptsAnySample("iqa", claimId);
            JsonNode waiting = claim("provider", claimId);
            assertThat(waiting.get("status").asText()).isEqualTo("AWAITING_EQA_RELEASE");
            assertThat(waiting.get("certificateNumber").isNull()).isTrue();

            JsonNode review = openReviewCovering("eqa2", "NSA01", claimId);
            assertThat(review.get("remote").asBoolean()).as("NSA01 had a satisfactory visit: remote release").isTrue();
            eqaVisit("eqa2", "NSA01", "SATISFACTORY");
            assertThat(status("provider", claimId)).isEqualTo("CERTIFICATE_ISSUED");
            assertThat(timeline(claimId)).contains("centre's direct claim status withdrawn", "released by the EQA",
                    "certificate issued");
        } finally {
            put("qm", "/api/centres/NSA01/direct-claim", Map.of("granted", true, "reason", "test cleanup"));
        }
    }

    @Test
    void afterASatisfactoryVisitTheEqaReleasesClaimsRemotelyAfterReviewingTheSampleTheRulesChose() {
        eqaVisitIfOpen("eqa", "RVT02", "SATISFACTORY");
        long first = registered("provider2", ACUMEN_AWARD, "assessor2");
        long second = registered("provider2", ACUMEN_AWARD, "assessor2");
        for (long claimId : List.of(first, second)) {
            assessAndSignOff("assessor2", claimId, "L4B1");
            iqaAcceptsAnySample("iqa2", claimId);
        }
        assertThat(status("provider2", first)).isEqualTo("AWAITING_EQA_RELEASE");
        assertThat(status("provider2", second)).isEqualTo("AWAITING_EQA_RELEASE");
        assertThat(get("provider2", "/api/claims/" + first + "/certificate").status()).isEqualTo(404);

        JsonNode review = openReviewCovering("eqa", "RVT02", first);
        assertThat(review.get("remote").asBoolean()).isTrue();
        assertThat(review.get("sample")).as("the release rules ask for at least one claim to be reviewed").isNotEmpty();
        assertThat(review.get("sample").findValuesAsText("whySampled")).allMatch(why -> !why.isBlank());
        eqaVisit("eqa", "RVT02", "SATISFACTORY");
        // The second claim is released with the first if the same review covered it, else by the next one.
        eqaVisitIfOpen("eqa", "RVT02", "SATISFACTORY");
        assertThat(status("provider2", first)).isEqualTo("CERTIFICATE_ISSUED");
        assertThat(status("provider2", second)).isEqualTo("CERTIFICATE_ISSUED");
    }

    @Test
    void unitsSignedOffOneByOneOrAllAtOnceBothReachTheCertificate() {
        String[] units = CERTIFICATE_UNITS.toArray(String[]::new);
        long oneByOne = registered("provider", CERTIFICATE, "assessor", units);
        for (String unit : CERTIFICATE_UNITS) {
            assessAndSignOff("assessor", oneByOne, unit);
            assertThat(status("provider", oneByOne)).isIn("IN_ASSESSMENT", "CERTIFICATE_ISSUED");
        }
        iqaAcceptsAnySample("iqa", oneByOne);
        assertThat(status("provider", oneByOne)).isEqualTo("CERTIFICATE_ISSUED");

        long allAtOnce = registered("provider", CERTIFICATE, "assessor", units);
        CERTIFICATE_UNITS.forEach(unit -> recordAllEvidence("assessor", allAtOnce, unit));
        Response signedOff = post("assessor", "/api/claims/" + allAtOnce + "/sign-off", Map.of());
        assertThat(signedOff.status()).as(signedOff.raw()).isEqualTo(200);
        iqaAcceptsAnySample("iqa", allAtOnce);
        JsonNode claim = claim("provider", allAtOnce);
        assertThat(claim.get("status").asText()).isEqualTo("CERTIFICATE_ISSUED");
        assertThat(claim.get("units").findValuesAsText("status")).hasSize(5).containsOnly("VERIFIED");
        assertThat(timeline(allAtOnce).stream().filter("rules of combination met"::equals)).hasSize(1);
    }

    @Test
    void aCentreWithDirectClaimStatusHasAnEqaAndYearlyVisitsAndAnUnsatisfactoryOneLeadsToASuspensionRecommendation() {
        JsonNode nsa01 = null;
        for (JsonNode centre : get("qm", "/api/centres").body()) {
            nsa01 = centre.get("code").asText().equals("NSA01") ? centre : nsa01;
        }
        assertThat(nsa01.get("eqa").asText()).as("a centre with direct claim status has an EQA too").isEqualTo("eqa2");
        long centreId = jdbc.queryForObject("select id from centre where code = 'NSA01'", Long.class);
        assertThat(jdbc.queryForObject("select count(*) from scheduled_job where kind = 'VISIT_DUE' and subject_id = ?"
                + " and done_at is null", Integer.class, centreId)
                + jdbc.queryForObject("select count(*) from eqa_visit where centre_id = ? and status <> 'COMPLETED'",
                Integer.class, centreId))
                .as("NSA01's next visit is scheduled or open").isPositive();
        try {
            assertThat(post("eqa2", "/api/visits", Map.of("centre", "NSA01")).status()).isIn(201, 409);
            eqaVisit("eqa2", "NSA01", "UNSATISFACTORY");
            JsonNode recommendation = get("qm", "/api/centres/NSA01/direct-claim").body();
            assertThat(recommendation.get("recommendation").asText()).isEqualTo("SUSPEND");
            assertThat(recommendation.get("reasons").toString()).contains("unsatisfactory");
        } finally {
            // Later tests rely on NSA01's record being good again: a satisfactory visit with its actions closed.
            post("eqa2", "/api/visits", Map.of("centre", "NSA01"));
            eqaVisit("eqa2", "NSA01", "SATISFACTORY");
            jdbc.update("update eqa_action set is_open = false where visit_id in "
                    + "(select id from eqa_visit where centre_id = ?)", centreId);
        }
    }

    @Test
    void claimsFromBeforeTheClaimProcessJoinOneWhereTheyStandAndReachTheirCertificates() {
        long inAssessment = registered("provider", ACUMEN_AWARD, "assessor");
        long waiting = registered("provider3", "610/3764/3", "assessor3");
        assessAndSignOff("assessor3", waiting, "L4C8");
        iqaAcceptsAnySample("iqa3", waiting);
        assertThat(status("provider3", waiting)).isNotEqualTo("CERTIFICATE_ISSUED");
        // As a database from before the claim process has them: unit processes, and no claim process.
        jdbc.update("update claim set process_instance_id = null, release_visit_id = null where id in (?, ?)",
                inAssessment, waiting);

        assertThat(adoption.adoptClaimsWithoutProcess()).isEqualTo(2);
        assertThat(jdbc.queryForObject("select count(*) from claim where id in (?, ?) and process_instance_id is null",
                Integer.class, inAssessment, waiting)).isZero();

        assessAndSignOff("assessor", inAssessment, "L4B1");
        iqaAcceptsAnySample("iqa", inAssessment);
        assertThat(status("provider", inAssessment)).isEqualTo("CERTIFICATE_ISSUED");
        visitToPlan("eqa", "SUM03");
        eqaVisit("eqa", "SUM03", "SATISFACTORY");
        eqaVisitIfOpen("eqa", "SUM03", "SATISFACTORY");
        assertThat(status("provider3", waiting)).isEqualTo("CERTIFICATE_ISSUED");
        assertThat(get("provider3", "/api/claims/" + waiting + "/timeline").body().findValuesAsText("what"))
                .contains("claim process started for a claim already in progress", "certificate issued");
    }

    private List<String> timeline(long claimId) {
        return get("provider", "/api/claims/" + claimId + "/timeline").body().findValuesAsText("what");
    }

    /** The open visit or remote review of the centre, which must cover the claim. */
    private JsonNode openReviewCovering(String eqa, String centre, long claimId) {
        JsonNode task = visitTask(eqa, "ConductVisit", centre)
                .or(() -> visitTask(eqa, "PlanVisit", centre))
                .orElseThrow(() -> new AssertionError("no review open for " + centre + " among " + tasks(eqa)));
        JsonNode visit = get(eqa, "/api/visits/" + task.get("visitId").asLong()).body();
        assertThat(visit.get("releases").toString()).as("review %s covers claim %s", visit, claimId)
                .contains(String.valueOf(claimId));
        return visit;
    }

    private void eqaVisitIfOpen(String eqa, String centre, String outcome) {
        if (visitTask(eqa, "ConductVisit", centre).isPresent() || visitTask(eqa, "PlanVisit", centre).isPresent()) {
            eqaVisit(eqa, centre, outcome);
        }
    }
}
