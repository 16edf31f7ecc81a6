package org.qaflow.rules.bench;

import org.qaflow.centre.StaffMember.QualificationStatus;
import org.qaflow.centre.StaffRole;
import org.qaflow.rules.*;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.*;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntPredicate;

/**
 * Benchmark harness (not a test): combination for 100,000 generated learners and eligibility for 10,000 generated
 * staff, through the Drools rule set and through the same rules in plain Java, in the same run; and the time to
 * rebuild the whole rule set. Run from the project folder: {@code mvn -q test-compile exec:java} (docs/benchmarks.md).
 */
public class RuleBenchmark {

    private static final int LEARNERS = 100_000;
    private static final int STAFF = 10_000;
    private static final int THREADS = Integer.getInteger("bench.threads", 2);
    private static final int ROUNDS = Integer.getInteger("bench.rounds", 5);
    private static final java.util.concurrent.atomic.LongAdder ANSWERS = new java.util.concurrent.atomic.LongAdder();
    /** Each measurement repeats its items until at least this long has passed. */
    private static final double MIN_SECONDS = Double.parseDouble(System.getProperty("bench.seconds", "2"));
    /** Decisions judged in one session by the batch calls, as the impact preview pages them. */
    private static final int BATCH = Integer.getInteger("bench.batch", 500);
    private static final com.sun.management.OperatingSystemMXBean CPU =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    record Learner(String qan, List<String> units) {
    }

    public static void main(String[] args) throws Exception {
        CatalogueFacts catalogue = SampleCatalogue.read(Path.of("sample-data/catalogue"));
        Map<String, String> files = SampleCatalogue.ruleFiles(Path.of("rules"));
        RuleSetCompiler compiler = new RuleSetCompiler(catalogue);

        long coldStart = System.nanoTime();
        RuleSetCompiler.Outcome first = compiler.compile(files, 1);
        double coldMs = (System.nanoTime() - coldStart) / 1e6;
        if (!first.ok()) {
            throw new IllegalStateException("rules do not compile: " + first.problems());
        }
        RuleSet rules = first.ruleSet();
        ScenarioRunner.Result scenarios = new ScenarioRunner().run(rules);
        if (!scenarios.failures().isEmpty() || !scenarios.problems().isEmpty()) {
            throw new IllegalStateException("scenarios fail: " + scenarios.failures() + scenarios.problems());
        }
        List<Double> compiles = new ArrayList<>();
        List<Double> rebuilds = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            long t = System.nanoTime();
            RuleSetCompiler.Outcome o = compiler.compile(files, 1);
            compiles.add((System.nanoTime() - t) / 1e6);
            new ScenarioRunner().run(o.ruleSet());
            rebuilds.add((System.nanoTime() - t) / 1e6);
        }
        List<Double> warmCompiles = compiles.subList(2, compiles.size());
        List<Double> warmRebuilds = rebuilds.subList(2, rebuilds.size());
        PlainJavaRules plain = new PlainJavaRules(catalogue, files);

        List<Learner> learners = learners(catalogue, new Random(1));
        List<StaffEligibilityRequest> staff = staff(new Random(2));

        // Cross-check: both implementations decide every learner and staff member alike.
        int disagreements = 0;
        for (Learner l : learners) {
            CombinationResult d = rules.combination(l.qan(), l.units());
            PlainJavaRules.Result p = plain.combination(l.qan(), l.units());
            disagreements += d.achieved() == p.ok() && d.reasons().equals(p.reasons()) ? 0 : 1;
        }
        for (StaffEligibilityRequest s : staff) {
            disagreements += rules.staffEligibility(s).eligible() == plain.staffEligibility(s).ok() ? 0 : 1;
        }
        // The batch calls answer every decision as the single calls do.
        int batchDisagreements = 0;
        List<RuleSet.CombinationQuery> queries = learners.stream()
                .map(l -> new RuleSet.CombinationQuery(l.qan(), l.units())).toList();
        for (int from = 0; from < LEARNERS; from += BATCH) {
            List<CombinationResult> batch = rules.combinations(queries.subList(from, Math.min(LEARNERS, from + BATCH)));
            for (int i = 0; i < batch.size(); i++) {
                PlainJavaRules.Result p = plain.combination(learners.get(from + i).qan(), learners.get(from + i).units());
                batchDisagreements += batch.get(i).achieved() == p.ok() && batch.get(i).reasons().equals(p.reasons()) ? 0 : 1;
            }
        }
        for (int from = 0; from < STAFF; from += BATCH) {
            List<StaffEligibilityRequest> part = staff.subList(from, Math.min(STAFF, from + BATCH));
            List<EligibilityResult> batch = rules.staffEligibilities(part);
            for (int i = 0; i < batch.size(); i++) {
                EligibilityResult single = rules.staffEligibility(part.get(i));
                batchDisagreements += batch.get(i).eligible() == plain.staffEligibility(part.get(i)).ok()
                        && batch.get(i).reasons().equals(single.reasons())
                        && batch.get(i).conditions().equals(single.conditions())
                        && batch.get(i).warnings().equals(single.warnings()) ? 0 : 1;
            }
        }

