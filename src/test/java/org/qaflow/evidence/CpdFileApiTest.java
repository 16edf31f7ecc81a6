package org.qaflow.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.qaflow.support.JourneyTestBase;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A CPD entry's certificate file over the real API: stored as evidence files are (chunks, SHA-256, sniffed type),
 * attached by the centre's provider or the quality manager, downloaded by them and the person themselves, always as
 * an attachment; other centres, unknown entries and files over the limit are refused.
 */
class CpdFileApiTest extends JourneyTestBase {

    private static final AtomicInteger NEXT = new AtomicInteger((int) (System.nanoTime() % 100_000));
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    /** A new assessor of NSA01 with one CPD entry: their login, temporary password and the entry's id. */
    private record Person(String username, String password, long cpdId) {
    }

    private Person assessorWithCpd() {
        String username = "cpdfile" + NEXT.incrementAndGet();
        Response added = post("provider", "/api/centres/NSA01/staff", Map.of("username", username, "name",
                "Dev Patel " + username, "role", "ASSESSOR", "occupationalCompetenceLevel", 5,
                "salesLeadershipCompetence", false));
        assertThat(added.status()).as(added.raw()).isEqualTo(201);
        Response cpd = post("provider", "/api/staff/" + username + "/cpd", Map.of("date",
                today().minusDays(5).toString(), "hours", 6, "salesRelated", true, "description", "Negotiation course"));
        assertThat(cpd.status()).as(cpd.raw()).isEqualTo(201);
        JsonNode entry = cpd.body().get("cpd").get(0);
        assertThat(entry.get("file").isNull()).as("no file yet").isTrue();
        return new Person(username, added.body().get("temporaryPassword").asText(), entry.get("id").asLong());
    }

    private static String file(Person p) {
        return file(p.username(), p.cpdId());
    }

    private static String file(String username, long cpdId) {
        return "/api/staff/" + username + "/cpd/" + cpdId + "/file";
    }

    private HttpResponse<String> attach(String user, String path, String name, String claimedType, byte[] content) {
        return Multipart.upload(port, user, path, name, claimedType, content, List.of());
    }

