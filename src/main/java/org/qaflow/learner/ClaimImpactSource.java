package org.qaflow.learner;

import jakarta.persistence.EntityManager;
import org.qaflow.rules.CombinationResult;
import org.qaflow.rules.ImpactDifference;
import org.qaflow.rules.ImpactSource;
import org.qaflow.rules.RuleSet;
import org.springframework.core.annotation.Order;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Claims not yet certificated, judged by the rules of combination under the active and the candidate rule set:
 * a change that would stop (or start) a learner's units making their qualification shows up before activation.
 */
@Component
@Order(1)
public class ClaimImpactSource implements ImpactSource {

    private static final int PAGE = 500;

    private final ClaimRepository claims;
    private final EntityManager entities;

    public ClaimImpactSource(ClaimRepository claims, EntityManager entities) {
        this.claims = claims;
        this.entities = entities;
    }

    @Override
    public String name() {
        return "combination";
    }

    @Override
    @Transactional(readOnly = true)
    public Impact impact(RuleSet active, RuleSet candidate) {
        List<ImpactDifference> differences = new ArrayList<>();
        long after = 0;
        long looked = 0;
        List<Claim> page;
        // Keyset pages, each judged in one batch per rule set: the preview's cost grows with the claims, not faster.
        while (!(page = claims.findByStatusNotAndIdGreaterThanOrderById(ClaimStatus.CERTIFICATE_ISSUED, after,
                Limit.of(PAGE))).isEmpty()) {
            List<RuleSet.CombinationQuery> queries = page.stream().map(claim -> new RuleSet.CombinationQuery(
                    claim.getQan(), claim.getUnits().stream().map(ClaimUnit::getUnitRef).toList())).toList();
            List<CombinationResult> before = active.combinations(queries);
            List<CombinationResult> now = candidate.combinations(queries);
            for (int i = 0; i < page.size(); i++) {
                difference(page.get(i), decision(before.get(i)), decision(now.get(i))).ifPresent(differences::add);
            }
            looked += page.size();
            after = page.get(page.size() - 1).getId();
            entities.clear(); // what was read is judged: holding every claim read would grow with the database
        }
        return new Impact(name(), looked, "claims", differences);
    }

    private Optional<ImpactDifference> difference(Claim claim, Map<String, Object> before, Map<String, Object> after) {
        if (before.equals(after)) {
            return Optional.empty();
        }
        String learner = claim.getLearner().getFirstName() + " " + claim.getLearner().getLastName();
        String subject = "claim " + claim.getId() + ": " + learner + " on " + claim.getQan() + " (centre "
                + claim.getCentre().getCode() + ")";
        boolean was = (Boolean) before.get("achieved");
        boolean now = (Boolean) after.get("achieved");
        String summary = was == now ? "same outcome, different reasons"
                : (was ? "achieved -> not achieved" : "not achieved -> achieved");
        String why = now ? "now meets the rules of combination (was: " + reasons(before) + ")"
                : was ? reasons(after) : reasons(after) + " (was: " + reasons(before) + ")";
        String sentence = learner + ", claim " + claim.getId() + " on " + claim.getQan() + " at "
                + claim.getCentre().getCode() + " " + claim.getCentre().getName() + ": "
                + (was == now ? (now ? "still achieved" : "still not achieved") : summary) + ": " + why;
        return Optional.of(new ImpactDifference(name(), subject, summary, before, after, sentence));
    }

    private static String reasons(Map<String, Object> decision) {
        List<?> reasons = (List<?>) decision.get("reasons");
        return reasons.isEmpty() ? "no unmet requirement" : reasons.stream().map(String::valueOf)
                .collect(java.util.stream.Collectors.joining("; "));
    }

    private static Map<String, Object> decision(CombinationResult r) {
        return Map.of("achieved", r.achieved(), "credits", r.credits(), "reasons", r.reasons());
    }
}
