package org.qaflow.learner;

/**
 * A claim's assessor was replaced and recorded; the workflow moves the open assessment tasks and the processes'
 * assessor to the new one, in the same transaction.
 */
public record AssessorReassigned(long claimId, String from, String to) {
}
