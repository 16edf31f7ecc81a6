package org.qaflow.learner;

/** Where one unit of a claim stands. */
public enum UnitStatus {
    AWAITING_ASSESSMENT("awaiting assessment"),
    SAMPLED_FOR_IQA("sampled for IQA"),
    REFERRED_BACK("referred back to the assessor"),
    AWAITING_COUNTERSIGNATURE("awaiting a qualified IQA's countersignature"),
    VERIFIED("assessed and verified");

    private final String words;

    UnitStatus(String words) {
        this.words = words;
    }

    public String words() {
        return words;
    }
}
