package org.qaflow.rules;

import org.qaflow.eqa.EqaVisit;

import java.util.List;

/** A centre's record for one qualification. recentVisitOutcomes is newest first. */
public record DirectClaimFacts(boolean currentStatus, List<EqaVisit.Outcome> recentVisitOutcomes, int openActions,
                               boolean everyAssessorSampled, int qualifiedIqaCount) {

    public DirectClaimFacts {
        recentVisitOutcomes = recentVisitOutcomes == null ? List.of() : List.copyOf(recentVisitOutcomes);
    }
}
