package org.qaflow.workflow;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

import java.time.Instant;
import java.util.List;

public interface ScheduledJobRepository extends JpaRepository<ScheduledJob, Long> {

    @Query("select j.id from ScheduledJob j where j.doneAt is null and j.dueAt <= ?1 "
            + "and (j.claimedBy is null or j.claimedAt < ?2) order by j.dueAt")
    List<Long> findDue(Instant now, Instant staleClaimsBefore);

    /** The one statement that makes a job one node's: it matches only while nobody (live) holds the job. */
    @Modifying
    @Query("update ScheduledJob j set j.claimedBy = ?2, j.claimedAt = ?3 where j.id = ?1 and j.doneAt is null "
            + "and (j.claimedBy is null or j.claimedAt < ?4)")
    int claim(Long id, String node, Instant now, Instant staleClaimsBefore);

    @Modifying
    @Query("update ScheduledJob j set j.doneAt = ?2 where j.id = ?1")
    int markDone(Long id, Instant now);

    boolean existsByKindAndSubjectIdAndDoneAtIsNull(String kind, Long subjectId);
}
