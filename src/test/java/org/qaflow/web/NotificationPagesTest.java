package org.qaflow.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The assessor's day after an IQA referral: the header says there is one notification, the notifications page shows
 * it unread, and following it opens the assessment form with the referral, after which the count drops. The claim is
 * registered and referred over the API as the provider and IQA would; the assessor's part is in the browser.
 */
class NotificationPagesTest extends BrowserTestBase {

    private static final String ACUMEN_AWARD = "610/3751/5"; // one unit, L4B1
    private static final String REASON = "Evidence for 2.2 does not show the prospect's viability";

    @Autowired
    private TestRestTemplate http;
    @Autowired
    private ObjectMapper json;

    @AfterEach
    void laptopAgain() {
        ((ChromeDriver) browser).executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }

    @Test
    void theAssessorFollowsTheReferralNotificationToTheFormAndTheCountDrops() {
        api("bcarter", HttpMethod.POST, "/api/notifications/read", null); // whatever earlier walks left him
        long claimId = referredClaim();

        login("bcarter");
        assertThat(text("#notifications-link")).isEqualTo("Notifications (1)");
        both("notifications-assessor-home");

        click("#notifications-link");
        assertThat(browser.getTitle()).isEqualTo("Notifications · qaflow");
        WebElement item = browser.findElement(By.cssSelector("#notifications li"));
        assertThat(item.getText()).startsWith("Unread").contains("Referred back by Ivy Quinn").contains(REASON);
        assertThat(page()).contains("1 unread of");
        both("notifications-unread");

        clickAndWait(item.findElement(By.tagName("a")));
        assertThat(browser.getCurrentUrl()).endsWith("/assessor/claims/" + claimId + "/units/L4B1");
        assertThat(text("#referral")).contains("Referred back by Ivy Quinn").contains(REASON);
        assertThat(text("#notifications-link")).isEqualTo("Notifications (0)");

        click("#notifications-link");
        assertThat(browser.findElement(By.cssSelector("#notifications li")).getText()).doesNotStartWith("Unread");
        assertThat(browser.findElements(By.xpath("//button[normalize-space(.)='Mark all read']"))).isEmpty();
        both("notifications-read");

        // No mail server is configured for this application: the notification is shown in the app only.
        assertThat(jdbc.queryForObject("select mail_status from notification where claim_id = ? and recipient = ?",
                String.class, claimId, "bcarter")).isEqualTo("OFF");
    }

    @Test
    void markAllReadClearsTheCount() {
        api("bcarter", HttpMethod.POST, "/api/notifications/read", null);
        referredClaim();
        referredClaim();
        login("bcarter");
        assertThat(text("#notifications-link")).isEqualTo("Notifications (2)");
        click("#notifications-link");
        clickButton("Mark all read");
        assertThat(text("p.notice")).isEqualTo("2 notifications marked read");
        assertThat(text("#notifications-link")).isEqualTo("Notifications (0)");
        assertThat(browser.findElements(By.cssSelector("#notifications li.unread"))).isEmpty();
    }

    /** A claim of Ben Carter's (working towards, so always sampled), assessed, then referred back by Ivy Quinn. */
    private long referredClaim() {
        Map<String, Object> learner = new LinkedHashMap<>();
        learner.put("firstName", "Noor");
        learner.put("lastName", "Walker");
        learner.put("dateOfBirth", "1994-04-04");
        learner.put("uln", String.valueOf(7_000_000_000L + System.nanoTime() % 999_999_999L));
        learner.put("qualification", ACUMEN_AWARD);
        learner.put("assessor", "bcarter");
        long claimId = api("provider", HttpMethod.POST, "/api/claims", learner).get("id").asLong();
        List<Map<String, Object>> evidence = new ArrayList<>();
        for (JsonNode outcome : api("qm", HttpMethod.GET, "/api/units/L4B1", null).get("outcomes")) {
            for (JsonNode criterion : outcome.get("criteria")) {
                evidence.add(Map.of("criterion", criterion.get("key").asText(), "method", "OBSERVATION",
                        "location", "Portfolio section " + criterion.get("key").asText()));
            }
        }
        api("bcarter", HttpMethod.POST, "/api/claims/" + claimId + "/units/L4B1/evidence", evidence);
        api("bcarter", HttpMethod.POST, "/api/claims/" + claimId + "/sign-off", Map.of("units", List.of("L4B1")));
        String verify = null;
        for (JsonNode task : api("iqa", HttpMethod.GET, "/api/tasks?size=200", null)) {
            if (task.get("name").asText().equals("VerifyDecision") && task.path("claimId").asLong() == claimId) {
                verify = task.get("id").asText();
            }
        }
        assertThat(verify).as("Ivy's verification task for claim " + claimId).isNotNull();
        api("iqa", HttpMethod.POST, "/api/tasks/" + verify + "/complete", Map.of("decision", "REFER",
                "reason", REASON));
        return claimId;
    }

    private JsonNode api(String user, HttpMethod method, String path, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<String> response = http.withBasicAuth(user, "demo").exchange(
                URI.create("http://localhost:" + port + path), method, new HttpEntity<>(body, headers), String.class);
        assertThat(response.getStatusCode().is2xxSuccessful()).as(method + " " + path + ": " + response.getBody())
                .isTrue();
        try {
            return response.getBody() == null ? json.nullNode() : json.readTree(response.getBody());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The page at phone width then laptop width, each kept as a screenshot; the phone must not scroll sideways. */
    private void both(String name) {
        assertThat(phoneAndLaptop(name)).as(browser.getCurrentUrl() + " at " + PHONE + " px").isLessThanOrEqualTo(PHONE);
    }

}
