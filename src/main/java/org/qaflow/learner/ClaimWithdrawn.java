package org.qaflow.learner;

/** A learner was withdrawn from a claim and it was recorded; the workflow stops its processes and their tasks. */
public record ClaimWithdrawn(long claimId) {
}
