package org.qaflow.rules;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

import java.util.List;
import java.util.Optional;

public interface RuleSetRepository extends JpaRepository<RuleSetRecord, Long> {

    Optional<RuleSetRecord> findByStatus(RuleSetRecord.Status status);

    Optional<RuleSetRecord> findByVersion(Integer version);

    List<RuleSetRecord> findByVersionNotNullOrderByVersionDesc();

    @Query("select coalesce(max(r.version), 0) from RuleSetRecord r")
    int maxVersion();
}
