package org.qaflow.eqa;

import jakarta.persistence.EntityManager;
import org.qaflow.rules.CameraCoverage;
import org.springframework.stereotype.Repository;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How much of each centre's work its IQAs have sampled: claims with at least one sampled decision, and the CAMERA gaps
 * (assessors, units, methods and the centre as location present in its claims but in none of its sampled claims).
 * The database counts, grouped by centre, in three queries whatever the number of claims: the oversight page asks it
 * of every centre on the page at every view.
 */
@Repository
class SamplingCoverage {

    /** A claim counts as sampled when the latest decision on any of its units was picked for IQA sampling. */
    private static final String SAMPLED = "case when exists (select d.id from AssessmentDecision d, "
            + "org.qaflow.learner.ClaimUnit su where su.claim = c and d.claimUnitId = su.id and d.sampled = true "
            + "and d.id = (select max(l.id) from AssessmentDecision l where l.claimUnitId = su.id)) then 1 else 0 end";

    private final EntityManager entities;

    SamplingCoverage(EntityManager entities) {
        this.entities = entities;
    }

    record Coverage(long claims, long sampled, CameraCoverage camera) {

        int percentSampled() {
            return claims == 0 ? 0 : (int) (100 * sampled / claims);
        }
    }

    /** Keyed by centre id; a centre with no claims has nothing to sample and nothing missing. */
    Map<Long, Coverage> of(Map<Long, String> centreCodes) {
        if (centreCodes.isEmpty()) {
            return Map.of();
        }
        Map<Long, Tally> tallies = new HashMap<>();
        centreCodes.keySet().forEach(id -> tallies.put(id, new Tally()));
        Collection<Long> ids = centreCodes.keySet();
        for (Object[] row : rows("select c.centre.id, a.name, count(c), sum(" + SAMPLED + ") from "
                + "org.qaflow.learner.Claim c left join c.assessor a where c.centre.id in :centres "
                + "group by c.centre.id, a.name", ids)) {
            Tally t = tallies.get((Long) row[0]);
            long sampled = ((Number) row[3]).longValue();
            t.claims += ((Number) row[2]).longValue();
            t.sampled += sampled;
            if (row[1] != null) {
                t.assessors.merge((String) row[1], sampled > 0, Boolean::logicalOr);
            }
        }
        for (Object[] row : rows("select c.centre.id, u.unitRef, max(" + SAMPLED + ") from "
                + "org.qaflow.learner.ClaimUnit u join u.claim c where c.centre.id in :centres "
                + "group by c.centre.id, u.unitRef", ids)) {
            tallies.get((Long) row[0]).units.put((String) row[1], ((Number) row[2]).intValue() > 0);
        }
        for (Object[] row : rows("select c.centre.id, e.method, max(" + SAMPLED + ") from "
                + "org.qaflow.assessment.Evidence e, org.qaflow.learner.ClaimUnit u join u.claim c "
                + "where e.claimUnitId = u.id and c.centre.id in :centres group by c.centre.id, e.method", ids)) {
            tallies.get((Long) row[0]).methods.put(String.valueOf(row[1]), ((Number) row[2]).intValue() > 0);
        }
        Map<Long, Coverage> coverage = new HashMap<>();
        tallies.forEach((id, t) -> coverage.put(id, t.coverage(centreCodes.get(id))));
        return coverage;
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> rows(String query, Collection<Long> centres) {
        return entities.createQuery(query).setParameter("centres", centres).getResultList();
    }

    /** One centre's counts as the rows arrive; each map says, per value present, whether a sampled claim had it. */
    private static final class Tally {
        long claims;
        long sampled;
        final Map<String, Boolean> assessors = new TreeMap<>();
        final Map<String, Boolean> units = new TreeMap<>();
        final Map<String, Boolean> methods = new TreeMap<>();

        Coverage coverage(String location) {
            List<String> locations = claims > 0 && sampled == 0 ? List.of(location) : List.of();
            List<String> a = gaps(assessors);
            List<String> u = gaps(units);
            List<String> m = gaps(methods);
            return new Coverage(claims, sampled, new CameraCoverage(
                    a.isEmpty() && u.isEmpty() && m.isEmpty() && locations.isEmpty(), a, u, m, locations));
        }

        private static List<String> gaps(Map<String, Boolean> covered) {
            return covered.entrySet().stream().filter(e -> !e.getValue()).map(Map.Entry::getKey).toList();
        }
    }
}
