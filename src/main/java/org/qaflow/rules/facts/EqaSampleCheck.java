package org.qaflow.rules.facts;

import java.util.ArrayList;
import java.util.List;

/** One EQA visit: how many learners to sample from a cohort, and why. */
public class EqaSampleCheck extends Judged {

    private final int cohortSize;
    private final String centreRisk;
    private boolean allLearners;
    private int baseSize;
    private int extra;
    private final List<String> reasons = new ArrayList<>();

    public EqaSampleCheck(int cohortSize, String centreRisk) {
        this.cohortSize = cohortSize;
        this.centreRisk = centreRisk;
    }

    public int getCohortSize() { return cohortSize; }
    public String getCentreRisk() { return centreRisk; }
    public List<String> getReasons() { return reasons; }

    public void sampleAll(String reason) {
        allLearners = true;
        reasons.add(reason);
    }

    public void baseSize(int size, String reason) {
        baseSize = Math.max(baseSize, size);
        reasons.add(reason);
    }

    public void addExtra(int learners, String reason) {
        extra += learners;
        reasons.add(reason);
    }

    /** Never more than the cohort. */
    public int getSampleSize() {
        return allLearners ? cohortSize : Math.min(cohortSize, baseSize + extra);
    }
}
