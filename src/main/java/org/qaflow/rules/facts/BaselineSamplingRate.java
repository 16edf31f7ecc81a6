package org.qaflow.rules.facts;

/** A row of rules/sampling data: the share of an assessor's decisions sampled at random, by assessor risk. */
public class BaselineSamplingRate {

    private String assessorRisk;
    private int percent;

    public String getAssessorRisk() { return assessorRisk; }
    public int getPercent() { return percent; }
}
