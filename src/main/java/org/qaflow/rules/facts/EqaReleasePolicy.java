package org.qaflow.rules.facts;

/**
 * A row of rules/claims data: how claims of a centre without direct claim status are released for certification.
 * Until the centre has had enough satisfactory EQA visits its claims are released only at a visit; after that the EQA
 * may release them remotely, reviewing a sample of the claims waiting.
 */
public class EqaReleasePolicy {

    private int satisfactoryVisitsBeforeRemoteRelease;
    private int remoteReviewPercent;
    private int remoteReviewMinimum;

    public int getSatisfactoryVisitsBeforeRemoteRelease() { return satisfactoryVisitsBeforeRemoteRelease; }
    public int getRemoteReviewPercent() { return remoteReviewPercent; }
    public int getRemoteReviewMinimum() { return remoteReviewMinimum; }
}
