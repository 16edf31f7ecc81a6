package org.qaflow.rules.facts;

/** A row of rules/sampling data: the fixed parts of the IQA sampling policy. */
public class IqaSamplingPolicy {

    private long seed;
    private int firstDecisionsSampled;
    private int referralsForRaisedRate;
    private int raisedRatePercent;

    public long getSeed() { return seed; }
    public int getFirstDecisionsSampled() { return firstDecisionsSampled; }
    public int getReferralsForRaisedRate() { return referralsForRaisedRate; }
    public int getRaisedRatePercent() { return raisedRatePercent; }
}
