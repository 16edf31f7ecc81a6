package org.qaflow.eqa;

import org.springframework.data.jpa.repository.JpaRepository;
import java.util.List;

public interface EqaVisitRepository extends JpaRepository<EqaVisit, Long> {

    List<EqaVisit> findByCentreIdOrderByPlannedForDesc(Long centreId);

    /** Visits with an outcome, the latest first (two visits on one day: the later recorded first). */
    List<EqaVisit> findByCentreIdAndOutcomeIsNotNullOrderByVisitedOnDescIdDesc(Long centreId);

    boolean existsByCentreIdAndStatusNot(Long centreId, EqaVisit.Status status);

    org.springframework.data.domain.Page<EqaVisit> findByCentreIdOrderByPlannedForDescIdDesc(
            Long centreId, org.springframework.data.domain.Pageable page);

    List<EqaVisit> findByCentreIdInOrderByPlannedForDesc(java.util.Collection<Long> centreIds);

    /** Several centres' visits with an outcome, each centre's latest first, as the single-centre list orders them. */
    List<EqaVisit> findByCentreIdInAndOutcomeIsNotNullOrderByVisitedOnDescIdDesc(java.util.Collection<Long> centreIds);
}
