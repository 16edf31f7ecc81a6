package org.qaflow.rules;

/** One record that would be decided differently: who or what, and the decision before and after. */
public record ImpactDifference(String source, String subject, String summary, Object before, Object after) {
}
