package org.qaflow.notification;

import java.time.LocalDate;

/**
 * What a feature announces when someone else must act next. Published inside the feature's transaction; Notifications
 * stores the notification in that same transaction (listeners run synchronously) and mails it after commit.
 */
public sealed interface Notice {

    /** The IQA referred the decision on a claim unit back to its assessor. */
    record ReferredBack(long claimUnitId, String iqa, String reason) implements Notice {
    }

    /** The sampling rules chose the decision on a claim unit for IQA verification. */
    record SampledForIqa(long claimUnitId) implements Notice {
    }

    /** A working-towards IQA's acceptance of the decision on a claim unit needs a qualified countersignature. */
    record CountersignNeeded(long claimUnitId, String iqa) implements Notice {
    }

    /** The EQA fixed the date of a visit to the centre. */
    record VisitPlanned(long centreId, String eqa, LocalDate date) implements Notice {
    }

    /** The claim waits for, or is held by, the EQA; why completes "the claim is ...". */
    record ClaimHeld(long claimId, String why) implements Notice {
    }

    /** The claim's certificate has been issued. */
    record CertificateIssued(long claimId) implements Notice {
    }
}
