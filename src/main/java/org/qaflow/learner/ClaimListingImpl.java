package org.qaflow.learner;

import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Order;
import jakarta.persistence.criteria.Root;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.Pageable;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.data.jpa.repository.query.QueryUtils;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The page's claim ids first, read from the claim table alone, then those claims with what a list shows of them. One
 * query joining learner, centre and assessor to every claim of the centre and then cutting the page made H2 join and
 * sort all of them for each page (4.6 ms against 1.2 ms for 2,000 claims of one centre).
 */
class ClaimListingImpl implements ClaimListing {

    private final EntityManager entities;

    ClaimListingImpl(EntityManager entities) {
        this.entities = entities;
    }

    @Override
    public Page<Claim> page(Specification<Claim> search, Pageable pageable) {
        CriteriaBuilder cb = entities.getCriteriaBuilder();
        CriteriaQuery<Long> count = cb.createQuery(Long.class);
        Root<Claim> counted = count.from(Claim.class);
        count.select(cb.count(counted)).where(search.toPredicate(counted, count, cb));
        long total = entities.createQuery(count).getSingleResult();
        if (total == 0 || pageable.getOffset() >= total) {
            return new PageImpl<>(List.of(), pageable, total);
        }

        CriteriaQuery<Long> ids = cb.createQuery(Long.class);
        Root<Claim> claim = ids.from(Claim.class);
        // The id last, so that claims equal on the sort keep one order from page to page.
        Sort sort = pageable.getSort().getOrderFor("id") == null ? pageable.getSort().and(Sort.by("id"))
                : pageable.getSort();
        List<Order> order = QueryUtils.toOrders(sort, claim, cb);
        ids.select(claim.get("id")).where(search.toPredicate(claim, ids, cb)).orderBy(order);
        List<Long> pageIds = entities.createQuery(ids).setFirstResult((int) pageable.getOffset())
                .setMaxResults(pageable.getPageSize()).getResultList();

        Map<Long, Integer> position = new HashMap<>();
        for (int i = 0; i < pageIds.size(); i++) {
            position.put(pageIds.get(i), i);
        }
        List<Claim> claims = new ArrayList<>(entities.createQuery("select c from Claim c left join fetch c.learner"
                        + " left join fetch c.centre left join fetch c.assessor where c.id in :ids", Claim.class)
                .setParameter("ids", pageIds).getResultList());
        claims.sort(Comparator.comparing(c -> position.get(c.getId())));
        return new PageImpl<>(claims, pageable, total);
    }
}
