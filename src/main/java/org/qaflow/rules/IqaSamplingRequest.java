package org.qaflow.rules;

import jakarta.validation.constraints.PositiveOrZero;
import org.qaflow.centre.Centre.RiskRating;

/** One assessment decision and what is known about its assessor. */
public record IqaSamplingRequest(long decisionId, boolean assessorWorkingTowards,
                                 @PositiveOrZero int assessorPriorDecisions, boolean simulatedEvidence,
                                 @PositiveOrZero int assessorRecentReferrals, RiskRating assessorRisk) {
}
