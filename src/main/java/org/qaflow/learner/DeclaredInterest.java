package org.qaflow.learner;

import jakarta.persistence.*;
import java.io.Serializable;

/** A staff member's personal interest in a learner's result: they may not assess or quality-assure that learner. */
@Entity
@Table(name = "declared_interest")
@IdClass(DeclaredInterest.Key.class)
public class DeclaredInterest {

    @Id
    private Long staffId;
    @Id
    private Long learnerId;
    private String reason;

    protected DeclaredInterest() {
    }

    public DeclaredInterest(Long staffId, Long learnerId, String reason) {
        this.staffId = staffId;
        this.learnerId = learnerId;
        this.reason = reason;
    }

    public Long getStaffId() { return staffId; }
    public Long getLearnerId() { return learnerId; }
    public String getReason() { return reason; }

    public record Key(Long staffId, Long learnerId) implements Serializable {
        public Key() {
            this(null, null);
        }
    }
}
