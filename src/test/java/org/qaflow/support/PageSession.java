package org.qaflow.support;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A browser without a browser, on the pages: its cookies, the CSRF token of the last page it read, and the Accept
 * header chromium sends for an address typed in (so errors come as pages, never JSON).
 */
public final class PageSession {

    public static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,"
            + "image/avif,image/webp,image/apng,*/*;q=0.8";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final int port;
    private String csrf;

    public PageSession(int port) {
        this.port = port;
    }

    public static PageSession loggedIn(int port, String user) throws IOException, InterruptedException {
        PageSession session = new PageSession(port);
        assertThat(session.login(user)).as(user + " logged in").endsWith("/home");
        return session;
    }

    /** Logs in through the form; answers where the login sends the browser. */
    public String login(String user) throws IOException, InterruptedException {
        assertThat(get("/login").statusCode()).isEqualTo(200);
        HttpResponse<String> login = send("POST", "/login", "username=" + user + "&password=" + ApiTestBase.PASSWORD
                + "&_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8), "application/x-www-form-urlencoded");
        assertThat(login.statusCode()).as(user + " logged in").isEqualTo(302);
        get("/home");
        return login.headers().firstValue("Location").orElse("");
    }

    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send("GET", path, null, null);
    }

    /** A form posted with nothing but the CSRF token of the last page read. */
    public HttpResponse<String> post(String path) throws IOException, InterruptedException {
        return send("POST", path, csrf == null ? "" : "_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8),
                "application/x-www-form-urlencoded");
    }

    public HttpResponse<String> send(String method, String path, String body, String contentType)
            throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path)).header("Accept", BROWSER_ACCEPT);
        if (body != null) {
            builder.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response = client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        Matcher token = CSRF.matcher(response.body());
        if (token.find()) {
            csrf = token.group(1);
        }
        return response;
    }

    public String csrf() {
        return csrf;
    }

    public URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    /** Text as Thymeleaf writes it into a page. */
    public static String escaped(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
