package org.qaflow.rules.facts;

import java.util.ArrayList;
import java.util.List;

/** A centre's record for one qualification: should it have direct claim status. */
public class DirectClaimCheck extends Judged {

    private final boolean currentStatus;
    /** Outcomes of EQA visits, newest first: SATISFACTORY or UNSATISFACTORY. */
    private final List<String> visitOutcomes;
    private final int openActions;
    private final boolean everyAssessorSampled;
    private final int qualifiedIqaCount;
    private final List<String> suspendReasons = new ArrayList<>();
    private final List<String> grantReasons = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    public DirectClaimCheck(boolean currentStatus, List<String> visitOutcomes, int openActions,
                            boolean everyAssessorSampled, int qualifiedIqaCount) {
        this.currentStatus = currentStatus;
        this.visitOutcomes = List.copyOf(visitOutcomes);
        this.openActions = openActions;
        this.everyAssessorSampled = everyAssessorSampled;
        this.qualifiedIqaCount = qualifiedIqaCount;
    }

    public boolean isCurrentStatus() { return currentStatus; }
    public List<String> getVisitOutcomes() { return visitOutcomes; }
    public int getOpenActions() { return openActions; }
    public boolean isEveryAssessorSampled() { return everyAssessorSampled; }
    public int getQualifiedIqaCount() { return qualifiedIqaCount; }
    public List<String> getSuspendReasons() { return suspendReasons; }
    public List<String> getGrantReasons() { return grantReasons; }
    public List<String> getNotes() { return notes; }

    public String getLatestOutcome() {
        return visitOutcomes.isEmpty() ? "NONE" : visitOutcomes.get(0);
    }

    public int consecutiveSatisfactory() {
        int n = 0;
        while (n < visitOutcomes.size() && "SATISFACTORY".equals(visitOutcomes.get(n))) {
            n++;
        }
        return n;
    }

    public void suspend(String reason) { suspendReasons.add(reason); }
    public void grant(String reason) { grantReasons.add(reason); }
    public void note(String reason) { notes.add(reason); }
}
