package org.qaflow.notification;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.qaflow.support.JourneyTestBase;
import org.qaflow.support.TestMail;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The person who must act next is told, in the app and by e-mail through a real SMTP server (GreenMail in this JVM):
 * the real journey over HTTP, the real engine and database. Other tests share the application and its notifications,
 * so each test looks only at the claims it registered.
 */
class NotificationsApiTest extends JourneyTestBase {

    private static final String ACUMEN_AWARD = "610/3751/5"; // one unit, L4B1
    private static final String REASON = "Evidence for 2.2 does not show the prospect's viability";

    @Test
    void aReferralTellsTheAssessorInTheAppAndByOneMailWithTheReasonAndTheLink() {
        // Ben Carter works towards his assessor award, so every one of his decisions is sampled.
        long claimId = registered("provider", ACUMEN_AWARD, "bcarter");
        String learner = claim("provider", claimId).get("learner").asText();
        assessAndSignOff("bcarter", claimId, "L4B1");
        String verify = task("iqa", "VerifyDecision", claimId).orElseThrow().get("id").asText();
        Response referred = complete("iqa", verify, Map.of("decision", "REFER", "reason", REASON));
        assertThat(referred.status()).as(referred.raw()).isEqualTo(200);

        String link = "/assessor/claims/" + claimId + "/units/L4B1";
        List<JsonNode> mine = notifications("bcarter", claimId);
        assertThat(mine).hasSize(1);
        JsonNode referral = mine.get(0);
        assertThat(referral.get("kind").asText()).isEqualTo("REFERRED_BACK");
        assertThat(referral.get("message").asText()).contains("Referred back by Ivy Quinn").contains(learner)
                .contains("L4B1").contains("Northbridge Sales Academy").contains(REASON).doesNotContain(" iqa ");
        assertThat(referral.get("link").asText()).isEqualTo(link);
        assertThat(referral.get("read").asBoolean()).isFalse();
        assertThat(referral.get("mail").asText()).isEqualTo("SENT");

        List<TestMail.Mail> mails = mailsAbout("ben.carter@example.org", link);
        assertThat(mails).hasSize(1);
        assertThat(mails.get(0).subject()).isEqualTo("qaflow: Referred back by Ivy Quinn");
        assertThat(mails.get(0).from()).isEqualTo("qaflow@test.example.org");
        assertThat(mails.get(0).body()).contains(REASON).contains(TestMail.BASE_URL + link);

        // Only Ben sees it: another user can neither read nor mark it, and is told it does not exist.
        long id = referral.get("id").asLong();
        assertThat(notifications("assessor", claimId)).isEmpty();
        Response othersRead = post("assessor", "/api/notifications/" + id + "/read", null);
        assertThat(othersRead.status()).isEqualTo(404);
        assertThat(othersRead.detail()).contains("no notification " + id);
        assertThat(notifications("bcarter", claimId).get(0).get("read").asBoolean()).isFalse();

        long unreadBefore = unread("bcarter");
        Response read = post("bcarter", "/api/notifications/" + id + "/read", null);
        assertThat(read.status()).as(read.raw()).isEqualTo(200);
        assertThat(read.body().get("read").asBoolean()).isTrue();
        assertThat(unread("bcarter")).isEqualTo(unreadBefore - 1);
    }

