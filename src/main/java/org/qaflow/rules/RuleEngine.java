package org.qaflow.rules;

import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The rules as the rest of qaflow calls them. Each call reads the active {@link RuleSet} once and evaluates against
 * that snapshot alone, so an activation happening meanwhile is seen entirely or not at all. Thread-safe.
 */
@Component
public class RuleEngine {

    private final AtomicReference<RuleSet> active = new AtomicReference<>();

    public CombinationResult combination(String qan, Collection<String> unitRefs) {
        return active().combination(qan, unitRefs);
    }

    public EligibilityResult staffEligibility(StaffEligibilityRequest request) {
        return active().staffEligibility(request);
    }

    public IqaSamplingResult iqaSampling(IqaSamplingRequest request) {
        return active().iqaSampling(request);
    }

    public EqaSampleResult eqaSample(EqaSampleRequest request) {
        return active().eqaSample(request);
    }

    public CameraCoverage cameraCoverage(Collection<EqaCandidate> population, Collection<String> sampledIds) {
        return RuleSet.cameraCoverage(population, sampledIds);
    }

    public List<EqaSampleResult.Selected> eqaReview(List<EqaCandidate> candidates, int size, long seed) {
        return active().eqaReview(candidates, size, seed);
    }

    public EqaReleaseDecision eqaRelease(EqaReleaseRequest request) {
        return active().eqaRelease(request);
    }

    public DirectClaimRecommendation directClaimStatus(DirectClaimFacts facts) {
        return active().directClaimStatus(facts);
    }

    public int activeVersion() {
        return active().version();
    }

    /** The snapshot itself, for callers that make several evaluations that must agree on one version. */
    public RuleSet active() {
        RuleSet rules = active.get();
        if (rules == null) {
            throw new IllegalStateException("The rules are not loaded yet: qaflow is still starting");
        }
        return rules;
    }

    void activate(RuleSet rules) {
        active.set(rules);
    }
}
