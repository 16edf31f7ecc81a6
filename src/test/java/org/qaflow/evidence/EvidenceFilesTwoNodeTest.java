package org.qaflow.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.qaflow.support.Node;
import org.qaflow.support.TestDatabase;
import org.springframework.http.HttpMethod;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two application nodes on one PostgreSQL database: a file uploaded on one is listed and downloaded whole, with the
 * same SHA-256, from the other, and once the unit is signed off on the second no file can be added on the first.
 */
@EnabledIfSystemProperty(named = TestDatabase.POSTGRES_URL, matches = "jdbc:postgresql:.+")
class EvidenceFilesTwoNodeTest {

    private static Node a;
    private static Node b;

    @BeforeAll
    static void startTwoNodes() {
        TestDatabase database = TestDatabase.create("evidence-nodes");
        a = Node.start(database, "node-a");
        b = Node.start(database, "node-b");
    }

    @AfterAll
    static void stop() {
        if (b != null) b.close();
        if (a != null) a.close();
    }

    @Test
    void aFileUploadedOnOneNodeIsListedAndDownloadedWholeFromTheOther() throws Exception {
        long claimId = a.register("provider", "7500000001", "610/3751/5", "assessor");
        String files = "/api/claims/" + claimId + "/units/L4B1/files";
        byte[] content = EvidenceFilesApiTest.pdf(3 * 1024 * 1024 + 7, 21);
        HttpResponse<String> uploaded = Multipart.upload(a.port(), "assessor", files, "portfolio.pdf",
                "application/pdf", content, List.of("1.1", "1.2", "2.1"));
        assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
        JsonNode file = new ObjectMapper().readTree(uploaded.body());
        String sha = EvidenceFilesApiTest.sha256(content);
        assertThat(file.get("sha256").asText()).isEqualTo(sha);

        JsonNode listed = b.ok("eqa2", HttpMethod.GET, files, null);
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("sha256").asText()).isEqualTo(sha);
        HttpResponse<byte[]> download = Multipart.download(b.port(), "iqa", "/api/files/" + file.get("id").asLong());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(EvidenceFilesApiTest.sha256(download.body())).isEqualTo(sha);

        b.recordAllEvidence("assessor", claimId, "L4B1");
        b.ok("assessor", HttpMethod.POST, "/api/claims/" + claimId + "/sign-off", Map.of("units", List.of("L4B1")));
        HttpResponse<String> late = Multipart.upload(a.port(), "assessor", files, "late.pdf", "application/pdf",
                EvidenceFilesApiTest.pdf(1000, 22), List.of("1.1"));
        assertThat(late.statusCode()).as(late.body()).isEqualTo(409);
    }
}
