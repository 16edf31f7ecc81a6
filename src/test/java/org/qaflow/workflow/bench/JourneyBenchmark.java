package org.qaflow.workflow.bench;

import org.qaflow.QaflowApplication;
import org.qaflow.assessment.AssessmentService;
import org.qaflow.assessment.AssessmentService.EvidenceEntry;
import org.qaflow.assessment.EvidenceMethod;
import org.qaflow.catalogue.UnitRepository;
import org.qaflow.iqa.IqaService;
import org.qaflow.learner.Claim;
import org.qaflow.learner.ClaimRepository;
import org.qaflow.learner.ClaimStatus;
import org.qaflow.learner.RegistrationService;
import org.qaflow.security.AppUser;
import org.qaflow.security.AppUserRepository;
import org.qaflow.task.Tasks;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.transaction.support.TransactionTemplate;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.*;

/**
 * Carries N learners (default 1,000) through the whole journey on the embedded H2 file database, in process:
 * registration (processes started), evidence, sign-off (task completed, sampling rules, process moves on), IQA
 * acceptance where sampled, certificate. Each of those steps is one transaction and is timed as one transition.
 *
 * Run: see docs/benchmarks.md. Writes target/bench/journey.md.
 */
public final class JourneyBenchmark {

    private static final String QUALIFICATION = "610/3751/5"; // one unit, L4B1, at the direct-claim centre

    public static void main(String[] args) throws Exception {
        int learners = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        Path dataDir = Files.createTempDirectory("qaflow-bench");
        try (ConfigurableApplicationContext app = new SpringApplicationBuilder(QaflowApplication.class)
                .run("--qaflow.data-dir=" + dataDir, "--server.port=0", "--logging.level.root=WARN")) {
            new JourneyBenchmark(app).run(learners, 50);
        }
    }

    private final TransactionTemplate tx;
    private final RegistrationService registration;
    private final AssessmentService assessment;
    private final IqaService iqa;
    private final Tasks tasks;
    private final ClaimRepository claims;
    private final AppUser provider;
    private final AppUser assessor;
    private final AppUser verifier;
    private final List<EvidenceEntry> evidence;
    private final Map<String, List<Long>> latencies = new TreeMap<>();
    /** Engine user-task completions: every sign-off, and every IQA verification of a sampled decision. */
    private long taskCompletions;

    private JourneyBenchmark(ConfigurableApplicationContext app) {
        tx = app.getBean(TransactionTemplate.class);
        registration = app.getBean(RegistrationService.class);
        assessment = app.getBean(AssessmentService.class);
        iqa = app.getBean(IqaService.class);
        tasks = app.getBean(Tasks.class);
        claims = app.getBean(ClaimRepository.class);
        AppUserRepository users = app.getBean(AppUserRepository.class);
        provider = users.findById("provider").orElseThrow();
        assessor = users.findById("assessor").orElseThrow();
        verifier = users.findById("iqa").orElseThrow();
        evidence = tx.execute(s -> app.getBean(UnitRepository.class).findById("L4B1").orElseThrow().getOutcomes()
                .stream().flatMap(o -> o.getCriteria().stream())
                .map(c -> new EvidenceEntry(c.getNumber(), EvidenceMethod.OBSERVATION, "portfolio " + c.getNumber()))
                .toList());
    }

    private void run(int learners, int warmup) throws Exception {
        for (int i = 0; i < warmup; i++) {
            journey(9_100_000_000L + i, false);
        }
        latencies.clear();
        taskCompletions = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
        long start = System.nanoTime();
        int certificates = 0;
        for (int i = 0; i < learners; i++) {
            certificates += journey(9_200_000_000L + i, true) ? 1 : 0;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long transitions = latencies.values().stream().mapToLong(List::size).sum();
        long peakHeap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).mapToLong(p -> p.getPeakUsage().getUsed()).sum();

        StringBuilder report = new StringBuilder();
        report.append("# Journey benchmark\n\n")
              .append(String.format("- learners carried to a certificate: %d of %d%n", certificates, learners))
              .append(String.format("- elapsed: %.1f s%n", seconds))
              .append(String.format("- journeys per second: %.1f%n", learners / seconds))
              .append(String.format("- timed steps per second: %.1f (%d steps, each one transaction)%n",
                      transitions / seconds, transitions))
              .append(String.format("- engine task completions per second: %.1f (%d: every sign-off, and the IQA's "
                      + "verification of each sampled decision)%n", taskCompletions / seconds, taskCompletions))
              .append(String.format("- peak heap used (sum of pool peaks): %d MB; max heap %d MB%n",
                      peakHeap / (1024 * 1024), Runtime.getRuntime().maxMemory() / (1024 * 1024)))
              .append(String.format("- cores: %d, java %s%n%n", Runtime.getRuntime().availableProcessors(),
                      System.getProperty("java.version")))
              .append("| transition | count | p50 ms | p99 ms | max ms |\n|---|---:|---:|---:|---:|\n");
        latencies.forEach((name, list) -> {
            List<Long> sorted = new ArrayList<>(list);
            Collections.sort(sorted);
            report.append(String.format("| %s | %d | %.2f | %.2f | %.2f |%n", name, sorted.size(),
                    pct(sorted, 50), pct(sorted, 99), sorted.get(sorted.size() - 1) / 1e6));
        });
        Path out = Path.of("target", "bench", "journey.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report.toString());
        System.out.println(report);
    }

    private boolean journey(long uln, boolean measure) {
        long claimId = timed("register (starts the unit process)", measure, () -> registration.register(
                new RegistrationService.Registration("Bench", "Learner", LocalDate.of(1990, 1, 1),
                        String.valueOf(uln), QUALIFICATION, null, "assessor"), provider).getId());
        timed("record evidence (5 criteria)", measure, () -> assessment.recordEvidence(claimId, "L4B1", evidence,
                assessor));
        timed("sign off (completes AssessUnit, runs sampling rules)", measure,
                () -> assessment.signOff(claimId, List.of("L4B1"), assessor));
        if (measure) {
            taskCompletions++;
        }
        timed("IQA step (find task; accept if sampled)", measure, () -> {
            Claim claim = claims.findById(claimId).orElseThrow();
            long unitId = claim.getUnits().get(0).getId();
            tasks.find(verifier, Tasks.VERIFY_DECISION, "claimUnitId", unitId).ifPresent(t -> {
                iqa.verify(t.getId(), unitId, true, null, verifier);
                if (measure) {
                    taskCompletions++;
                }
            });
            return null;
        });
        return tx.execute(s -> claims.findById(claimId).orElseThrow().getStatus() == ClaimStatus.CERTIFICATE_ISSUED);
    }

    private <T> T timed(String name, boolean measure, java.util.function.Supplier<T> step) {
        long t0 = System.nanoTime();
        T result = tx.execute(s -> step.get());
        if (measure) {
            latencies.computeIfAbsent(name, k -> new ArrayList<>()).add(System.nanoTime() - t0);
        }
        return result;
    }

    private static double pct(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1)) / 1e6;
    }
}