    @Test
    void aReferralThatIsRolledBackLeavesNoNotificationAndSendsNoMail() {
        long claimId = registered("provider", ACUMEN_AWARD, "bcarter");
        assessAndSignOff("bcarter", claimId, "L4B1");
        String verify = task("iqa", "VerifyDecision", claimId).orElseThrow().get("id").asText();
        // A colleague takes the task first: Ivy's referral is recorded, announced, then refused as a whole.
        assertThat(post("ohaddad", "/api/tasks/" + verify + "/claim", null).status()).isEqualTo(200);
        Response refused = complete("iqa", verify, Map.of("decision", "REFER", "reason", REASON));
        assertThat(refused.status()).as(refused.raw()).isEqualTo(409);

        assertThat(notifications("bcarter", claimId)).isEmpty();
        assertThat(mailsAbout("ben.carter@example.org", "/assessor/claims/" + claimId + "/units/L4B1")).isEmpty();

        // The colleague's own referral, which commits, is announced and mailed once.
        assertThat(complete("ohaddad", verify, Map.of("decision", "REFER", "reason", REASON)).status())
                .isEqualTo(200);
        assertThat(notifications("bcarter", claimId)).extracting(n -> n.get("message").asText())
                .singleElement().asString().contains("Referred back by Omar Haddad");
        assertThat(mailsAbout("ben.carter@example.org", "/assessor/claims/" + claimId + "/units/L4B1")).hasSize(1);
    }

    @Test
    void aMailServerThatIsDownNeverFailsTheActionAndTheFailureIsRecorded() {
        long claimId = registered("provider", ACUMEN_AWARD, "bcarter");
        assessAndSignOff("bcarter", claimId, "L4B1");
        String verify = task("iqa", "VerifyDecision", claimId).orElseThrow().get("id").asText();
        TestMail.down();
        try {
            Response referred = complete("iqa", verify, Map.of("decision", "REFER", "reason", REASON));
            assertThat(referred.status()).as(referred.raw()).isEqualTo(200);
        } finally {
            TestMail.up();
        }
        JsonNode referral = notifications("bcarter", claimId).get(0);
        assertThat(referral.get("mail").asText()).isEqualTo("FAILED");
        assertThat(task("bcarter", "AssessUnit", claimId)).as("the unit is back with the assessor").isPresent();
    }

    @Test
    void sampledCountersignAndCertificateReachTheIqasTheQualifiedIqaAndTheCentreAndAssessor() {
        long claimId = registered("provider", ACUMEN_AWARD, "bcarter");
        assessAndSignOff("bcarter", claimId, "L4B1");

        // Sampled: the IQAs of the learner's centre the task is offered to, never the assessor or the provider.
        assertThat(recipients("SAMPLED_FOR_IQA", claimId)).contains("iqa", "ohaddad")
                .doesNotContain("bcarter", "provider", "iqa2");
        assertThat(notifications("iqa", claimId).get(0).get("message").asText())
                .startsWith("Sampled for IQA: Verify the assessment of unit L4B1 for ")
                .contains("assessed by Ben Carter (working towards)");
        assertThat(notifications("iqa", claimId).get(0).get("link").asText()).isEqualTo("/iqa");

        // Omar works towards his IQA award: his acceptance needs a qualified IQA's countersignature.
        String verify = task("ohaddad", "VerifyDecision", claimId).orElseThrow().get("id").asText();
        assertThat(complete("ohaddad", verify, Map.of("decision", "ACCEPT")).status()).isEqualTo(200);
        assertThat(recipients("COUNTERSIGN_NEEDED", claimId)).contains("iqa").doesNotContain("ohaddad", "bcarter");
        assertThat(notifications("iqa", claimId)).anySatisfy(n -> assertThat(n.get("message").asText())
                .startsWith("Countersign needed: Countersign the verification of unit L4B1 for ")
                .contains("verified by Omar Haddad (working towards)"));

        String countersign = task("iqa", "CountersignDecision", claimId).orElseThrow().get("id").asText();
        assertThat(complete("iqa", countersign, Map.of()).status()).isEqualTo(200);
        assertThat(status("provider", claimId)).isEqualTo("CERTIFICATE_ISSUED");
        assertThat(recipients("CERTIFICATE_ISSUED", claimId)).contains("provider", "bcarter")
                .doesNotContain("iqa", "provider2");
        JsonNode issued = notifications("provider", claimId).get(0);
        assertThat(issued.get("message").asText()).startsWith("Certificate issued: "
                + claim("provider", claimId).get("certificateNumber").asText());
        assertThat(issued.get("link").asText()).isEqualTo("/certificates/" + claimId);
        assertThat(mailsAbout("northbridge.admin@example.org", "/certificates/" + claimId)).hasSize(1);
    }

