package org.qaflow.rules.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.qaflow.rules.CatalogueFacts;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The catalogue read straight from sample-data/ and the rule files from rules/, so the benchmark runs without Spring. */
public final class SampleCatalogue {

    private SampleCatalogue() {
    }

    public static CatalogueFacts read(Path catalogueDir) throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        Map<String, CatalogueFacts.UnitInfo> units = new LinkedHashMap<>();
        for (JsonNode u : yaml.readTree(catalogueDir.resolve("units.yaml").toFile())) {
            units.put(u.get("ref").asText(), new CatalogueFacts.UnitInfo(u.get("ref").asText(), u.get("title").asText(),
                    u.get("level").asInt(), u.get("category").asText(), u.get("credit").asInt()));
        }
        Map<String, CatalogueFacts.QualificationInfo> qualifications = new LinkedHashMap<>();
        for (JsonNode q : yaml.readTree(catalogueDir.resolve("qualifications.yaml").toFile())) {
            List<String> refs = new ArrayList<>();
            q.path("units").forEach(r -> refs.add(r.asText()));
            qualifications.put(q.get("qan").asText(), new CatalogueFacts.QualificationInfo(q.get("qan").asText(),
                    q.get("title").asText(), q.get("type").asText(), refs));
        }
        return new CatalogueFacts(units, qualifications);
    }

    public static Map<String, String> ruleFiles(Path rulesDir) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(rulesDir)) {
            for (Path p : paths.filter(Files::isRegularFile).toList()) {
                files.put(rulesDir.relativize(p).toString().replace('\\', '/'), Files.readString(p));
            }
        }
        return files;
    }
}
