package org.qaflow.security;

import org.junit.jupiter.api.Test;
import org.qaflow.support.ApiTestBase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Password guessing over both login paths, from real client addresses: requests go out over plain sockets bound to
 * 127.0.0.1, 127.0.0.2, ... so the server sees different callers, exactly as it would see different machines.
 */
class LoginThrottleTest extends ApiTestBase {

    private static final String REAL_USER = "127.0.0.1";
    private static final String STRANGER = "127.0.0.2";

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void thirtyWrongPasswordsOnTheLoginFormThenTheRightOneIsRefusedAndSaysWhenToTryAgain() {
        String account = newAccount("formguess");
        FormSession form = new FormSession(STRANGER);
        for (int attempt = 1; attempt <= 30; attempt++) {
            assertThat(form.login(account, "guess" + attempt).location()).as("attempt " + attempt)
                    .endsWith("/login?error");
        }
        Raw right = form.login(account, PASSWORD);
        assertThat(right.location()).as("the right password after 30 guesses").endsWith("/login?error");
        Raw page = form.get("/login?error");
        assertThat(page.body()).contains("Too many failed logins for ").contains(account)
                .containsPattern("from your address: try again in \\d+ seconds");
        assertThat(form.get("/home").status()).as("not logged in").isEqualTo(302);
    }

    @Test
    void wrongBasicPasswordsFromOneAddressRefuseItThatAccountWith429ButTheRealUserElsewhereStillGetsIn() {
        String account = newAccount("basicguess");
        for (int attempt = 1; attempt <= 5; attempt++) {
            assertThat(basic(STRANGER, account, "guess" + attempt).status()).as("attempt " + attempt).isEqualTo(401);
        }
        Raw locked = basic(STRANGER, account, PASSWORD);
        assertThat(locked.status()).as("even the right password waits").isEqualTo(429);
        assertThat(locked.header("retry-after")).matches("\\d+");
        assertThat(locked.body()).contains("Too many failed logins for '" + account + "' from your address");
        assertThat(basic(STRANGER, "qm", PASSWORD).status()).as("other accounts from that address").isEqualTo(200);

        assertThat(basic(REAL_USER, account, PASSWORD).status()).as("the real user, from their own address")
                .isEqualTo(200);
        assertThat(new FormSession(REAL_USER).login(account, PASSWORD).location()).as("and on the login form")
                .endsWith("/home");
    }

    @Test
    void failuresOnTheFormAndOverBasicCountTogether() {
        String account = newAccount("bothpaths");
        FormSession form = new FormSession(STRANGER);
        for (int attempt = 1; attempt <= 3; attempt++) {
            assertThat(form.login(account, "guess" + attempt).location()).endsWith("/login?error");
        }
        assertThat(basic(STRANGER, account, "guess4").status()).isEqualTo(401);
        assertThat(basic(STRANGER, account, "guess5").status()).isEqualTo(401);
        assertThat(basic(STRANGER, account, PASSWORD).status()).isEqualTo(429);
        assertThat(form.login(account, PASSWORD).location()).endsWith("/login?error");
    }

    @Test
    void thirtyParallelGuessesAreCountedBeforeTheyAreChecked() throws Exception {
        String account = newAccount("parallel");
        ExecutorService pool = Executors.newFixedThreadPool(30);
        try {
            List<Future<Raw>> guesses = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                String guess = "parallel-guess-" + i;
                guesses.add(pool.submit(() -> basic(STRANGER, account, guess)));
            }
            Map<Integer, Integer> statuses = new LinkedHashMap<>();
            for (Future<Raw> guess : guesses) {
                statuses.merge(guess.get().status(), 1, Integer::sum);
            }
            assertThat(statuses).as("only five guesses were checked, the rest refused unchecked")
                    .containsEntry(401, 5).containsEntry(429, 25);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void guessingFromManyAddressesSlowsNewAddressesButNotOnesTheUserLoggedInFromBefore() throws Exception {
        String account = newAccount("manyaddr");
        assertThat(basic(REAL_USER, account, PASSWORD).status()).isEqualTo(200);
        // Four addresses, five guesses each: the account has had 20 failures, the point where slowing starts.
        for (int host = 2; host <= 5; host++) {
            for (int attempt = 1; attempt <= 5; attempt++) {
                assertThat(basic("127.0.0." + host, account, "guess" + attempt).status()).isEqualTo(401);
            }
        }
        // New addresses now take turns two seconds apart, and one that would wait more than ten is refused.
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Raw>> guesses = new ArrayList<>();
            for (int host = 10; host < 18; host++) {
                String address = "127.0.0." + host;
                guesses.add(pool.submit(() -> basic(address, account, "guess")));
            }
            Thread.sleep(1000);
            Raw realUser = basic(REAL_USER, account, PASSWORD);
            assertThat(realUser.status()).as("the user's usual address is not slowed: " + realUser.body()).isEqualTo(200);
            long asked = System.nanoTime();
            Raw newAddress = basic("127.0.0.30", account, PASSWORD);
            long waited = (System.nanoTime() - asked) / 1_000_000;
            // Normally refused outright (its turn is more than ten seconds away); on a machine so slow that the
            // guesses above had not all arrived yet, it is let in only after waiting its turn.
            assertThat(newAddress.status() == 429 && newAddress.body().contains("from many addresses")
                    || newAddress.status() == 200 && waited >= 1_500)
                    .as("a new address waits its turn, even with the right password: " + newAddress.status() + " after "
                            + waited + " ms: " + newAddress.body()).isTrue();
            Map<Integer, Integer> statuses = new LinkedHashMap<>();
            for (Future<Raw> guess : guesses) {
                statuses.merge(guess.get().status(), 1, Integer::sum);
            }
            int checked = statuses.getOrDefault(401, 0);
            assertThat(checked + statuses.getOrDefault(429, 0)).as(statuses.toString()).isEqualTo(8);
            assertThat(checked).as("at least the first guess is checked: " + statuses).isGreaterThanOrEqualTo(1);
            assertThat((System.nanoTime() - start) / 1_000_000).as("checked guesses took turns two seconds apart")
                    .isGreaterThanOrEqualTo(2_000L * (checked - 1));
        } finally {
            pool.shutdownNow();
        }
    }

