package org.qaflow.rules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.qaflow.support.TestDirs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.stream.Stream;

/** A copy of the rules for a test to change, and a real HTTP client that logs in as a demo user. */
final class RulesTestSupport {

    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private RulesTestSupport() {
    }

    /** A copy of the repository's rules/, for tests that change rules: the repository's files are never touched. */
    static Path copyOfRules() {
        Path source = Path.of("rules").toAbsolutePath();
        Path target = TestDirs.newDataDir("rules");
        try (Stream<Path> paths = Files.walk(source)) {
            for (Path p : paths.toList()) {
                Path to = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    record Response(int status, JsonNode body) {
    }

    static final class Api {
        private final int port;

        Api(int port) {
            this.port = port;
        }

        Response get(String user, String path) {
            return send(user, HttpRequest.newBuilder(uri(path)).GET());
        }

        Response post(String user, String path, Object body) {
            return send(user, HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json(body))));
        }

        Response put(String user, String path, String text) {
            return send(user, HttpRequest.newBuilder(uri(path)).header("Content-Type", "text/plain")
                    .PUT(HttpRequest.BodyPublishers.ofString(text)));
        }

        private URI uri(String path) {
            return URI.create("http://localhost:" + port + path);
        }

        private static String json(Object body) {
            try {
                return body instanceof String s ? s : JSON.writeValueAsString(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private Response send(String user, HttpRequest.Builder request) {
            if (user != null) {
                request.header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)));
            }
            try {
                HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
                String body = response.body();
                return new Response(response.statusCode(), body == null || body.isBlank()
                        ? JSON.nullNode() : JSON.readTree(body));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
