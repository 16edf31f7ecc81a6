package org.qaflow.rules.facts;

/** A row of rules/sampling data: the EQA sample for cohorts in a size band (no upper bound when toCohort is empty). */
public class EqaSampleSizeBand {

    private int fromCohort;
    private Integer toCohort;
    private int size;
    private boolean allLearners;

    public int getFromCohort() { return fromCohort; }
    public Integer getToCohort() { return toCohort; }
    public int getSize() { return size; }
    public boolean isAllLearners() { return allLearners; }

    public boolean covers(int cohort) {
        return cohort >= fromCohort && (toCohort == null || cohort <= toCohort);
    }
}
