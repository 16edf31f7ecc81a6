package org.qaflow.learner;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;

public interface ReplacedCertificateRepository extends JpaRepository<ReplacedCertificate, String> {

    List<ReplacedCertificate> findByClaimIdOrderByReplacedAt(Long claimId);

    long countByClaimId(Long claimId);
}
