package org.qaflow.rules.facts;

import java.util.ArrayList;
import java.util.List;

/** Claims of one centre waiting for the EQA's release: at a visit, or remotely, and how many the EQA reviews. */
public class EqaReleaseCheck extends Judged {

    private final int satisfactoryVisits;
    private final String latestOutcome;
    private final int waitingClaims;
    private final List<String> atVisitReasons = new ArrayList<>();
    private final List<String> remoteReasons = new ArrayList<>();
    private int reviewCount;

    public EqaReleaseCheck(int satisfactoryVisits, String latestOutcome, int waitingClaims) {
        this.satisfactoryVisits = satisfactoryVisits;
        this.latestOutcome = latestOutcome;
        this.waitingClaims = waitingClaims;
    }

    public int getSatisfactoryVisits() { return satisfactoryVisits; }
    /** SATISFACTORY, UNSATISFACTORY, or NONE before the first visit. */
    public String getLatestOutcome() { return latestOutcome; }
    public int getWaitingClaims() { return waitingClaims; }
    public List<String> getAtVisitReasons() { return atVisitReasons; }
    public List<String> getRemoteReasons() { return remoteReasons; }
    public int getReviewCount() { return reviewCount; }

    public void atVisit(String reason) {
        atVisitReasons.add(reason);
    }

    /** Remote release reviewing percent of the waiting claims (rounded up), at least minimum, never more than wait. */
    public void remote(int percent, int minimum, String reason) {
        int share = (waitingClaims * percent + 99) / 100;
        reviewCount = Math.min(waitingClaims, Math.max(minimum, share));
        remoteReasons.add(reason + ": the EQA reviews " + reviewCount + " of " + waitingClaims + " claim(s) waiting");
    }

    public boolean isRemote() {
        return atVisitReasons.isEmpty() && !remoteReasons.isEmpty();
    }
}
