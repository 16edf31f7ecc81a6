package org.qaflow.problem;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.qaflow.support.ApiTestBase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAPI description lists qaflow's own API only, and for each call the errors it can answer with. */
class OpenApiDescriptionTest extends ApiTestBase {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;

    @Test
    void onlyQaflowsOwnApiIsDescribed() {
        JsonNode paths = docs().path("paths");
        List<String> names = new ArrayList<>();
        paths.fieldNames().forEachRemaining(names::add);
        assertThat(names).contains("/api/claims", "/api/tasks/{id}/claim")
                .allSatisfy(path -> assertThat(path).startsWith("/api/"));
    }

    @Test
    void theProcessEnginesRestEndpointsAreNotGeneratedAtAll() throws IOException {
        // The generator makes one endpoint set per process id and one for user tasks; the build is told not to.
        List<String> engine = new ArrayList<>(List.of("/usertasks"));
        try (var files = Files.list(Path.of("processes"))) {
            for (Path bpmn : files.filter(f -> f.toString().endsWith(".bpmn")).toList()) {
                Matcher id = Pattern.compile("<bpmn2?:process id=\"([^\"]+)\"").matcher(Files.readString(bpmn));
                assertThat(id.find()).as(bpmn + " names its process").isTrue();
                engine.add("/" + id.group(1));
            }
        }
        assertThat(engine).hasSizeGreaterThan(1);
        List<String> routes = mappings.getHandlerMethods().keySet().stream()
                .flatMap(info -> info.getPatternValues().stream()).toList();
        assertThat(routes).contains("/api/tasks/{id}/claim")
                .noneMatch(route -> engine.stream().anyMatch(route::startsWith));
    }

    @Test
    void everyCallListsItsErrorsAsProblemDocuments() {
        List<String> missing = new ArrayList<>();
        docs().path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            if (!METHODS.contains(op.getKey())) {
                return;
            }
            String call = op.getKey().toUpperCase() + " " + path.getKey();
            JsonNode responses = op.getValue().path("responses");
            List<String> expected = new ArrayList<>(List.of("401", "429", "503"));
            if (path.getKey().contains("{")) {
                expected.addAll(List.of("400", "404"));
            }
            if (op.getValue().has("requestBody")) {
                expected.addAll(List.of("400", "413", "415"));
            }
            if (!op.getValue().path("parameters").isEmpty()) {
                expected.add("400");
            }
            for (String code : expected) {
                if (!responses.has(code)) {
                    missing.add(call + " does not list " + code);
                }
            }
            List<String> codes = new ArrayList<>();
            responses.fieldNames().forEachRemaining(codes::add);
            if (codes.stream().noneMatch(code -> code.startsWith("2"))) {
                missing.add(call + " lists no success");
            }
            responses.fields().forEachRemaining(response -> {
                if (response.getKey().compareTo("400") >= 0 && !response.getValue().path("content")
                        .path("application/problem+json").path("schema").has("$ref")) {
                    missing.add(call + " " + response.getKey() + " is not a problem document");
                }
            });
        }));
        assertThat(missing).isEmpty();
    }

    @Test
    void callsThatCanBeRefusedOrConflictSaySo() {
        JsonNode paths = docs().path("paths");
        Map<String, List<String>> refusals = Map.of(
                "post /api/claims", List.of("201", "403", "409"),
                "get /api/claims/{id}", List.of("200", "403", "404"),
                "post /api/tasks/{id}/claim", List.of("200", "403", "409"),
                "post /api/tasks/{id}/complete", List.of("200", "403", "409"),
                "put /api/centres/{code}/direct-claim", List.of("200", "403"),
                "post /api/rules/candidates/{id}/activate", List.of("200", "400", "403", "409"),
                "post /api/visits", List.of("201", "403", "409"));
        refusals.forEach((call, codes) -> {
            String[] parts = call.split(" ");
            JsonNode responses = paths.path(parts[1]).path(parts[0]).path("responses");
            for (String code : codes) {
                assertThat(responses.has(code)).as(call + " lists " + code + ": " + responses).isTrue();
            }
        });
    }

    private JsonNode docs() {
        Response docs = get(null, "/v3/api-docs");
        assertThat(docs.status()).isEqualTo(200);
        return docs.body();
    }
}
