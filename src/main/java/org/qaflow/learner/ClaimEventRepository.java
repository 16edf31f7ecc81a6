package org.qaflow.learner;

import org.springframework.data.repository.Repository;
import java.util.List;

/** Append and read only: the timeline is the audit trail, so there is deliberately no update or delete here. */
public interface ClaimEventRepository extends Repository<ClaimEvent, Long> {

    ClaimEvent save(ClaimEvent event);

    List<ClaimEvent> findByClaimIdOrderById(Long claimId);
}
