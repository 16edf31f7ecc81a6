package org.qaflow.evidence;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

public interface EvidenceFileRepository extends JpaRepository<EvidenceFile, Long> {

    List<EvidenceFile> findByClaimUnitIdOrderById(Long claimUnitId);

    Optional<EvidenceFile> findByCpdId(Long cpdId);

    List<EvidenceFile> findByCpdIdIn(Collection<Long> cpdIds);
}
