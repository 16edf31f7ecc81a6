package org.qaflow.rules;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.qaflow.centre.Centre.RiskRating;

import java.util.List;

/** The seed makes the selection reproducible: the same seed and candidates always give the same sample. */
public record EqaSampleRequest(RiskRating centreRisk, long seed, List<@NotNull @Valid EqaCandidate> candidates) {

    public EqaSampleRequest {
        candidates = candidates == null ? List.of() : List.copyOf(candidates);
    }
}