        System.out.printf("Rule benchmark: %d learners, %d staff, %d threads, %d cores, Java %s%n", LEARNERS, STAFF,
                THREADS, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        System.out.printf("Disagreements between Drools and plain Java: %d; between batch and single calls: %d%n",
                disagreements, batchDisagreements);
        System.out.printf("Rule set build, cold (first in JVM): %.0f ms%n", coldMs);
        System.out.printf("Rule set rebuild (compile only), warm: median %.0f ms, max %.0f ms (%d rebuilds)%n",
                median(warmCompiles), Collections.max(warmCompiles), warmCompiles.size());
        System.out.printf("Rule set rebuild and its %d scenarios, warm: median %.0f ms, max %.0f ms%n",
                scenarios.scenariosRun(), median(warmRebuilds), Collections.max(warmRebuilds));

        for (int round = 1; round <= ROUNDS; round++) {
            Rate drools = rate(LEARNERS, i -> rules.combination(learners.get(i).qan(), learners.get(i).units()).achieved());
            Rate java = rate(LEARNERS, i -> plain.combination(learners.get(i).qan(), learners.get(i).units()).ok());
            Rate droolsStaff = rate(STAFF, i -> rules.staffEligibility(staff.get(i)).eligible());
            Rate javaStaff = rate(STAFF, i -> plain.staffEligibility(staff.get(i)).ok());
            System.out.printf("Round %d  combination: Drools %,.0f/s, plain Java %,.0f/s (%.1fx) | "
                            + "eligibility: Drools %,.0f/s, plain Java %,.0f/s (%.1fx)%n", round, drools.perSecond(),
                    java.perSecond(), java.perSecond() / drools.perSecond(), droolsStaff.perSecond(),
                    javaStaff.perSecond(), javaStaff.perSecond() / droolsStaff.perSecond());
            Rate droolsBatch = batchRate(LEARNERS, (from, to) -> rules.combinations(queries.subList(from, to)).size());
            Rate droolsStaffBatch = batchRate(STAFF, (from, to) -> rules.staffEligibilities(staff.subList(from, to)).size());
            System.out.printf("Round %d  batches of %d: combination Drools %,.0f/s (%.1fx plain Java) | "
                            + "eligibility Drools %,.0f/s (%.1fx plain Java)%n", round, BATCH, droolsBatch.perSecond(),
                    java.perSecond() / droolsBatch.perSecond(), droolsStaffBatch.perSecond(),
                    javaStaff.perSecond() / droolsStaffBatch.perSecond());
            // CPU time is what the decisions cost whatever else the cores are busy with; wall-clock rates above swing
            // with the machine's load between one measurement and the next.
            System.out.printf("Round %d  CPU per decision: combination Drools batch %.1f us, single %.1f us, plain Java "
                            + "%.1f us (batch %.1fx) | eligibility Drools batch %.1f us, single %.1f us, plain Java "
                            + "%.1f us (batch %.1fx)%n", round, droolsBatch.cpuMicros(), drools.cpuMicros(),
                    java.cpuMicros(), droolsBatch.cpuMicros() / java.cpuMicros(), droolsStaffBatch.cpuMicros(),
                    droolsStaff.cpuMicros(), javaStaff.cpuMicros(), droolsStaffBatch.cpuMicros() / javaStaff.cpuMicros());
        }
    }

    /** Decisions per second of wall-clock time, and the process's CPU time per decision. */
    record Rate(double perSecond, double cpuMicros) {
    }

