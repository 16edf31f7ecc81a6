package org.qaflow.learner;

import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.Expression;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import org.springframework.data.jpa.domain.Specification;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Which claims a list shows, as a query holding only the conditions asked for. A condition written as
 * "(:status is null or c.status = :status)" stays in the SQL when it is not asked for, and the database then cannot
 * read the centre's claims from an index in order: it joined, filtered and sorted every claim of the centre per page.
 */
final class ClaimsOf {

    private ClaimsOf() {
    }

    /**
     * Claims of the given centres (one assessor's learners when assessor is set), in any of the statuses (any status
     * when empty).
     */
    static Specification<Claim> search(Collection<Long> centres, String assessor, Collection<ClaimStatus> statuses) {
        return (Root<Claim> claim, jakarta.persistence.criteria.CriteriaQuery<?> query, CriteriaBuilder cb) -> {
            List<Predicate> where = new ArrayList<>();
            Expression<Long> centre = claim.get("centre").get("id");
            where.add(centres.size() == 1 ? cb.equal(centre, centres.iterator().next()) : centre.in(centres));
            if (assessor != null) {
                where.add(cb.equal(claim.get("assessor").get("username"), assessor));
            }
            if (!statuses.isEmpty()) {
                where.add(statuses.size() == 1 ? cb.equal(claim.get("status"), statuses.iterator().next())
                        : claim.get("status").in(statuses));
            }
            return cb.and(where.toArray(Predicate[]::new));
        };
    }
}
