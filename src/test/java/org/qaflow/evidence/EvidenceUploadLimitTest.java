package org.qaflow.evidence;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qaflow.support.AppJvm;
import org.qaflow.support.TestDatabase;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 200 MB evidence file is refused with a 413 problem by an application in its own JVM limited to 512 MB of heap,
 * which keeps serving afterwards: the body is streamed to it, generated on the fly (never a 200 MB array here either),
 * with its length declared, without one (chunked), and a file just over the 50 MB limit in a request that is not.
 */
class EvidenceUploadLimitTest {

    private static final long MB = 1024 * 1024;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static Process app;
    private static int port;
    private static File log;
    private static long claimId;

    @BeforeAll
    static void startInItsOwnJvm() throws Exception {
        TestDatabase database = TestDatabase.create("upload-limit");
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        List<String> command = AppJvm.command(database, "--server.port=" + port, "--qaflow.node-name=upload-limit");
        log = Path.of("target", "test-data", "upload-limit-" + port + ".log").toFile();
        app = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
        waitUntilUp();
        HttpResponse<String> registered = HTTP.send(HttpRequest.newBuilder(uri("/api/claims"))
                .header("Authorization", Multipart.basic("provider")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"firstName\":\"Big\",\"lastName\":\"File\","
                        + "\"dateOfBirth\":\"1992-02-02\",\"uln\":\"7400000001\",\"qualification\":\"610/3751/5\","
                        + "\"assessor\":\"assessor\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
        claimId = Long.parseLong(registered.body().replaceAll(".*?\"id\":(\\d+).*", "$1"));
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (app != null) {
            app.destroy();
            if (!app.waitFor(30, TimeUnit.SECONDS)) {
                app.destroyForcibly().waitFor();
            }
        }
    }

    private static URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static String path() {
        return "/api/claims/" + claimId + "/units/L4B1/files";
    }

    @Test
    void a200MbFileWithItsLengthDeclaredIsRefusedWith413() throws Exception {
        String answer = stream(200 * MB, false);
        assertThat(answer).startsWith("HTTP/1.1 413").contains("application/problem+json")
                .contains("qaflow.evidence.max-file-size");
        stillServing();
    }

    @Test
    void a200MbFileSentChunkedIsRefusedWith413WhileItIsRead() throws Exception {
        String answer = stream(200 * MB, true);
        assertThat(answer).startsWith("HTTP/1.1 413").contains("application/problem+json")
                .contains("qaflow.evidence.max-file-size");
        stillServing();
    }

    @Test
    void aFileUnderTheLimitSentChunkedIsStoredWhole() throws Exception {
        String answer = stream(5 * MB, true);
        assertThat(answer).startsWith("HTTP/1.1 201").contains("\"size\":" + 5 * MB);
    }

    @Test
    void aFileJustOverTheLimitInARequestUnderItIsRefusedWith413SayingTheLimit() throws Exception {
        String answer = stream(50 * MB + 1, false);
        assertThat(answer).startsWith("HTTP/1.1 413").contains("application/problem+json")
                .contains("52428800 bytes (50 MB)");
        stillServing();
    }

    /** The app answers, stores a small file whole and has not run out of memory. */
    private void stillServing() throws Exception {
        byte[] small = EvidenceFilesApiTest.pdf(300_000, 9);
        HttpResponse<String> stored = Multipart.upload(port, "assessor", path(), "small.pdf", "application/pdf", small,
                List.of("1.1"));
        assertThat(stored.statusCode()).as(stored.body()).isEqualTo(201);
        assertThat(stored.body()).contains(EvidenceFilesApiTest.sha256(small));
        assertThat(app.isAlive()).isTrue();
        assertThat(Files.readString(log.toPath())).doesNotContain("OutOfMemoryError");
    }

    /**
     * Sends a multipart upload of a file of the given size over a plain socket, the bytes made as they are sent, and
     * stops sending as soon as the server answers (as a browser does); the server's answer, headers and body.
     */
    private static String stream(long fileSize, boolean chunked) throws IOException {
        String boundary = Multipart.boundary();
        byte[] head = Multipart.head(boundary, "huge.pdf", "application/pdf", List.of("1.1"));
        byte[] tail = Multipart.tail(boundary, true);
        long length = head.length + fileSize + tail.length;
        byte[] block = new byte[64 * 1024];
        new Random(42).nextBytes(block);
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(120_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write(("POST " + path() + " HTTP/1.1\r\nHost: localhost:" + port + "\r\n"
                    + "Authorization: " + Multipart.basic("assessor") + "\r\n"
                    + "Accept: application/json, application/problem+json\r\n"
                    + "Content-Type: multipart/form-data; boundary=" + boundary + "\r\n"
                    + (chunked ? "Transfer-Encoding: chunked\r\n" : "Content-Length: " + length + "\r\n")
                    + "\r\n").getBytes(StandardCharsets.US_ASCII));
            try {
                send(out, head, chunked);
                long sent = 0;
                while (sent < fileSize && in.available() == 0) {
                    int n = (int) Math.min(block.length, fileSize - sent);
                    if (sent == 0) {
                        System.arraycopy("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII), 0, block, 0, 9);
                    }
                    send(out, n == block.length ? block : java.util.Arrays.copyOf(block, n), chunked);
                    sent += n;
                }
                if (sent == fileSize) {
                    send(out, tail, chunked);
                    if (chunked) {
                        out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    out.flush();
                }
            } catch (IOException closed) {
                // The server answered and closed the connection while the rest was on its way: read the answer.
            }
            return answer(in);
        }
    }

    private static void send(OutputStream out, byte[] bytes, boolean chunked) throws IOException {
        if (chunked) {
            out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        }
        out.write(bytes);
        if (chunked) {
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
    }

    /** The status line, headers and (up to 64 KB of) body. */
    private static String answer(InputStream in) throws IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        try {
            while (answer.size() < 64 * 1024 && (n = in.read(buffer)) > 0) {
                answer.write(buffer, 0, n);
                String text = answer.toString(StandardCharsets.ISO_8859_1);
                int end = text.indexOf("\r\n\r\n");
                if (end > 0 && text.substring(end).contains("}")) {
                    break;
                }
            }
        } catch (IOException reset) {
            // What arrived before the server closed the connection is the answer.
        }
        return answer.toString(StandardCharsets.UTF_8);
    }

    private static void waitUntilUp() throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            if (!app.isAlive()) {
                throw new AssertionError("the application died on start; see " + log);
            }
            try {
                if (HTTP.send(HttpRequest.newBuilder(uri("/actuator/health")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new AssertionError("the application did not start within 5 minutes; see " + log);
    }
}
