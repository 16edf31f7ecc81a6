package org.qaflow.web;

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
import java.sql.Timestamp;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An IQA types a verdict while a colleague claims or completes the same sample: the page says who and since when,
 * keeps what was typed, and records nothing. Pages over real HTTP with a logged-in session (form login, CSRF).
 */
class TaskTakenMeanwhilePagesTest extends JourneyTestBase {

    private static final String ACUMEN_AWARD = "610/3751/5";
    private static final String REASON = "Evidence for 1.2 is a blank page; please ask for the witness statement";

    @Test
    void aVerdictOnASampleAColleagueClaimedMeanwhileSaysWhoAndKeepsWhatWasTyped() throws Exception {
        String taskId = sampleOfferedToBothIqas();
        PageSession ivy = PageSession.logIn(port, "iqa");
        String queue = ivy.get("/iqa");
        assertThat(queue).contains("task-" + taskId);

        Response claimed = post("ohaddad", "/api/tasks/" + taskId + "/claim", null);
        assertThat(claimed.status()).as(claimed.raw()).isEqualTo(200);
        String page = ivy.post("/iqa/tasks/" + taskId + "/verify", Map.of("decision", "REFER", "reason", REASON),
                queue);

        assertThat(page).doesNotContain("Nothing is waiting for you")
                .contains("Omar Haddad claimed this task at " + heldSince(taskId))
                .contains("your verdict was not recorded")
                .contains(REASON)
                .containsPattern("value=\"REFER\"\\s+checked");
        assertThat(jdbc.queryForObject("select actual_owner from jbpm_user_tasks where id = ?", String.class,
                taskId)).isEqualTo("ohaddad");
        assertThat(jdbc.queryForObject("select count(*) from claim_event where what = 'referred back to the assessor'"
                + " and detail = ?", Integer.class, REASON)).isZero();
    }

    @Test
    void aVerdictOnASampleAColleagueCompletedMeanwhileSaysWhoAndWhen() throws Exception {
        String taskId = sampleOfferedToBothIqas();
        PageSession ivy = PageSession.logIn(port, "iqa");
        String queue = ivy.get("/iqa");

        Response accepted = complete("ohaddad", taskId, Map.of("decision", "ACCEPT"));
        assertThat(accepted.status()).as(accepted.raw()).isEqualTo(200);
        String page = ivy.post("/iqa/tasks/" + taskId + "/verify", Map.of("decision", "REFER", "reason", REASON),
                queue);

        assertThat(page).contains("Omar Haddad completed this task at " + heldSince(taskId))
                .contains("your verdict was not recorded")
                .contains(REASON);
        assertThat(jdbc.queryForObject("select count(*) from claim_event where what = 'referred back to the assessor'"
                + " and detail = ?", Integer.class, REASON)).isZero();
    }

    @Test
    void aVisitPlanPostedAfterTheVisitWasPlannedElsewhereSaysWhoAndWhenAndKeepsTheDate() throws Exception {
        String code = "TAKE" + (System.nanoTime() % 100_000);
        jdbc.update("insert into centre (code, name, direct_claim_status, risk_rating, eqa_username) "
                + "values (?, 'Taken Meanwhile College', false, 'LOW', 'eqa2')", code);
        Response opened = post("eqa2", "/api/visits", Map.of("centre", code));
        assertThat(opened.status()).as(opened.raw()).isEqualTo(201);
        long visitId = opened.body().get("id").asLong();
        String taskId = visitTask("eqa2", "PlanVisit", code).orElseThrow().get("id").asText();
        PageSession eqa = PageSession.logIn(port, "eqa2");
        String workspace = eqa.get("/eqa/visits/" + visitId);

        // The same EQA plans the visit in another tab (here: the API), then sends the form still open in this one.
        Response planned = complete("eqa2", taskId, Map.of("date", today().plusDays(20).toString()));
        assertThat(planned.status()).as(planned.raw()).isEqualTo(200);
        String typed = today().plusDays(30).toString();
        String page = eqa.post("/eqa/visits/" + visitId + "/plan", Map.of("date", typed), workspace);

        assertThat(page).contains("completed this task at " + heldSince(taskId))
                .contains("your plan for " + typed + " was not recorded");
    }

    /** Ben Carter works towards his assessor award: every decision of his is sampled, offered to NSA01's IQAs. */
    private String sampleOfferedToBothIqas() {
        long claimId = registered("provider", ACUMEN_AWARD, "bcarter");
        assessAndSignOff("bcarter", claimId, "L4B1");
        String taskId = task("iqa", "VerifyDecision", claimId).orElseThrow().get("id").asText();
        assertThat(task("ohaddad", "VerifyDecision", claimId)).isPresent();
        return taskId;
    }

    /** When the colleague acted, as the page shows it (the time the application recorded, in its zone). */
    private String heldSince(String taskId) {
        Timestamp at = jdbc.queryForObject("select acted_at from task_holder where task_id = ?", Timestamp.class,
                taskId);
        return DateTimeFormatter.ofPattern("HH:mm").format(at.toLocalDateTime());
    }

    /** A browser-like session: form login, cookies, the CSRF token each page carries. */
    static final class PageSession {
        private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");
        private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        private final int port;

        private PageSession(int port) {
            this.port = port;
        }

        static PageSession logIn(int port, String user) throws Exception {
            PageSession session = new PageSession(port);
            String home = session.post("/login", Map.of("username", user, "password", PASSWORD), session.get("/login"));
            assertThat(home).as("logged in").doesNotContain("id=\"password\"");
            return session;
        }

        String get(String path) throws IOException, InterruptedException {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri(path)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return response.body();
        }

        /** Posts a form as the page it came from would, with that page's CSRF token. */
        String post(String path, Map<String, String> fields, String fromPage) throws IOException, InterruptedException {
            Matcher token = CSRF.matcher(fromPage);
            assertThat(token.find()).as("a CSRF token on the page").isTrue();
            Map<String, String> form = new LinkedHashMap<>(fields);
            form.put("_csrf", token.group(1));
            String body = form.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri(path))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return response.body();
        }

        private URI uri(String path) {
            return URI.create("http://localhost:" + port + path);
        }
    }
}