    private String newAccount(String prefix) {
        String name = prefix + System.nanoTime() % 1_000_000;
        jdbc.update("insert into app_user (username, password_hash, role, display_name, centre_id, enabled) select "
                + "?, password_hash, role, 'Target of guessing', centre_id, enabled from app_user where username = 'qm'",
                name);
        return name;
    }

    private Raw basic(String from, String user, String password) {
        String credentials = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return send(from, "GET /api/units HTTP/1.1\r\nAuthorization: Basic " + credentials + "\r\n", null);
    }

    /** A browser's session with the login form: its cookie and CSRF token. */
    private final class FormSession {
        private final String from;
        private String cookie;
        private String csrf;

        FormSession(String from) {
            this.from = from;
            Raw page = get("/login");
            Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page.body());
            assertThat(token.find()).as(page.body()).isTrue();
            csrf = token.group(1);
        }

        Raw get(String path) {
            return remember(send(from, "GET " + path + " HTTP/1.1\r\n" + cookieHeader(), null));
        }

        Raw login(String user, String password) {
            String form = "username=" + encode(user) + "&password=" + encode(password) + "&_csrf=" + encode(csrf);
            return remember(send(from, "POST /login HTTP/1.1\r\n" + cookieHeader()
                    + "Content-Type: application/x-www-form-urlencoded\r\n", form));
        }

        private String cookieHeader() {
            return cookie == null ? "" : "Cookie: " + cookie + "\r\n";
        }

        private Raw remember(Raw response) {
            String set = response.header("set-cookie");
            if (set != null) {
                cookie = set.split(";", 2)[0];
            }
            return response;
        }

        private String encode(String value) {
            return URLEncoder.encode(value, StandardCharsets.UTF_8);
        }
    }

    record Raw(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String location() {
            assertThat(status).as(body).isEqualTo(302);
            return header("location");
        }
    }

    /** One HTTP/1.1 request over a socket bound to the given local address; the connection closes after it. */
    private Raw send(String from, String head, String body) {
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write((head + "Host: localhost:" + port + "\r\nAccept: application/json, text/html\r\n"
                    + "Connection: close\r\nContent-Length: " + content.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.write(content);
            out.flush();
            return parse(socket.getInputStream().readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Raw parse(byte[] raw) throws IOException {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int split = text.indexOf("\r\n\r\n");
        String[] lines = text.substring(0, split).split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.putIfAbsent(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    lines[i].substring(colon + 1).trim());
        }
        byte[] body = java.util.Arrays.copyOfRange(raw, split + 4, raw.length);
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = dechunk(new java.io.ByteArrayInputStream(body));
        }
        return new Raw(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private static byte[] dechunk(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            StringBuilder size = new StringBuilder();
            int c;
            while ((c = in.read()) != '\n' && c != -1) {
                if (c != '\r') {
                    size.append((char) c);
                }
            }
            int length = size.isEmpty() ? 0 : Integer.parseInt(size.toString().split(";")[0].trim(), 16);
            if (length == 0) {
                return out.toByteArray();
            }
            out.write(in.readNBytes(length));
            in.read();
            in.read();
        }
    }
}
