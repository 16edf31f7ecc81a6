package org.qaflow.support;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A real SMTP server (GreenMail) in the test JVM, on a port of its own, that the test application mails its
 * notifications to. Stopped and started again on the same port, it shows what a mail server that is down does.
 */
public final class TestMail {

    /** The address links in mails start with: what qaflow.base-url says, not where the test server listens. */
    public static final String BASE_URL = "https://qaflow.test.example.org";

    private static final int PORT = freePort();
    private static GreenMail server = start();

    private TestMail() {
    }

    /** What a test application needs to send mail here. */
    public static Map<String, String> properties() {
        return Map.of("spring.mail.host", "127.0.0.1", "spring.mail.port", String.valueOf(PORT),
                "qaflow.notifications.mail.from", "qaflow@test.example.org", "qaflow.base-url", BASE_URL);
    }

    /** One received mail, as plain values. */
    public record Mail(String to, String from, String subject, String body) {
    }

    /** Every mail received so far, oldest first. */
    public static synchronized List<Mail> received() {
        return Arrays.stream(server.getReceivedMessages()).map(TestMail::mail).toList();
    }

    /** The mail server goes down; until {@link #up()} nothing is accepted. */
    public static synchronized void down() {
        server.stop();
    }

    public static synchronized void up() {
        if (!server.isRunning()) {
            server = start();
        }
    }

    private static Mail mail(MimeMessage message) {
        try {
            return new Mail(String.valueOf(message.getRecipients(Message.RecipientType.TO)[0]),
                    String.valueOf(message.getFrom()[0]), message.getSubject(), GreenMailUtil.getBody(message));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static GreenMail start() {
        GreenMail mail = new GreenMail(new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        mail.start();
        return mail;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
