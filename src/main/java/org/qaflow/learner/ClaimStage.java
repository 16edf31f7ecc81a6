package org.qaflow.learner;

/**
 * Where a claim stands for the dashboards' counts, each a query the claims list filters by too, so that a count and
 * the list it links to always agree. A claim can be at several stages at once (one unit with the IQA, another
 * referred back).
 */
public enum ClaimStage {
    AWAITING_ASSESSMENT("awaiting assessment", "a unit awaiting assessment"),
    WITH_IQA("with the IQA", "a unit sampled for the IQA or awaiting countersignature"),
    REFERRED_BACK("referred back", "a unit referred back to the assessor"),
    AWAITING_EQA("awaiting the EQA", "waiting for the EQA to release it or held by the EQA"),
    CERTIFICATED_THIS_MONTH("certificated this month", "certificate issued this calendar month");

    private final String words;
    private final String meaning;

    ClaimStage(String words, String meaning) {
        this.words = words;
        this.meaning = meaning;
    }

    public String words() {
        return words;
    }

    /** What a claim at this stage has, for the list's heading ("claims with a unit referred back ..."). */
    public String meaning() {
        return meaning;
    }
}
