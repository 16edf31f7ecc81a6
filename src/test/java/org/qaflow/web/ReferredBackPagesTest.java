package org.qaflow.web;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.qaflow.support.JourneyTestBase;
import org.qaflow.support.PageSession;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The IQA's reason for referring a unit back reaches the assessor where they work: on the assessment form, in the
 * list of their learners and on their home page; tasks there are named in words and people by their names.
 */
class ReferredBackPagesTest extends JourneyTestBase {

    private static final String ACUMEN_AWARD = "610/3751/5"; // unit L4B1
    private static final String REASON = "Evidence for 2.2 does not show the prospect's viability";

    @Test
    void theAssessorSeesTheIqasReasonOnTheFormTheListAndTheHomePage() throws Exception {
        // Ben Carter works towards his assessor award, so every one of his decisions is sampled.
        long claimId = registered("provider", ACUMEN_AWARD, "bcarter");
        String learner = claim("provider", claimId).get("learner").asText();
        // Other tests sharing this application refer bcarter's units too: this claim's reason is its own.
        String reason = REASON + " (claim " + claimId + ")";
        assessAndSignOff("bcarter", claimId, "L4B1");
        JsonNode verify = task("iqa", "VerifyDecision", claimId).orElseThrow();
        assertThat(complete("iqa", verify.get("id").asText(), Map.of("decision", "REFER", "reason", reason)).status())
                .isEqualTo(200);

        PageSession assessor = PageSession.loggedIn(port, "bcarter");
        String form = assessor.get("/assessor/claims/" + claimId + "/units/L4B1").body();
        assertThat(form).contains("id=\"referral\"").contains("Referred back by Ivy Quinn on " + today())
                .contains(PageSession.escaped(reason));
        assertThat(assessor.get("/assessor").body())
                .contains(PageSession.escaped("Referred back by Ivy Quinn on " + today() + ": " + reason));
        // The home page lists tasks a page at a time: newest first, this one heads the list.
        String home = assessor.get("/home?sort=created&dir=desc").body();
        assertThat(home).contains("Assess unit L4B1 for " + learner)
                .contains(PageSession.escaped("Referred back by Ivy Quinn on " + today() + ": " + reason))
                .doesNotContain(">AssessUnit<");

        // Signed off again, the unit is no longer waiting on the referral: the reason leaves the form and the home page.
        assessAndSignOff("bcarter", claimId, "L4B1");
        assertThat(assessor.get("/assessor/claims/" + claimId + "/units/L4B1").body()).doesNotContain("id=\"referral\"");
        assertThat(assessor.get("/home?sort=created&dir=desc").body()).doesNotContain(PageSession.escaped(reason));
    }

    @Test
    void theIqasTasksAreNamedInWordsAndWhoClaimedThemByName() throws Exception {
        long claimId = registered("provider", ACUMEN_AWARD, "bcarter");
        String learner = claim("provider", claimId).get("learner").asText();
        assessAndSignOff("bcarter", claimId, "L4B1");
        JsonNode verify = task("iqa", "VerifyDecision", claimId).orElseThrow();
        assertThat(post("iqa", "/api/tasks/" + verify.get("id").asText() + "/claim", Map.of()).status()).isEqualTo(200);

        String home = PageSession.loggedIn(port, "iqa").get("/home?sort=created&dir=desc").body();
        assertThat(home).contains("Verify the assessment of unit L4B1 for " + learner)
                .contains("claimed by Ivy Quinn").doesNotContain(">VerifyDecision<").doesNotContain("claimed by iqa");

        // The claim's timeline names people, not user names.
        String timeline = PageSession.loggedIn(port, "provider").get("/claims/" + claimId).body();
        assertThat(timeline).contains("<td>Ben Carter (working towards)</td>").doesNotContain("<td>bcarter</td>");
    }

    @Test
    void anEqasVisitTasksNameTheCentre() throws Exception {
        JsonNode plan = visitToPlan("eqa", "RVT02");
        assertThat(plan).isNotNull();
        String home = PageSession.loggedIn(port, "eqa").get("/home?kind=PlanVisit").body();
        assertThat(home).contains("Plan the EQA visit to ").contains("(RVT02)").doesNotContain(">PlanVisit<");
    }
}
