package org.qaflow.rules;

import jakarta.validation.constraints.PositiveOrZero;

/** A centre's EQA record and how many of its claims wait for release; latestOutcome is null before any visit. */
public record EqaReleaseRequest(@PositiveOrZero int satisfactoryVisits, VisitOutcome latestOutcome,
                                @PositiveOrZero int waitingClaims) {
}