    @Test
    void aClaimWaitingForTheEqaAndAPlannedVisitReachTheCentresProviders() {
        // Riverside has no direct claim status: its EQA releases each claim.
        long claimId = registered("provider2", ACUMEN_AWARD, "assessor2");
        assessAndSignOff("assessor2", claimId, "L4B1");
        iqaAcceptsAnySample("iqa2", claimId);

        assertThat(recipients("CLAIM_HELD", claimId)).contains("provider2").doesNotContain("provider", "assessor2");
        JsonNode held = notifications("provider2", claimId).get(0);
        assertThat(held.get("message").asText()).startsWith("Claim held: ")
                .contains("is waiting for the EQA to release it").contains("no direct claim status");
        assertThat(held.get("link").asText()).isEqualTo("/claims/" + claimId);

        // The EQA plans the next visit: the centre's provider hears the date. (The open release review goes first.)
        JsonNode plan = visitToPlan("eqa", "RVT02");
        String date = today().plusDays(40 + (int) (claimId % 200)).toString();
        long before = kindCount("provider2", "VISIT_PLANNED");
        assertThat(complete("eqa", plan.get("id").asText(), Map.of("date", date)).status()).isEqualTo(200);
        assertThat(kindCount("provider2", "VISIT_PLANNED")).isEqualTo(before + 1);
        JsonNode planned = all("provider2").stream().filter(n -> n.get("kind").asText().equals("VISIT_PLANNED"))
                .findFirst().orElseThrow();
        assertThat(planned.get("message").asText()).isEqualTo("EQA visit planned: Elaine Quarshie (ISP EQA) will "
                + "visit Riverside Training Partnership (RVT02) on " + date + ".");
        assertThat(all("provider").stream().map(n -> n.get("message").asText())).noneMatch(m -> m.contains(date));
        assertThat(planned.get("link").asText()).as("the centre's visit history").isEqualTo("/visits/centres/RVT02");
        assertThat(mailsAbout("riverside.admin@example.org", "/visits/centres/RVT02")).anySatisfy(m ->
                assertThat(m.body()).contains(date));
    }

    /** The user's notifications about one claim, newest first. */
    private List<JsonNode> notifications(String user, long claimId) {
        return all(user).stream().filter(n -> n.path("claimId").asLong() == claimId).toList();
    }

    private List<JsonNode> all(String user) {
        Response response = get(user, "/api/notifications?size=200");
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return StreamSupport.stream(response.body().spliterator(), false).toList();
    }

    private long kindCount(String user, String kind) {
        return all(user).stream().filter(n -> n.get("kind").asText().equals(kind)).count();
    }

    /** Who was told this about the claim, read from the database the notifications are kept in. */
    private List<String> recipients(String kind, long claimId) {
        return jdbc.queryForList("select recipient from notification where kind = ? and claim_id = ? order by id",
                String.class, kind, claimId);
    }

    private long unread(String user) {
        ResponseEntity<String> response = http.withBasicAuth(user, PASSWORD).exchange(
                java.net.URI.create("http://localhost:" + port + "/api/notifications?size=1"), HttpMethod.GET, null,
                String.class);
        assertThat(response.getHeaders().getFirst("X-Total-Count")).isNotNull();
        return Long.parseLong(response.getHeaders().getFirst("X-Unread-Count"));
    }

    /** The mails to the address whose link, on a line of its own, is this page. */
    private static List<TestMail.Mail> mailsAbout(String to, String link) {
        return TestMail.received().stream().filter(m -> m.to().equals(to))
                .filter(m -> m.body().lines().anyMatch(line -> line.trim().equals(TestMail.BASE_URL + link)))
                .toList();
    }
}