    private HttpResponse<byte[]> download(String user, String password, String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                        .getBytes(StandardCharsets.UTF_8))).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void theProviderAttachesACertificateThatTheQualityManagerAndThePersonDownloadWithItsSha256() throws Exception {
        Person p = assessorWithCpd();
        // Over the 2 MB of an ordinary request and over two 1 MB chunks: the bytes must come back whole, in order.
        byte[] content = EvidenceFilesApiTest.pdf(3 * 1024 * 1024 + 77, 21);
        HttpResponse<String> attached = attach("provider", file(p), "negotiation certificate.pdf", "application/pdf",
                content);
        assertThat(attached.statusCode()).as(attached.body()).isEqualTo(201);
        JsonNode stored = json.readTree(attached.body());
        assertThat(stored.get("name").asText()).isEqualTo("negotiation certificate.pdf");
        assertThat(stored.get("size").asLong()).isEqualTo(content.length);
        assertThat(stored.get("sha256").asText()).isEqualTo(EvidenceFilesApiTest.sha256(content));
        assertThat(stored.get("contentType").asText()).isEqualTo("application/pdf");
        assertThat(jdbc.queryForObject("select count(*) from evidence_file_chunk where file_id = ?", Integer.class,
                stored.get("id").asLong())).isEqualTo(4);

        JsonNode listed = get("provider", "/api/staff/" + p.username()).body().get("cpd").get(0).get("file");
        assertThat(listed.get("sha256").asText()).isEqualTo(EvidenceFilesApiTest.sha256(content));
        assertThat(listed.get("href").asText()).isEqualTo(file(p));

        for (String[] user : List.of(new String[]{"provider", "demo"}, new String[]{"qm", "demo"},
                new String[]{p.username(), p.password()})) {
            HttpResponse<byte[]> got = download(user[0], user[1], file(p));
            assertThat(got.statusCode()).as(user[0]).isEqualTo(200);
            assertThat(got.body()).as(user[0]).isEqualTo(content);
            assertThat(got.headers().firstValue("Content-Type")).hasValue("application/pdf");
            assertThat(got.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment");
            assertThat(got.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(got.headers().firstValue("X-Evidence-SHA256")).hasValue(EvidenceFilesApiTest.sha256(content));
        }

        List<String> trail = java.util.stream.StreamSupport.stream(get("provider", "/api/centres/NSA01/history")
                        .body().spliterator(), false).filter(e -> p.username().equals(e.path("subject").asText()))
                .map(e -> e.get("action").asText()).toList();
        assertThat(trail).contains("CPD file attached");
    }

    @Test
    void htmlRenamedPdfIsServedAsAnAttachmentOfASafeTypeAndASecondFileReplacesTheFirst() throws Exception {
        Person p = assessorWithCpd();
        byte[] first = EvidenceFilesApiTest.pdf(20_000, 3);
        assertThat(attach("qm", file(p), "first.pdf", "application/pdf", first).statusCode()).isEqualTo(201);

        byte[] html = "<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"
                .getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> attached = attach("provider", file(p), "certificate.pdf", "application/pdf", html);
        assertThat(attached.statusCode()).as(attached.body()).isEqualTo(201);
        assertThat(json.readTree(attached.body()).get("contentType").asText()).as("sniffed, not the name's")
                .isEqualTo("text/html");
        assertThat(jdbc.queryForObject("select count(*) from evidence_file where cpd_id = ?", Integer.class,
                p.cpdId())).as("one file per CPD entry").isEqualTo(1);

        HttpResponse<byte[]> got = download("provider", "demo", file(p));
        assertThat(got.statusCode()).isEqualTo(200);
        assertThat(got.body()).isEqualTo(html);
        assertThat(got.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
        assertThat(got.headers().firstValue("Content-Disposition").orElseThrow())
                .startsWith("attachment").contains("certificate.pdf");
        assertThat(got.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    @Test
    void anotherCentreAColleagueAnUnknownEntryOrNoFileAreRefused() throws Exception {
        Person p = assessorWithCpd();
        byte[] content = EvidenceFilesApiTest.pdf(10_000, 5);

        HttpResponse<byte[]> none = download("provider", "demo", file(p));
        assertThat(none.statusCode()).as("no file yet").isEqualTo(404);
        assertThat(new String(none.body(), StandardCharsets.UTF_8)).contains("has no file");

        HttpResponse<String> otherCentre = attach("provider2", file(p), "c.pdf", "application/pdf", content);
        assertThat(otherCentre.statusCode()).as(otherCentre.body()).isEqualTo(403);
        assertThat(attach("assessor", file(p), "c.pdf", "application/pdf", content).statusCode())
                .as("a colleague").isEqualTo(403);
        HttpResponse<String> unknown = attach("provider", file(p.username(), p.cpdId() + 100_000), "c.pdf",
                "application/pdf", content);
        assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(404);
        assertThat(json.readTree(unknown.body()).get("detail").asText()).contains("has no CPD entry");
        // Another person's entry, named under this one, is as unknown.
        Person other = assessorWithCpd();
        assertThat(attach("provider", file(p.username(), other.cpdId()), "c.pdf", "application/pdf", content)
                .statusCode()).isEqualTo(404);
        HttpResponse<String> empty = attach("provider", file(p), "c.pdf", "application/pdf", new byte[0]);
        assertThat(empty.statusCode()).as(empty.body()).isEqualTo(400);
        assertThat(jdbc.queryForObject("select count(*) from evidence_file where cpd_id = ?", Integer.class,
                p.cpdId())).isZero();

        HttpResponse<String> stored = attach("provider", file(p), "c.pdf", "application/pdf", content);
        assertThat(stored.statusCode()).isEqualTo(201);
        long fileId = json.readTree(stored.body()).get("id").asLong();
        assertThat(download("provider2", "demo", file(p)).statusCode()).as("another centre").isEqualTo(403);
        assertThat(download("assessor", "demo", file(p)).statusCode()).as("a colleague").isEqualTo(403);
        assertThat(download("provider", "demo", file(p.username(), p.cpdId() + 100_000)).statusCode())
                .isEqualTo(404);
        assertThat(download("qm", "demo", "/api/files/" + fileId).statusCode())
                .as("a CPD file is no claim's evidence").isEqualTo(404);
    }

    @Test
    void aFileOverTheLimitIsRefusedWith413AndNothingIsKept() throws Exception {
        Person p = assessorWithCpd();
        String answer = stream(file(p), 50L * 1024 * 1024 + 1);
        assertThat(answer).startsWith("HTTP/1.1 413").contains("application/problem+json");
        assertThat(jdbc.queryForObject("select count(*) from evidence_file where cpd_id = ?", Integer.class,
                p.cpdId())).isZero();
    }

    /** A multipart upload over a plain socket, made as it is sent, stopping once the server answers. */
    private String stream(String path, long fileSize) throws IOException {
        String boundary = Multipart.boundary();
        byte[] head = Multipart.head(boundary, "huge.pdf", "application/pdf", List.of());
        byte[] tail = Multipart.tail(boundary, true);
        byte[] block = new byte[64 * 1024];
        System.arraycopy("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII), 0, block, 0, 9);
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(120_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost:" + port + "\r\n"
                    + "Authorization: " + Multipart.basic("provider") + "\r\n"
                    + "Accept: application/json, application/problem+json\r\n"
                    + "Content-Type: multipart/form-data; boundary=" + boundary + "\r\n"
                    + "Content-Length: " + (head.length + fileSize + tail.length) + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            try {
                out.write(head);
                long sent = 0;
                while (sent < fileSize && in.available() == 0) {
                    int n = (int) Math.min(block.length, fileSize - sent);
                    out.write(block, 0, n);
                    sent += n;
                }
                if (sent == fileSize) {
                    out.write(tail);
                    out.flush();
                }
            } catch (IOException closed) {
                // The server answered and closed the connection while the rest was on its way: read the answer.
            }
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; answer.size() < 65536 && (n = in.read(buffer)) > 0; ) {
                    answer.write(buffer, 0, n);
                    if (answer.toString(StandardCharsets.UTF_8).contains("\r\n\r\n{")
                            && answer.toString(StandardCharsets.UTF_8).trim().endsWith("}")) {
                        break;
                    }
                }
            } catch (IOException closed) {
                // Answered and closed.
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }
}
