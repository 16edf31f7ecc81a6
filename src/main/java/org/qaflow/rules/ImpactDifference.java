package org.qaflow.rules;

/**
 * One record that would be decided differently: who or what, the decision before and after, and the same said as one
 * sentence naming the person or centre ("Chloe Davies, assessor at RVT02 Riverside Training Partnership: eligible ->
 * not eligible: has 24.0 hours ...").
 */
public record ImpactDifference(String source, String subject, String summary, Object before, Object after,
                               String sentence) {
}
