package org.qaflow.rules.facts;

/** A row of rules/combination data: the credit range of a type of qualification, or that it is exactly its listed units. */
public class CombinationRequirement {

    private String qualificationType;
    private Integer minCredits;
    private Integer maxCredits;
    private boolean allListedUnits;

    public String getQualificationType() { return qualificationType; }
    public Integer getMinCredits() { return minCredits; }
    public Integer getMaxCredits() { return maxCredits; }
    public boolean isAllListedUnits() { return allListedUnits; }
}
