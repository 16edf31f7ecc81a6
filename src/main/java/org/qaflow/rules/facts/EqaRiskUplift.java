package org.qaflow.rules.facts;

/** A row of rules/sampling data: extra learners the EQA samples at a centre of this risk. */
public class EqaRiskUplift {

    private String centreRisk;
    private int extraLearners;

    public String getCentreRisk() { return centreRisk; }
    public int getExtraLearners() { return extraLearners; }
}
