package org.qaflow.evidence;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/** A multipart upload of one file and its criteria, as a browser or curl -F sends it, over real HTTP. */
final class Multipart {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private Multipart() {
    }

    static String boundary() {
        return "----qaflow" + UUID.randomUUID().toString().replace("-", "");
    }

    /** Everything before the file's bytes: the criteria fields, then the file part's headers. */
    static byte[] head(String boundary, String filename, String claimedType, List<String> criteria) {
        StringBuilder s = new StringBuilder();
        for (String c : criteria) {
            s.append("--").append(boundary).append("\r\n")
                    .append("Content-Disposition: form-data; name=\"criteria\"\r\n\r\n").append(c).append("\r\n");
        }
        if (filename != null) {
            s.append("--").append(boundary).append("\r\n")
                    .append("Content-Disposition: form-data; name=\"file\"; filename=\"").append(filename)
                    .append("\"\r\n").append("Content-Type: ").append(claimedType).append("\r\n\r\n");
        }
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] tail(String boundary, boolean afterFile) {
        return ((afterFile ? "\r\n" : "") + "--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
    }

    static byte[] body(String boundary, String filename, String claimedType, byte[] content, List<String> criteria) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head(boundary, filename, claimedType, criteria));
        if (filename != null) {
            out.writeBytes(content);
        }
        out.writeBytes(tail(boundary, filename != null));
        return out.toByteArray();
    }

    static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8));
    }

    static HttpResponse<String> upload(int port, String user, String path, String filename, String claimedType,
                                       byte[] content, List<String> criteria) {
        String boundary = boundary();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", basic(user))
                .header("Accept", "application/json, application/problem+json")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body(boundary, filename, claimedType, content, criteria)))
                .build();
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static HttpResponse<byte[]> download(int port, String user, String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", basic(user)).GET().build();
        try {
            return CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
