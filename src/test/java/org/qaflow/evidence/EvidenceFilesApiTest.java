package org.qaflow.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.qaflow.support.JourneyTestBase;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Evidence files over the real API: stored in chunks with their SHA-256 and sniffed type, mapped to criteria, seen by
 * whoever may see the claim, served only as attachments, and frozen once the unit is signed off.
 */
class EvidenceFilesApiTest extends JourneyTestBase {

    private static final String ACUMEN_AWARD = "610/3751/5";   // the one unit L4B1

    static byte[] pdf(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        byte[] head = "%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n".getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(head, 0, bytes, 0, head.length);
        return bytes;
    }

    static byte[] png(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        byte[] head = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 'I', 'H', 'D', 'R'};
        System.arraycopy(head, 0, bytes, 0, head.length);
        return bytes;
    }

    static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private String files(long claimId) {
        return "/api/claims/" + claimId + "/units/L4B1/files";
    }

    private HttpResponse<String> upload(String user, long claimId, String name, String claimedType, byte[] content,
                                        String... criteria) {
        return Multipart.upload(port, user, files(claimId), name, claimedType, content, List.of(criteria));
    }

    private JsonNode uploaded(String user, long claimId, String name, String claimedType, byte[] content,
                              String... criteria) throws Exception {
        HttpResponse<String> response = upload(user, claimId, name, claimedType, content, criteria);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return json.readTree(response.body());
    }

    private String detail(HttpResponse<String> response) throws Exception {
        return json.readTree(response.body()).path("detail").asText();
    }

    @Test
    void theAssessorUploadsAFileThatTheClaimsIqaEqaProviderAndQualityManagerCanListAndDownload() throws Exception {
        long claimId = registered("provider", ACUMEN_AWARD, "assessor");
        // Over two chunks, so that the bytes come back whole and in order.
        byte[] content = pdf(2 * 1024 * 1024 + 12345, 1);
        JsonNode file = uploaded("assessor", claimId, "role play.pdf", "application/pdf", content, "1.1", "1.2");
        assertThat(file.get("name").asText()).isEqualTo("role play.pdf");
        assertThat(file.get("size").asLong()).isEqualTo(content.length);
        assertThat(file.get("sha256").asText()).isEqualTo(sha256(content));
        assertThat(file.get("contentType").asText()).isEqualTo("application/pdf");
        assertThat(file.get("criteria")).extracting(JsonNode::asText).containsExactly("1.1", "1.2");
        assertThat(jdbc.queryForObject("select count(*) from evidence_file_chunk where file_id = ?", Integer.class,
                file.get("id").asLong())).isEqualTo(3);

        for (String user : List.of("assessor", "iqa", "eqa2", "provider", "qm")) {
            Response list = get(user, files(claimId));
            assertThat(list.status()).as(user + " " + list.raw()).isEqualTo(200);
            assertThat(list.body().get(0).get("sha256").asText()).isEqualTo(sha256(content));
            HttpResponse<byte[]> download = Multipart.download(port, user, "/api/files/" + file.get("id").asLong());
            assertThat(download.statusCode()).as(user).isEqualTo(200);
            assertThat(sha256(download.body())).as(user + " downloads the same bytes").isEqualTo(sha256(content));
            assertThat(download.headers().firstValue("Content-Disposition").orElse(""))
                    .startsWith("attachment").contains("role play.pdf");
            assertThat(download.headers().firstValue("Content-Type").orElse("")).isEqualTo("application/pdf");
            assertThat(download.headers().firstValue("X-Content-Type-Options").orElse("")).isEqualTo("nosniff");
        }
        assertThat(jdbc.queryForList("select detail from claim_event where claim_id = ? and what = ?", String.class,
                claimId, "evidence file uploaded")).singleElement().asString()
                .contains("role play.pdf").contains(sha256(content)).contains("1.1, 1.2");
        assertThat(jdbc.queryForObject("select actor from claim_event where claim_id = ? and what = ?", String.class,
                claimId, "evidence file uploaded")).isEqualTo("assessor");
    }

    @Test
    void anHtmlPageRenamedPdfIsStoredAsHtmlAndServedOnlyAsAnAttachmentOfNoRunnableType() throws Exception {
        long claimId = registered("provider", ACUMEN_AWARD, "assessor");
        byte[] page = "<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
                .getBytes(StandardCharsets.UTF_8);
        JsonNode file = uploaded("assessor", claimId, "certificate.pdf", "application/pdf", page, "1.1");
        assertThat(file.get("contentType").asText()).isEqualTo("text/html");

        HttpResponse<byte[]> download = Multipart.download(port, "iqa", "/api/files/" + file.get("id").asLong());
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Type").orElse("")).isEqualTo("application/octet-stream");
        assertThat(download.headers().firstValue("Content-Disposition").orElse("")).startsWith("attachment;");
        assertThat(download.headers().firstValue("X-Content-Type-Options").orElse("")).isEqualTo("nosniff");
        assertThat(download.body()).isEqualTo(page);
    }

    @Test
    void aCriterionTheUnitDoesNotHaveIsRefusedByNameAndNothingIsStored() throws Exception {
        long claimId = registered("provider", ACUMEN_AWARD, "assessor");
        HttpResponse<String> refused = upload("assessor", claimId, "notes.pdf", "application/pdf", pdf(5000, 2),
                "1.1", "9.9");
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(detail(refused)).contains("criteria").contains("'9.9'").contains("L4B1");
        assertThat(refused.headers().firstValue("Content-Type").orElse("")).contains("application/problem+json");

        HttpResponse<String> none = upload("assessor", claimId, "notes.pdf", "application/pdf", pdf(5000, 2));
        assertThat(none.statusCode()).as(none.body()).isEqualTo(400);
        assertThat(detail(none)).contains("criteria");

        HttpResponse<String> noFile = Multipart.upload(port, "assessor", files(claimId), null, null, null,
                List.of("1.1"));
        assertThat(noFile.statusCode()).as(noFile.body()).isEqualTo(400);
        assertThat(detail(noFile)).contains("file");

        assertThat(get("assessor", files(claimId)).body()).isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from evidence_file f join claim_unit u on u.id = f.claim_unit_id"
                + " where u.claim_id = ?", Integer.class, claimId)).isZero();
    }

    @Test
    void onlyTheClaimsAssessorUploadsAndAnotherCentresStaffNeitherUploadNorSeeNorDownload() throws Exception {
        long claimId = registered("provider", ACUMEN_AWARD, "assessor");
        long fileId = uploaded("assessor", claimId, "a.png", "image/png", png(3000, 3), "1.1").get("id").asLong();

        for (String user : List.of("iqa", "provider", "eqa2", "qm")) {
            HttpResponse<String> refused = upload(user, claimId, "b.png", "image/png", png(3000, 4), "1.1");
            assertThat(refused.statusCode()).as(user + ": " + refused.body()).isEqualTo(403);
        }
        for (String user : List.of("assessor2", "iqa2", "provider2", "eqa")) {
            HttpResponse<String> upload = upload(user, claimId, "b.png", "image/png", png(3000, 4), "1.1");
            assertThat(upload.statusCode()).as(user + ": " + upload.body()).isIn(403, 404);
            Response list = get(user, files(claimId));
            assertThat(list.status()).as(user + ": " + list.raw()).isIn(403, 404);
            HttpResponse<byte[]> download = Multipart.download(port, user, "/api/files/" + fileId);
            assertThat(download.statusCode()).as(user).isIn(403, 404);
            assertThat(new String(download.body(), StandardCharsets.ISO_8859_1)).doesNotStartWith("\u0089PNG");
        }
        assertThat(get("assessor", files(claimId)).body()).hasSize(1);
        assertThat(Multipart.download(port, "qm", "/api/files/999999999").statusCode()).isEqualTo(404);
    }

    @Test
    void filesAreFrozenOnceTheUnitIsSignedOff() throws Exception {
        long claimId = registered("provider", ACUMEN_AWARD, "assessor");
        long keep = uploaded("assessor", claimId, "kept.pdf", "application/pdf", pdf(4000, 5), "1.1").get("id").asLong();
        long mistake = uploaded("assessor", claimId, "wrong.pdf", "application/pdf", pdf(4000, 6), "1.1")
                .get("id").asLong();
        assertThat(exchange("assessor", org.springframework.http.HttpMethod.DELETE, "/api/files/" + mistake, null)
                .status()).as("before sign-off a mistake can be removed").isEqualTo(204);
        assertThat(exchange("iqa", org.springframework.http.HttpMethod.DELETE, "/api/files/" + keep, null).status())
                .isEqualTo(403);

        assessAndSignOff("assessor", claimId, "L4B1");

        HttpResponse<String> added = upload("assessor", claimId, "late.pdf", "application/pdf", pdf(4000, 7), "1.1");
        assertThat(added.statusCode()).as(added.body()).isEqualTo(409);
        assertThat(detail(added)).contains("signed off").contains("frozen");
        Response removed = exchange("assessor", org.springframework.http.HttpMethod.DELETE, "/api/files/" + keep, null);
        assertThat(removed.status()).as(removed.raw()).isEqualTo(409);
        assertThat(removed.detail()).contains("kept.pdf").contains("frozen");

        List<String> names = new ArrayList<>();
        get("iqa", files(claimId)).body().forEach(f -> names.add(f.get("name").asText()));
        assertThat(names).containsExactly("kept.pdf");
        assertThat(jdbc.queryForList("select what from claim_event where claim_id = ? and what like 'evidence file%'"
                + " order by id", String.class, claimId))
                .containsExactly("evidence file uploaded", "evidence file uploaded", "evidence file removed");
        assertThat(post("assessor", "/api/claims/" + claimId + "/sign-off", Map.of()).status()).isEqualTo(409);
    }

    /**
     * The multipart limits follow the evidence file limit, but every other upload keeps the 2 MB of any request: a
     * CSV of registrations sent chunked (no length declared) past 2 MB is refused, not read into memory and imported.
     */
    @Test
    void otherUploadsKeepTheOrdinaryLimitWhenSentChunked() throws Exception {
        int learners = jdbc.queryForObject("select count(*) from learner", Integer.class);
        java.net.http.HttpClient browser = java.net.http.HttpClient.newBuilder()
                .cookieHandler(new java.net.CookieManager()).build();
        String base = "http://localhost:" + port;
        java.util.regex.Pattern token = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
        String loginPage = browser.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/login"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
        var csrf = token.matcher(loginPage);
        assertThat(csrf.find()).isTrue();
        browser.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + "/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("username=provider&password=demo&_csrf="
                        + java.net.URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        var form = token.matcher(browser.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(base + "/provider/upload")).build(), HttpResponse.BodyHandlers.ofString()).body());
        assertThat(form.find()).as("logged in, on the upload form").isTrue();

        String boundary = Multipart.boundary();
        byte[] head = Multipart.head(boundary, "learners.csv", "text/csv", List.of());
        byte[] row = "firstName,lastName,dateOfBirth,uln,qualification,assessor\n".getBytes(StandardCharsets.US_ASCII);
        byte[] tail = Multipart.tail(boundary, true);
        long rows = 3L * 1024 * 1024 / row.length + 1;
        java.io.InputStream body = new java.io.SequenceInputStream(java.util.Collections.enumeration(List.of(
                new java.io.ByteArrayInputStream(head), new java.io.InputStream() {
                    private long at;

                    @Override
                    public int read() {
                        if (at >= rows * row.length) {
                            return -1;
                        }
                        return row[(int) (at++ % row.length)];
                    }
                }, new java.io.ByteArrayInputStream(tail))));
        HttpResponse<String> refused = browser.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                        base + "/provider/upload?_csrf=" + java.net.URLEncoder.encode(form.group(1),
                                StandardCharsets.UTF_8)))
                .header("Accept", "text/html").header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(() -> body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(413);
        assertThat(jdbc.queryForObject("select count(*) from learner", Integer.class)).isEqualTo(learners);
    }
}
