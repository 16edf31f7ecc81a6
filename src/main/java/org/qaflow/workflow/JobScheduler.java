package org.qaflow.workflow;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * Long waits (the yearly EQA visit) kept in the database instead of in-memory engine timers: they survive restarts,
 * and with several application nodes on one database each due job is claimed, and run, by exactly one node.
 */
@Component
public class JobScheduler {

    private static final Logger log = LoggerFactory.getLogger(JobScheduler.class);
    /** A node that claimed a job and died: after this the job may be claimed again. */
    private static final Duration CLAIM_TIMEOUT = Duration.ofMinutes(10);

    private final ScheduledJobRepository jobs;
    /** Resolved when a job runs: the handlers themselves schedule jobs, so they cannot be wired in up front. */
    private final ObjectProvider<JobHandler> handlers;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final String node;

    public JobScheduler(ScheduledJobRepository jobs, ObjectProvider<JobHandler> handlers, TransactionTemplate transaction,
                        Clock clock, @Value("${qaflow.node-name:}") String nodeName) {
        this.jobs = jobs;
        this.handlers = handlers;
        this.transaction = transaction;
        this.clock = clock;
        this.node = nodeName.isBlank() ? ManagementFactory.getRuntimeMXBean().getName() + "-" + UUID.randomUUID()
                : nodeName;
    }

    /** Schedules a job unless the same one is already waiting. */
    public void schedule(String kind, long subjectId, LocalDate due) {
        if (!jobs.existsByKindAndSubjectIdAndDoneAtIsNull(kind, subjectId)) {
            jobs.save(new ScheduledJob(kind, subjectId, due.atStartOfDay().toInstant(ZoneOffset.UTC)));
        }
    }

    @Scheduled(fixedDelayString = "${qaflow.jobs.poll-interval:PT30S}", initialDelayString = "PT5S")
    public void runDueJobs() {
        runDueJobs(Instant.now(clock));
    }

    /** Runs what is due at the given time; tests call it for a time the background poll has not reached. */
    public void runDueJobs(Instant now) {
        Instant stale = now.minus(CLAIM_TIMEOUT);
        for (Long id : jobs.findDue(now, stale)) {
            runIfClaimed(id, now, stale);
        }
    }

    /** @return whether this node claimed and ran the job */
    public boolean runIfClaimed(long id, Instant now, Instant stale) {
        try {
            return Boolean.TRUE.equals(transaction.execute(status -> {
                if (jobs.claim(id, node, now, stale) == 0) {
                    return false;
                }
                ScheduledJob job = jobs.findById(id).orElseThrow();
                JobHandler handler = handlers.stream().filter(h -> h.kind().equals(job.getKind())).findFirst()
                        .orElseThrow(() -> new IllegalStateException("No handler for scheduled job kind "
                                + job.getKind()));
                handler.run(job.getSubjectId());
                jobs.markDone(id, Instant.now(clock));
                return true;
            }));
        } catch (RuntimeException e) {
            log.error("Scheduled job {} failed; it stays due and will be tried again", id, e);
            return false;
        }
    }
}
