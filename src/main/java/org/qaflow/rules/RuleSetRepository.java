package org.qaflow.rules;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

import java.util.List;
import java.util.Optional;

public interface RuleSetRepository extends JpaRepository<RuleSetRecord, Long> {

    Optional<RuleSetRecord> findByStatus(RuleSetRecord.Status status);

    List<RuleSetRecord> findByStatusOrderByEffectiveFrom(RuleSetRecord.Status status);

    /** Takes a scheduled candidate up as the given version; 0 when another node took it up (or dropped it) first. */
    @org.springframework.data.jpa.repository.Modifying
    @Query("update RuleSetRecord r set r.status = org.qaflow.rules.RuleSetRecord.Status.ACTIVE, r.version = :version "
            + "where r.id = :id and r.status = org.qaflow.rules.RuleSetRecord.Status.SCHEDULED")
    int takeUpScheduled(@Param("id") long id, @Param("version") int version);

    Optional<RuleSetRecord> findByVersion(Integer version);

    List<RuleSetRecord> findByVersionNotNullOrderByVersionDesc();

    /** The active version's number alone: polled every few seconds by every node, so it reads no files. */
    @Query("select r.version from RuleSetRecord r where r.status = :status")
    Optional<Integer> findVersionByStatus(@Param("status") RuleSetRecord.Status status);

    @Query("select coalesce(max(r.version), 0) from RuleSetRecord r")
    int maxVersion();
}
