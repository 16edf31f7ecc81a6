package org.qaflow.rules.facts;

/** A row of rules/claims data: what earns and keeps direct claim status. */
public class DirectClaimPolicy {

    private int consecutiveSatisfactoryVisitsToGrant;
    private int minimumQualifiedIqas;

    public int getConsecutiveSatisfactoryVisitsToGrant() { return consecutiveSatisfactoryVisitsToGrant; }
    public int getMinimumQualifiedIqas() { return minimumQualifiedIqas; }
}
