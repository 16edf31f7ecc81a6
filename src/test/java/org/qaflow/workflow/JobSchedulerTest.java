package org.qaflow.workflow;

import org.junit.jupiter.api.Test;
import org.qaflow.support.JourneyTestBase;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.*;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Long waits live in the database: a due job runs once, whichever of several nodes polls for it. Each test's job falls
 * due later than now, so this application's own background poll never takes it; the test runs it at its due time.
 */
class JobSchedulerTest extends JourneyTestBase {

    @Autowired
    ScheduledJobRepository jobs;
    @Autowired
    ObjectProvider<JobHandler> handlers;
    @Autowired
    TransactionTemplate transaction;
    @Autowired
    Clock clock;
    @Autowired
    JobScheduler scheduler;

    @Test
    void theYearlyVisitFallsDueAndIsOpenedOnceThoughTwoNodesPollAtOnce() throws Exception {
        jdbc.update("insert into centre (code, name, direct_claim_status, risk_rating, eqa_username) "
                + "values ('YRL09', 'Yearly Visit College', false, 'LOW', 'eqa2')");
        long centreId = jdbc.queryForObject("select id from centre where code = 'YRL09'", Long.class);
        jdbc.update("insert into eqa_visit (centre_id, eqa_username, planned_for, visited_on, outcome, report, status)"
                + " values (?, 'eqa2', ?, ?, 'SATISFACTORY', 'fine', 'COMPLETED')", centreId,
                LocalDate.now(clock).minusYears(1), LocalDate.now(clock).minusYears(1));
        LocalDate due = LocalDate.now(clock).plusDays(2);
        transaction.executeWithoutResult(s -> scheduler.schedule(VisitDueJob.KIND, centreId, due));
        // Subject ids are per kind (a centre here, a claim unit for an IQA job): find the job by both.
        long jobId = jobs.findAll().stream()
                .filter(j -> j.getSubjectId() == centreId && j.getKind().equals(VisitDueJob.KIND))
                .findFirst().orElseThrow().getId();

        JobScheduler nodeA = new JobScheduler(jobs, handlers, transaction, clock, "node-a");
        JobScheduler nodeB = new JobScheduler(jobs, handlers, transaction, clock, "node-b");
        Instant now = due.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant stale = now.minus(10, ChronoUnit.MINUTES);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CyclicBarrier together = new CyclicBarrier(2);
        Future<Boolean> a = pool.submit(() -> { together.await(); return nodeA.runIfClaimed(jobId, now, stale); });
        Future<Boolean> b = pool.submit(() -> { together.await(); return nodeB.runIfClaimed(jobId, now, stale); });
        List<Boolean> ran = List.of(a.get(30, TimeUnit.SECONDS), b.get(30, TimeUnit.SECONDS));
        pool.shutdown();

        assertThat(ran).containsExactlyInAnyOrder(true, false);
        assertThat(jdbc.queryForObject("select count(*) from eqa_visit where centre_id = ? and status = 'PLANNING'",
                Integer.class, centreId)).isEqualTo(1);
        assertThat(visitTask("eqa2", "PlanVisit", "YRL09")).as("the EQA is asked to plan the visit").isPresent();
        assertThat(jobs.findById(jobId).orElseThrow().getDoneAt()).isNotNull();
        assertThat(nodeA.runIfClaimed(jobId, now, stale) || nodeB.runIfClaimed(jobId, now, stale))
                .as("a done job never runs again").isFalse();
    }

    @Test
    void aSampleLeftWithTheIqaTooLongIsFlaggedOverdueOnItsTimeline() {
        long claimId = registered("provider", "610/3751/5", "bcarter");
        assessAndSignOff("bcarter", claimId, "L4B1");
        long unitId = jdbc.queryForObject("select id from claim_unit where claim_id = ?", Long.class, claimId);
        Long jobId = jdbc.queryForObject("select id from scheduled_job where kind = ? and subject_id = ?",
                Long.class, IqaOverdueJob.KIND, unitId);
        Instant due = jdbc.queryForObject("select due_at from scheduled_job where id = ?", java.sql.Timestamp.class,
                jobId).toInstant();
        assertThat(due).isAfter(Instant.now(clock).plus(IqaOverdueJob.DAYS_ALLOWED - 1, ChronoUnit.DAYS));

        scheduler.runDueJobs(due.plusSeconds(60));

        assertThat(get("provider", "/api/claims/" + claimId + "/timeline").raw())
                .contains("IQA verification overdue");
    }
}
