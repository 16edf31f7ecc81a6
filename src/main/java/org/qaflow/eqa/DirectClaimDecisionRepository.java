package org.qaflow.eqa;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;
import java.util.Optional;

public interface DirectClaimDecisionRepository extends JpaRepository<DirectClaimDecision, Long> {

    List<DirectClaimDecision> findByCentreIdOrderByIdDesc(Long centreId);

    Optional<DirectClaimDecision> findFirstByCentreIdOrderByIdDesc(Long centreId);
}
