package org.qaflow.learner;

import org.springframework.data.jpa.repository.JpaRepository;

public interface ClaimUnitRepository extends JpaRepository<ClaimUnit, Long> {
}
