package org.qaflow.eqa;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

import java.util.Collection;
import java.util.List;

public interface VisitActionRepository extends JpaRepository<VisitAction, Long> {

    List<VisitAction> findByVisitIdOrderById(Long visitId);

    long countByVisitIdInAndOpenTrue(Collection<Long> visitIds);

    /** Per centre (id, count): the open actions of its visits with an outcome. */
    @Query("select v.centreId, count(a) from VisitAction a, EqaVisit v where a.visitId = v.id and a.open = true "
            + "and v.outcome is not null and v.centreId in :centres group by v.centreId")
    List<Object[]> countOpenOfVisitsWithOutcome(@Param("centres") Collection<Long> centres);

    /** Open ones first, then by due date: what needs doing leads. */
    @Query(value = "select a from VisitAction a where a.visitId in (select v.id from EqaVisit v where v.centreId in "
            + ":centres and v.status = org.qaflow.eqa.EqaVisit.Status.COMPLETED) "
            + "order by a.open desc, a.dueOn asc nulls last, a.id asc",
            countQuery = "select count(a) from VisitAction a where a.visitId in (select v.id from EqaVisit v "
            + "where v.centreId in :centres and v.status = org.qaflow.eqa.EqaVisit.Status.COMPLETED)")
    Page<VisitAction> ofCompletedVisits(@Param("centres") Collection<Long> centres, Pageable page);
}
