package org.qaflow.rules.facts;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** One assessment decision: should the IQA sample it, and why. */
public class IqaSamplingCheck extends Judged {

    private final long decisionId;
    private final boolean assessorWorkingTowards;
    private final int assessorPriorDecisions;
    private final boolean simulatedEvidence;
    private final int assessorRecentReferrals;
    private final String assessorRisk;
    private final List<String> reasons = new ArrayList<>();

    public IqaSamplingCheck(long decisionId, boolean assessorWorkingTowards, int assessorPriorDecisions,
                            boolean simulatedEvidence, int assessorRecentReferrals, String assessorRisk) {
        this.decisionId = decisionId;
        this.assessorWorkingTowards = assessorWorkingTowards;
        this.assessorPriorDecisions = assessorPriorDecisions;
        this.simulatedEvidence = simulatedEvidence;
        this.assessorRecentReferrals = assessorRecentReferrals;
        this.assessorRisk = assessorRisk;
    }

    public long getDecisionId() { return decisionId; }
    public boolean isAssessorWorkingTowards() { return assessorWorkingTowards; }
    public int getAssessorPriorDecisions() { return assessorPriorDecisions; }
    public boolean isSimulatedEvidence() { return simulatedEvidence; }
    public int getAssessorRecentReferrals() { return assessorRecentReferrals; }
    public String getAssessorRisk() { return assessorRisk; }
    public List<String> getReasons() { return reasons; }

    /** A number 0-99 fixed by the seed and the decision: the same decision under the same seed always draws the same. */
    public int draw(long seed) {
        return new SplittableRandom(seed * 1_000_003L + decisionId).nextInt(100);
    }

    public void sample(String reason) {
        reasons.add(reason);
    }
}
