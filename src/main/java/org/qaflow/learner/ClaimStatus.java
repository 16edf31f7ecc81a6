package org.qaflow.learner;

/** Where a learner's claim for a qualification stands, in the words a provider reads. */
public enum ClaimStatus {
    AWAITING_ASSESSMENT("awaiting assessment"),
    IN_ASSESSMENT("units in assessment"),
    COMBINATION_NOT_MET("verified units do not yet make the qualification"),
    AWAITING_FIRST_EQA_VISIT("waiting for the first EQA visit"),
    AWAITING_EQA_RELEASE("waiting for the EQA to release it"),
    HELD_BY_EQA("held after an unsatisfactory EQA visit"),
    CERTIFICATE_ISSUED("certificate issued"),
    WITHDRAWN("withdrawn from the qualification");

    private final String words;

    ClaimStatus(String words) {
        this.words = words;
    }

    public String words() {
        return words;
    }
}