    /**
     * Evaluations per second over items 0..n-1 split across THREADS threads, each thread going over its share again
     * until MIN_SECONDS have passed: one pass of plain Java takes a few milliseconds, too short for the JIT to settle
     * or for the process's CPU clock (which ticks in milliseconds) to measure.
     */
    private static Rate rate(int n, IntPredicate evaluation) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            long cpu = CPU.getProcessCpuTime();
            long start = System.nanoTime();
            long until = start + (long) (MIN_SECONDS * 1e9);
            List<Future<Long>> parts = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int from = t * n / THREADS;
                int to = (t + 1) * n / THREADS;
                parts.add(pool.submit(() -> {
                    long done = 0;
                    int yes = 0;
                    do {
                        for (int i = from; i < to; i++) {
                            yes += evaluation.test(i) ? 1 : 0;
                        }
                        done += to - from;
                    } while (System.nanoTime() < until);
                    ANSWERS.add(yes); // used, so the JIT cannot drop the evaluations
                    return done;
                }));
            }
            long evaluations = 0;
            for (Future<Long> part : parts) {
                evaluations += part.get();
            }
            return new Rate(evaluations / ((System.nanoTime() - start) / 1e9),
                    (CPU.getProcessCpuTime() - cpu) / 1e3 / evaluations);
        } finally {
            pool.shutdown();
        }
    }

    interface Batch {
        int judge(int from, int to);
    }

    /** Evaluations per second over items 0..n-1 judged BATCH at a time, the batches split across THREADS threads. */
    private static Rate batchRate(int n, Batch batch) throws Exception {
        int batches = (n + BATCH - 1) / BATCH;
        Rate perBatch = rate(batches, b -> batch.judge(b * BATCH, Math.min(n, (b + 1) * BATCH)) > 0);
        return new Rate(perBatch.perSecond() * n / batches, perBatch.cpuMicros() * batches / n);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    /** Realistic mixes: mostly Certificates and Diplomas of 4-12 units, some Awards and Apprenticeship Diplomas. */
    private static List<Learner> learners(CatalogueFacts catalogue, Random random) {
        List<String> units = new ArrayList<>(new TreeSet<>(catalogue.units().keySet()));
        List<String> qans = new ArrayList<>(new TreeSet<>(catalogue.qualifications().keySet()));
        List<Learner> learners = new ArrayList<>(LEARNERS);
        for (int i = 0; i < LEARNERS; i++) {
            String qan = i % 10 < 4 ? "610/3769/2" : i % 10 < 8 ? "610/3770/9" : qans.get(random.nextInt(qans.size()));
            List<String> listed = catalogue.qualifications().get(qan).units();
            List<String> chosen = new ArrayList<>();
            if (!listed.isEmpty() && random.nextInt(4) > 0) {
                chosen.addAll(listed);
            }
            int extra = 4 + random.nextInt(9);
            for (int k = 0; k < extra; k++) {
                chosen.add(units.get(random.nextInt(units.size())));
            }
            learners.add(new Learner(qan, chosen));
        }
        return learners;
    }

    private static List<StaffEligibilityRequest> staff(Random random) {
        String[] codes = {"L3_ACWE", "L3_CAVA", "A1", "D32", "D33", "L4_IQA_AWARD", "L4_IQA_LEAD", "D34", "V1"};
        LocalDate asOf = LocalDate.of(2026, 11, 26);
        List<StaffEligibilityRequest> staff = new ArrayList<>(STAFF);
        for (int i = 0; i < STAFF; i++) {
            List<StaffEligibilityRequest.QualificationHeld> quals = new ArrayList<>();
            for (int k = random.nextInt(3); k > 0; k--) {
                quals.add(new StaffEligibilityRequest.QualificationHeld(codes[random.nextInt(codes.length)],
                        random.nextInt(4) == 0 ? QualificationStatus.WORKING_TOWARDS : QualificationStatus.HELD));
            }
            List<StaffEligibilityRequest.CpdEntry> cpd = new ArrayList<>();
            for (int k = random.nextInt(5); k > 0; k--) {
                cpd.add(new StaffEligibilityRequest.CpdEntry(asOf.minusDays(random.nextInt(500)),
                        BigDecimal.valueOf(2 + random.nextInt(14)), random.nextInt(5) > 0));
            }
            staff.add(new StaffEligibilityRequest(random.nextBoolean() ? StaffRole.ASSESSOR : StaffRole.IQA, asOf,
                    4 + random.nextInt(3), quals, cpd, null, random.nextInt(5) == 0, random.nextBoolean(),
                    random.nextInt(20) == 0, random.nextInt(20) == 0));
        }
        return staff;
    }
}
