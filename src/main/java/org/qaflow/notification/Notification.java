package org.qaflow.notification;

import jakarta.persistence.*;

import java.time.Instant;

/**
 * Something a person must act on next, in words, with a link to where it is done. Written in the transaction of the
 * action that caused it; the e-mail's outcome is recorded on it after commit.
 */
@Entity
@Table(name = "notification")
public class Notification {

    /** The six moments someone else must act. */
    public enum Kind { REFERRED_BACK, SAMPLED_FOR_IQA, COUNTERSIGN_NEEDED, VISIT_PLANNED, CLAIM_HELD, CERTIFICATE_ISSUED }

    /** What became of the e-mail. */
    public enum MailStatus { PENDING, SENT, FAILED, OFF, NO_ADDRESS }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private String recipient;
    @Enumerated(EnumType.STRING)
    private Kind kind;
    private String message;
    private String link;
    private Long claimId;
    private Instant createdAt;
    private Instant readAt;
    @Enumerated(EnumType.STRING)
    private MailStatus mailStatus;
    private String mailDetail;

    protected Notification() {
    }

    Notification(String recipient, Kind kind, String message, String link, Long claimId,
                 Instant createdAt, MailStatus mailStatus) {
        this.recipient = recipient;
        this.kind = kind;
        this.message = message;
        this.link = link;
        this.claimId = claimId;
        this.createdAt = createdAt;
        this.mailStatus = mailStatus;
    }

    void read(Instant at) {
        if (readAt == null) {
            readAt = at;
        }
    }

    void mailed(MailStatus status, String detail) {
        this.mailStatus = status;
        this.mailDetail = detail == null || detail.length() <= 500 ? detail : detail.substring(0, 500);
    }

    public Long getId() { return id; }
    public String getRecipient() { return recipient; }
    public Kind getKind() { return kind; }
    public String getMessage() { return message; }
    public String getLink() { return link; }
    public Long getClaimId() { return claimId; }
    public Instant getCreatedAt() { return createdAt; }
    public Instant getReadAt() { return readAt; }
    public boolean isUnread() { return readAt == null; }
    public MailStatus getMailStatus() { return mailStatus; }
    public String getMailDetail() { return mailDetail; }
}
