package org.qaflow.notification;

import org.qaflow.security.AppUserRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;

/**
 * Mails notifications once the action that caused them has committed: a rolled-back action sends nothing, and a mail
 * server that is down or refuses never fails the action (the failure is logged and recorded on the notification).
 * Mail is sent only when a mail server is configured (spring.mail.host, which makes Spring Boot provide the
 * JavaMailSender) and qaflow.notifications.mail.enabled is not false.
 */
@Component
public class NotificationMailer {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationMailer.class);

    /** The notifications just stored that have an address to mail. */
    record ToMail(List<Long> ids) {
    }

    private final ObjectProvider<JavaMailSender> sender;
    private final NotificationRepository notifications;
    private final AppUserRepository users;
    private final TransactionTemplate ownTransaction;
    private final boolean enabled;
    private final String from;
    private final String baseUrl;

    public NotificationMailer(ObjectProvider<JavaMailSender> sender, NotificationRepository notifications,
                              AppUserRepository users, PlatformTransactionManager transactions,
                              @Value("${qaflow.notifications.mail.enabled:true}") boolean enabled,
                              @Value("${qaflow.notifications.mail.from:qaflow@example.org}") String from,
                              @Value("${qaflow.base-url:http://localhost:8080}") String baseUrl) {
        this.sender = sender;
        this.notifications = notifications;
        this.users = users;
        // The committed transaction's resources are still bound after commit: reads and writes need their own.
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.enabled = enabled;
        this.from = from;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    public boolean enabled() {
        return enabled && sender.getIfAvailable() != null;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT)
    public void send(ToMail mail) {
        mail.ids().forEach(this::send);
    }

    private void send(long id) {
        SimpleMailMessage message = ownTransaction.execute(status -> notifications.findById(id)
                .flatMap(n -> users.findById(n.getRecipient()).map(user -> {
                    SimpleMailMessage m = new SimpleMailMessage();
                    m.setFrom(from);
                    m.setTo(user.getEmail());
                    m.setSubject("qaflow: " + n.getMessage().split(":", 2)[0]);
                    m.setText(n.getMessage() + "\n\n" + baseUrl + n.getLink() + "\n");
                    return m;
                })).orElse(null));
        if (message == null) {
            return;
        }
        Notification.MailStatus outcome;
        String detail = null;
        try {
            sender.getObject().send(message);
            outcome = Notification.MailStatus.SENT;
        } catch (RuntimeException e) {
            LOG.warn("Notification {} could not be mailed to {}: {}", id, message.getTo(), e.toString());
            outcome = Notification.MailStatus.FAILED;
            detail = e.getMessage();
        }
        Notification.MailStatus recorded = outcome;
        String why = detail;
        try {
            ownTransaction.executeWithoutResult(status -> notifications.findById(id)
                    .ifPresent(n -> n.mailed(recorded, why)));
        } catch (RuntimeException e) {
            LOG.warn("Notification {}: mail {} but not recorded: {}", id, recorded, e.toString());
        }
    }
}
