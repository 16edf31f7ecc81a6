package org.qaflow.learner;

import org.qaflow.rules.CombinationResult;
import org.qaflow.rules.ImpactDifference;
import org.qaflow.rules.ImpactSource;
import org.qaflow.rules.RuleSet;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Claims not yet certificated, judged by the rules of combination under the active and the candidate rule set:
 * a change that would stop (or start) a learner's units making their qualification shows up before activation.
 */
@Component
public class ClaimImpactSource implements ImpactSource {

    private final ClaimRepository claims;

    public ClaimImpactSource(ClaimRepository claims) {
        this.claims = claims;
    }

    @Override
    public String name() {
        return "claims (rules of combination)";
    }

    @Override
    @Transactional(readOnly = true)
    public List<ImpactDifference> differences(RuleSet active, RuleSet candidate) {
        List<ImpactDifference> differences = new ArrayList<>();
        for (Claim claim : claims.findAllByOrderById()) {
            if (claim.getStatus() == ClaimStatus.CERTIFICATE_ISSUED) {
                continue;
            }
            List<String> units = claim.getUnits().stream().map(ClaimUnit::getUnitRef).toList();
            Map<String, Object> before = decision(active.combination(claim.getQan(), units));
            Map<String, Object> after = decision(candidate.combination(claim.getQan(), units));
            if (!before.equals(after)) {
                String subject = "claim " + claim.getId() + ": " + claim.getLearner().getFirstName() + " "
                        + claim.getLearner().getLastName() + " on " + claim.getQan() + " (centre "
                        + claim.getCentre().getCode() + ")";
                String summary = (Boolean) before.get("achieved") == (Boolean) after.get("achieved")
                        ? "same outcome, different reasons"
                        : ((Boolean) before.get("achieved") ? "achieved -> not achieved" : "not achieved -> achieved");
                differences.add(new ImpactDifference(name(), subject, summary, before, after));
            }
        }
        return differences;
    }

    private static Map<String, Object> decision(CombinationResult r) {
        return Map.of("achieved", r.achieved(), "credits", r.credits(), "reasons", r.reasons());
    }
}
