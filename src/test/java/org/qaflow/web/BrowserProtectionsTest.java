package org.qaflow.web;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the browser is told to refuse: no inline script or style (Content-Security-Policy), no referrer sent
 * elsewhere, a session cookie other sites' requests do not carry; and the pages need nothing the policy refuses.
 */
class BrowserProtectionsTest extends BrowserTestBase {

    @Test
    void pagesAndTheApiTellTheBrowserWhatToRefuse() {
        HttpResponse<String> login = get("/login", null);
        assertThat(login.statusCode()).isEqualTo(200);
        String policy = login.headers().firstValue("Content-Security-Policy").orElse("");
        assertThat(policy).contains("default-src 'self'", "script-src 'self'", "style-src 'self'",
                "object-src 'none'", "frame-ancestors 'none'", "base-uri 'self'", "form-action 'self'")
                .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
        assertThat(login.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
        String session = login.headers().allValues("Set-Cookie").stream()
                .filter(cookie -> cookie.startsWith("JSESSIONID=")).findFirst().orElse("");
        assertThat(session).as("the session cookie").contains("HttpOnly").containsIgnoringCase("SameSite=Lax");

        HttpResponse<String> api = get("/api/units", "qm");
        assertThat(api.statusCode()).isEqualTo(200);
        assertThat(api.headers().firstValue("Content-Security-Policy").orElse(""))
                .contains("script-src 'self';", "object-src 'none'", "frame-ancestors 'none'");
        assertThat(api.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
    }

    @Test
    void theMainPagesOfEveryRoleNeedNothingThePolicyRefuses() {
        Long claim = jdbc.query("select id from claim where certificate_number is not null order by id",
                rs -> rs.next() ? rs.getLong(1) : null);
        Long visit = jdbc.query("select v.id from eqa_visit v join centre c on c.id = v.centre_id "
                + "where c.code = 'RVT02' order by v.id", rs -> rs.next() ? rs.getLong(1) : null);
        assertThat(claim).as("a sample claim with a certificate").isNotNull();
        assertThat(visit).as("a sample EQA visit").isNotNull();
        Map<String, List<String>> pages = new LinkedHashMap<>();
        pages.put("provider", List.of("/home", "/claims", "/claims/" + claim, "/provider/register", "/provider/upload"));
        pages.put("assessor", List.of("/home", "/assessor"));
        pages.put("iqa", List.of("/home", "/iqa"));
        pages.put("eqa", List.of("/home", "/eqa", "/eqa/visits/" + visit, "/eqa/visits/" + visit + "/report"));
        pages.put("qm", List.of("/home", "/qm/rules", "/qm/rules/edit?path=sampling/eqa-sample-size.yaml",
                "/qm/rules/versions/1", "/qm/centres", "/certificates/" + claim, "/claims/" + claim, "/processes"));

        List<String> refused = new ArrayList<>();
        open("/login");
        refused.addAll(cspViolations());
        pages.forEach((user, paths) -> {
            login(user);
            for (String path : paths) {
                open(path);
                assertThat(page()).as(user + " " + path).doesNotContain("Not yours to see").doesNotContain("Not found");
                cspViolations().forEach(violation -> refused.add(user + " " + path + ": " + violation));
            }
        });
        assertThat(refused).isEmpty();

        // The check sees a refusal when there is one: an inline style added to the page is refused and logged.
        ((JavascriptExecutor) browser).executeScript(
                "document.body.insertAdjacentHTML('beforeend', '<p style=\"color: red\">injected</p>');");
        List<String> seen = new ArrayList<>();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(b -> seen.addAll(cspViolations()));
        assertThat(seen).anyMatch(violation -> violation.contains("style-src"));
    }

    @Test
    void swaggerUiStillShowsTheApi() {
        open("/swagger-ui/index.html");
        new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(b -> !b.findElements(By.cssSelector(".swagger-ui .opblock")).isEmpty());
        assertThat(page()).contains("/api/claims");
        assertThat(cspViolations()).isEmpty();
    }

    private HttpResponse<String> get(String path, String user) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (user != null) {
            request.header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString((user + ":demo").getBytes()));
        }
        try {
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
