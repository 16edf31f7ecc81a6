package org.qaflow.learner;

import org.springframework.data.jpa.repository.JpaRepository;
import java.util.List;

public interface ClaimEventRepository extends JpaRepository<ClaimEvent, Long> {

    List<ClaimEvent> findByClaimIdOrderById(Long claimId);
}
