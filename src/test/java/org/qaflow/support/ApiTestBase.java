package org.qaflow.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.*;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;

/**
 * The whole application on a random port with its own database (H2 files, or PostgreSQL: see TestDatabase), loaded from sample-data/, driven over real
 * HTTP as the demo users. Subclasses share one running application (Spring caches the context).
 * While other test classes run two at a time (junit-platform.properties), its subclasses run one after another, in
 * name order, on one thread: they share the application's data, and some expect what an earlier one left (SuiteOrder).
 */
@Execution(ExecutionMode.SAME_THREAD)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ApiTestBase {

    public static final String PASSWORD = "demo";
    /** One database for every test class sharing the cached context: H2 files, or PostgreSQL (TestDatabase). */
    private static final TestDatabase DATABASE = TestDatabase.create("api");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DATABASE.properties().forEach((key, value) -> registry.add(key, () -> value));
        // Notifications are mailed to a real SMTP server in this JVM (notification/NotificationsApiTest reads it).
        TestMail.properties().forEach((key, value) -> registry.add(key, () -> value));
    }

    @Autowired
    protected TestRestTemplate http;
    @Autowired
    protected ObjectMapper json;
    @LocalServerPort
    protected int port;

    protected Response get(String user, String path) {
        return exchange(user, HttpMethod.GET, path, null);
    }

    protected Response post(String user, String path, Object body) {
        return exchange(user, HttpMethod.POST, path, body);
    }

    protected Response put(String user, String path, Object body) {
        return exchange(user, HttpMethod.PUT, path, body);
    }

    protected Response exchange(String user, HttpMethod method, String path, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setAccept(java.util.List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON));
        TestRestTemplate client = user == null ? http : http.withBasicAuth(user, PASSWORD);
        ResponseEntity<String> response = client.exchange(java.net.URI.create("http://localhost:" + port + path),
                method, new HttpEntity<>(body, headers), String.class);
        return new Response(response.getStatusCode().value(), read(response.getBody()), response.getBody());
    }

    private JsonNode read(String body) {
        try {
            return body == null || body.isBlank() ? json.nullNode() : json.readTree(body);
        } catch (IOException e) {
            return json.getNodeFactory().textNode(body);
        }
    }

    public record Response(int status, JsonNode body, String raw) {
        public String detail() {
            return body.path("detail").asText();
        }
    }
}
