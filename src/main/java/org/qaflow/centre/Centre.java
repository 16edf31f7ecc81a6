package org.qaflow.centre;

import jakarta.persistence.*;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A training centre approved by the awarding organisation to offer some of its qualifications. */
@Entity
@Table(name = "centre")
public class Centre {

    public enum RiskRating { LOW, MEDIUM, HIGH }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    private String code;
    private String name;
    private boolean directClaimStatus;
    @Enumerated(EnumType.STRING)
    private RiskRating riskRating;
    /** The EQA the awarding organisation appointed to this centre, if any. */
    private String eqaUsername;

    @ElementCollection
    @CollectionTable(name = "centre_qualification", joinColumns = @JoinColumn(name = "centre_id"))
    @OrderBy("qan")
    private List<Approval> approvals = new ArrayList<>();

    protected Centre() {
    }

    public Centre(String code, String name, boolean directClaimStatus, RiskRating riskRating, String eqaUsername,
                  Set<String> approvedQualifications) {
        this.code = code;
        this.name = name;
        this.directClaimStatus = directClaimStatus;
        this.riskRating = riskRating;
        this.eqaUsername = eqaUsername;
        approvedQualifications.forEach(qan -> approvals.add(new Approval(qan, null, null)));
    }

    /** A suspended approval registers nobody until the qualification is approved again. */
    public boolean isApprovedFor(String qan) {
        return approval(qan).filter(a -> a.getSuspendedOn() == null).isPresent();
    }

    public Optional<Approval> approval(String qan) {
        return approvals.stream().filter(a -> a.getQan().equals(qan)).findFirst();
    }

    /** Approves the qualification, or lifts its suspension with a new approval date. */
    public void approve(String qan, LocalDate on, String by) {
        approvals.removeIf(a -> a.getQan().equals(qan));
        approvals.add(new Approval(qan, on, by));
    }

    /** Replaced, not changed in place, so that Hibernate sees the collection change. */
    public void suspend(String qan, LocalDate on, String reason) {
        Approval old = approval(qan).orElseThrow();
        Approval suspended = new Approval(qan, old.getApprovedOn(), old.getApprovedBy());
        suspended.suspend(on, reason);
        approvals.remove(old);
        approvals.add(suspended);
    }

    public Long getId() { return id; }
    public String getCode() { return code; }
    public String getName() { return name; }
    public boolean isDirectClaimStatus() { return directClaimStatus; }
    public RiskRating getRiskRating() { return riskRating; }
    public String getEqaUsername() { return eqaUsername; }
    public List<Approval> getApprovals() { return approvals; }

    public void setDirectClaimStatus(boolean directClaimStatus) { this.directClaimStatus = directClaimStatus; }
    public void setEqaUsername(String eqaUsername) { this.eqaUsername = eqaUsername; }
    public void setRiskRating(RiskRating riskRating) { this.riskRating = riskRating; }

    /** The awarding organisation's approval of the centre for one qualification; dates are null for seed data. */
    @Embeddable
    public static class Approval {
        private String qan;
        private LocalDate approvedOn;
        private String approvedBy;
        private LocalDate suspendedOn;
        private String suspendedReason;

        protected Approval() {
        }

        Approval(String qan, LocalDate approvedOn, String approvedBy) {
            this.qan = qan;
            this.approvedOn = approvedOn;
            this.approvedBy = approvedBy;
        }

        void suspend(LocalDate on, String reason) {
            this.suspendedOn = on;
            this.suspendedReason = reason;
        }

        public String getQan() { return qan; }
        public LocalDate getApprovedOn() { return approvedOn; }
        public String getApprovedBy() { return approvedBy; }
        public LocalDate getSuspendedOn() { return suspendedOn; }
        public String getSuspendedReason() { return suspendedReason; }
    }
}
