package org.qaflow.eqa;

import org.springframework.data.jpa.repository.JpaRepository;
import java.util.List;

public interface VisitSampleRepository extends JpaRepository<VisitSample, Long> {

    List<VisitSample> findByVisitIdOrderById(Long visitId);
}
