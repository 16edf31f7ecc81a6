package org.qaflow.eqa;

import org.springframework.data.jpa.repository.JpaRepository;
import java.util.List;

public interface VisitActionRepository extends JpaRepository<VisitAction, Long> {

    List<VisitAction> findByVisitIdOrderById(Long visitId);

    long countByVisitIdInAndOpenTrue(java.util.Collection<Long> visitIds);
}
