package org.qaflow.eqa;

import org.springframework.data.jpa.repository.JpaRepository;
import java.util.List;

public interface EqaVisitRepository extends JpaRepository<EqaVisit, Long> {

    List<EqaVisit> findByCentreIdOrderByPlannedForDesc(Long centreId);

    boolean existsByCentreIdAndStatusNot(Long centreId, EqaVisit.Status status);

    List<EqaVisit> findByCentreIdInOrderByPlannedForDesc(java.util.Collection<Long> centreIds);
}
