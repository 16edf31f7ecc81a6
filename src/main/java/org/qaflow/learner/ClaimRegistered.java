package org.qaflow.learner;

/** A claim was registered and saved; the workflow starts its claim process in the same transaction. */
public record ClaimRegistered(long claimId) {
}
