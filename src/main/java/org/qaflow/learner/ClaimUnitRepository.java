package org.qaflow.learner;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

import java.util.Collection;
import java.util.List;

public interface ClaimUnitRepository extends JpaRepository<ClaimUnit, Long> {

    /** Units with their claim, learner and centre in one query, for pages of records that name them. */
    @EntityGraph(attributePaths = {"claim", "claim.learner", "claim.centre"})
    List<ClaimUnit> findByIdIn(Collection<Long> ids);

    /**
     * One page of an assessor's units at their centre: those waiting on the assessor first (not yet signed off, or
     * referred back), then the newest claims; counted in the database.
     */
    @Query(value = """
            select u from ClaimUnit u join u.claim c
            where c.centre.id = :centre and c.assessor.username = :assessor
            order by case when u.signedOffAt is null or u.status = org.qaflow.learner.UnitStatus.REFERRED_BACK
                     then 0 else 1 end, c.id desc, u.unitRef""",
            countQuery = """
            select count(u) from ClaimUnit u join u.claim c
            where c.centre.id = :centre and c.assessor.username = :assessor""")
    Page<ClaimUnit> findForAssessor(long centre, String assessor, Pageable page);
}
