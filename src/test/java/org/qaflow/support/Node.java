package org.qaflow.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.qaflow.QaflowApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.*;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** One application node on a random port, on a given database, driven over HTTP as the demo users. */
public final class Node implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ConfigurableApplicationContext context;
    private final TestRestTemplate http = TestHttp.client();
    private final int port;

    private Node(ConfigurableApplicationContext context) {
        this.context = context;
        this.port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }

    public static Node start(TestDatabase database, String name, String... more) {
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--qaflow.node-name=" + name));
        args.addAll(List.of(more));
        return new Node(new SpringApplicationBuilder(QaflowApplication.class)
                .run(database.args(args.toArray(String[]::new))));
    }

    public int port() {
        return port;
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public JdbcTemplate jdbc() {
        return bean(JdbcTemplate.class);
    }

    public ApiTestBase.Response call(String user, HttpMethod method, String path, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        headers.setAccept(List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON));
        TestRestTemplate client = user == null ? http : http.withBasicAuth(user, ApiTestBase.PASSWORD);
        ResponseEntity<String> response = client.exchange(URI.create("http://localhost:" + port + path), method,
                new HttpEntity<>(body, headers), String.class);
        return new ApiTestBase.Response(response.getStatusCode().value(), read(response.getBody()), response.getBody());
    }

    /** A call that must succeed; its body. */
    public JsonNode ok(String user, HttpMethod method, String path, Object body) {
        ApiTestBase.Response response = call(user, method, path, body);
        assertThat(response.status()).as(method + " " + path + " as " + user + ": " + response.raw())
                .isBetween(200, 299);
        return response.body();
    }

    public long register(String provider, String uln, String qualification, String assessor) {
        return ok(provider, HttpMethod.POST, "/api/claims", Map.of("firstName", "Nora", "lastName", "Node " + uln,
                "dateOfBirth", "1991-01-01", "uln", uln, "qualification", qualification, "assessor", assessor))
                .get("id").asLong();
    }

    public void recordAllEvidence(String assessor, long claimId, String unitRef) {
        List<Map<String, Object>> evidence = new ArrayList<>();
        for (JsonNode outcome : ok("qm", HttpMethod.GET, "/api/units/" + unitRef, null).get("outcomes")) {
            for (JsonNode criterion : outcome.get("criteria")) {
                evidence.add(Map.of("criterion", criterion.get("key").asText(), "method", "OBSERVATION",
                        "location", "Portfolio p" + criterion.get("key").asText()));
            }
        }
        ok(assessor, HttpMethod.POST, "/api/claims/" + claimId + "/units/" + unitRef + "/evidence", evidence);
    }

    public Optional<JsonNode> task(String user, String name, long claimId) {
        return StreamSupport.stream(ok(user, HttpMethod.GET, "/api/tasks", null).spliterator(), false)
                .filter(t -> t.get("name").asText().equals(name))
                .filter(t -> t.path("claimId").asLong() == claimId).findFirst();
    }

    private static JsonNode read(String body) {
        try {
            return body == null || body.isBlank() ? JSON.nullNode() : JSON.readTree(body);
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode(body);
        }
    }

    @Override
    public void close() {
        context.close();
    }
}
