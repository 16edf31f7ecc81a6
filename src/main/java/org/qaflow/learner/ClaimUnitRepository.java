package org.qaflow.learner;

import org.springframework.data.jpa.repository.EntityGraph;
import org.springframework.data.jpa.repository.JpaRepository;

import java.util.Collection;
import java.util.List;

public interface ClaimUnitRepository extends JpaRepository<ClaimUnit, Long> {

    /** Units with their claim, learner and centre in one query, for pages of records that name them. */
    @EntityGraph(attributePaths = {"claim", "claim.learner", "claim.centre"})
    List<ClaimUnit> findByIdIn(Collection<Long> ids);
}
