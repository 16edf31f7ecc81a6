package org.qaflow.rules;

import org.qaflow.centre.Centre.RiskRating;

/** One assessment decision and what is known about its assessor. */
public record IqaSamplingRequest(long decisionId, boolean assessorWorkingTowards, int assessorPriorDecisions,
                                 boolean simulatedEvidence, int assessorRecentReferrals, RiskRating assessorRisk) {
}
