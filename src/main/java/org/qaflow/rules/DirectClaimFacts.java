package org.qaflow.rules;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

import java.util.List;

/** A centre's record for one qualification. recentVisitOutcomes is newest first. */
public record DirectClaimFacts(boolean currentStatus, List<@NotNull VisitOutcome> recentVisitOutcomes,
                               @PositiveOrZero int openActions, boolean everyAssessorSampled,
                               @PositiveOrZero int qualifiedIqaCount) {

    public DirectClaimFacts {
        recentVisitOutcomes = recentVisitOutcomes == null ? List.of() : List.copyOf(recentVisitOutcomes);
    }
}
