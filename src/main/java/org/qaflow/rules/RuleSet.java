package org.qaflow.rules;

import org.drools.core.common.InternalFactHandle;
import org.drools.core.reteoo.TupleImpl;
import org.drools.core.rule.consequence.InternalMatch;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSessionsPool;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.Match;
import org.kie.internal.event.rule.RuleEventListener;
import org.kie.internal.event.rule.RuleEventManager;
import org.qaflow.problem.BadRequestException;
import org.qaflow.rules.facts.*;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;

import java.time.Duration;
import java.util.*;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * One compiled, immutable version of the rules: the KieBase, the data rows, and the files they came from.
 * Every evaluation uses exactly one RuleSet, so it sees one version, never a mix.
 */
public final class RuleSet {

    private static final Logger log = LoggerFactory.getLogger(RuleSet.class);

    private final int version;
    private final Map<String, String> files;
    /** Pooled sessions: creating a fresh session per evaluation costs more than evaluating. */
    private final KieSessionsPool sessions;
    private final Map<Class<?>, List<Object>> data;
    private final CatalogueFacts catalogue;
    private final Duration timeLimit;

    RuleSet(int version, Map<String, String> files, KieBase kieBase, Map<Class<?>, List<Object>> data,
            CatalogueFacts catalogue, Duration timeLimit) {
        this(version, files, kieBase.newKieSessionsPool(Runtime.getRuntime().availableProcessors()), data, catalogue,
                timeLimit);
    }

    private RuleSet(int version, Map<String, String> files, KieSessionsPool sessions, Map<Class<?>, List<Object>> data,
                    CatalogueFacts catalogue, Duration timeLimit) {
        this.version = version;
        this.files = Collections.unmodifiableMap(new TreeMap<>(files));
        this.sessions = sessions;
        this.data = data;
        this.catalogue = catalogue;
        this.timeLimit = timeLimit;
    }

    /** The same compiled rules under the version number they are activated as. */
    RuleSet asVersion(int newVersion) {
        return new RuleSet(newVersion, files, sessions, data, catalogue, timeLimit);
    }

    public int version() { return version; }
    public Map<String, String> files() { return files; }

    /** One learner's units on one qualification, as a batch of combination decisions takes them. */
    public record CombinationQuery(String qan, Collection<String> unitRefs) {
    }

    public CombinationResult combination(String qan, Collection<String> unitRefs) {
        return combinations(List.of(new CombinationQuery(qan, unitRefs))).get(0);
    }

    /**
     * Many combination decisions in one session: the facts every decision shares are inserted once and the session
     * is paid for once, so judging many learners at once (the impact preview) costs a fraction of one call each.
     * The rules correlate every condition with its own check, so each answer is the one a single call would give.
     */
    public List<CombinationResult> combinations(List<CombinationQuery> queries) {
        List<CombinationCheck> checks = new ArrayList<>(queries.size());
        Set<String> types = new HashSet<>();
        Set<String> qans = new LinkedHashSet<>();
        for (CombinationQuery query : queries) {
            CombinationCheck check = combinationCheck(query.qan(), query.unitRefs());
            checks.add(check);
            types.add(check.getQualificationType());
            qans.add(check.getQualification());
        }
        List<Object> facts = new ArrayList<>(checks);
        // Only the rows for these types of qualification: the rules would ignore the others, at a cost per evaluation.
        for (Object row : data(CombinationRequirement.class)) {
            if (types.contains(((CombinationRequirement) row).getQualificationType())) {
                facts.add(row);
            }
        }
        for (Object row : data(CategoryMinimum.class)) {
            if (types.contains(((CategoryMinimum) row).getQualificationType())) {
                facts.add(row);
            }
        }
        for (String qan : qans) {
            for (String ref : catalogue.qualifications().get(qan).units()) {
                facts.add(new ListedUnit(qan, ref, catalogue.units().get(ref).title()));
            }
        }
        List<List<String>> fired = run(facts, checks);
        List<CombinationResult> results = new ArrayList<>(checks.size());
        for (int i = 0; i < checks.size(); i++) {
            CombinationCheck check = checks.get(i);
            results.add(new CombinationResult(check.getQualification(), check.getReasons().isEmpty(),
                    check.getCredits(), check.getCategoryCounts(), List.copyOf(check.getReasons()), version, fired.get(i)));
        }
        return results;
    }

    private CombinationCheck combinationCheck(String qan, Collection<String> unitRefs) {
        CatalogueFacts.QualificationInfo qualification = catalogue.qualifications().get(qan);
        if (qualification == null) {
            throw new BadRequestException("Qualification " + qan + " is not in the catalogue. Known qualifications: "
                    + String.join(", ", new TreeSet<>(catalogue.qualifications().keySet())));
        }
        Set<String> refs = new LinkedHashSet<>(unitRefs == null ? List.of() : unitRefs);
        // One pass and one catalogue look-up per unit: in a batch this preparation costs as much as the rules do.
        List<String> unknown = null;
        int credits = 0;
        Map<String, Integer> counts = new TreeMap<>();
        for (String ref : refs) {
            CatalogueFacts.UnitInfo unit = catalogue.units().get(ref);
            if (unit == null) {
                unknown = unknown == null ? new ArrayList<>() : unknown;
                unknown.add(ref);
            } else {
                credits += unit.credit();
                counts.merge(unit.category(), 1, Integer::sum);
            }
        }
        if (unknown != null) {
            throw new BadRequestException((unknown.size() == 1 ? "Unit " + unknown.get(0) + " is"
                    : "Units " + String.join(", ", unknown) + " are") + " not in the catalogue. Known units: "
                    + String.join(", ", new TreeSet<>(catalogue.units().keySet())));
        }
        return new CombinationCheck(qan, qualification.title(), qualification.type(), refs, credits, counts);
    }

    public EligibilityResult staffEligibility(StaffEligibilityRequest request) {
        return staffEligibilities(List.of(request)).get(0);
    }

    /** Many eligibility decisions in one session, as {@link #combinations} does for combination. */
    public List<EligibilityResult> staffEligibilities(List<StaffEligibilityRequest> requests) {
        List<EligibilityCheck> checks = new ArrayList<>(requests.size());
        for (StaffEligibilityRequest request : requests) {
            checks.add(eligibilityCheck(request));
        }
        List<Object> facts = new ArrayList<>(checks);
        facts.addAll(data(RecognisedQualification.class));
        facts.addAll(data(RoleRequirement.class));
        List<List<String>> fired = run(facts, checks);
        List<EligibilityResult> results = new ArrayList<>(checks.size());
        for (int i = 0; i < checks.size(); i++) {
            EligibilityCheck check = checks.get(i);
            results.add(new EligibilityResult(requests.get(i).role(), check.getAsOf(), !check.isRefused(),
                    check.getConditions(), check.getWarnings(), check.getReasons(), check.getQualifiedBy(), version,
                    fired.get(i)));
        }
        return results;
    }

    private static EligibilityCheck eligibilityCheck(StaffEligibilityRequest request) {
        if (request.role() == null) {
            throw new BadRequestException("role is missing: give ASSESSOR or IQA");
        }
        if (request.asOf() == null) {
            throw new BadRequestException("asOf is missing: give the date the eligibility is asked about");
        }
        if (request.occupationalCompetenceLevel() == null) {
            throw new BadRequestException("occupationalCompetenceLevel is missing");
        }
        Map<String, String> qualifications = new HashMap<>();
        for (int i = 0; i < request.qualifications().size(); i++) {
            StaffEligibilityRequest.QualificationHeld q = request.qualifications().get(i);
            if (q == null || q.code() == null || q.status() == null) {
                throw new BadRequestException("qualifications[" + i + "] needs a code and a status (HELD or WORKING_TOWARDS)");
            }
            if (q.status() == org.qaflow.centre.StaffMember.QualificationStatus.ABANDONED) {
                continue; // neither held nor worked towards
            }
            // HELD wins when the same code is listed twice.
            qualifications.merge(q.code(), q.status().name(), (a, b) -> "HELD".equals(a) ? a : b);
        }
        List<EligibilityCheck.Cpd> cpd = new ArrayList<>();
        for (int i = 0; i < request.cpd().size(); i++) {
            StaffEligibilityRequest.CpdEntry c = request.cpd().get(i);
            if (c == null || c.date() == null || c.hours() == null || c.hours().signum() < 0) {
                throw new BadRequestException("cpd[" + i + "] needs a date and hours of 0 or more");
            }
            cpd.add(new EligibilityCheck.Cpd(c.date(), c.hours().doubleValue(), c.salesRelated()));
        }
        int qualificationLevel = request.qualificationLevel() == null ? 4 : request.qualificationLevel();
        return new EligibilityCheck(request.role().name(), request.asOf(),
                request.occupationalCompetenceLevel(), qualificationLevel, qualifications, cpd,
                request.assessesLeadershipUnits(), request.salesLeadershipCompetence(),
                request.declaredInterestInLearner(), request.verifyingOwnDecision());
    }

    public IqaSamplingResult iqaSampling(IqaSamplingRequest request) {
        return iqaSamplings(List.of(request)).get(0);
    }

    /** Many sampling decisions in one session, as {@link #combinations} does for combination. */
    public List<IqaSamplingResult> iqaSamplings(List<IqaSamplingRequest> requests) {
        List<IqaSamplingCheck> checks = new ArrayList<>(requests.size());
        for (IqaSamplingRequest request : requests) {
            if (request.assessorRisk() == null) {
                throw new BadRequestException("assessorRisk is missing: give LOW, MEDIUM or HIGH");
            }
            checks.add(new IqaSamplingCheck(request.decisionId(), request.assessorWorkingTowards(),
                    request.assessorPriorDecisions(), request.simulatedEvidence(), request.assessorRecentReferrals(),
                    request.assessorRisk().name()));
        }
        List<Object> facts = new ArrayList<>(checks);
        facts.addAll(data(IqaSamplingPolicy.class));
        facts.addAll(data(BaselineSamplingRate.class));
        List<List<String>> fired = run(facts, checks);
        List<IqaSamplingResult> results = new ArrayList<>(checks.size());
        for (int i = 0; i < checks.size(); i++) {
            IqaSamplingCheck check = checks.get(i);
            results.add(new IqaSamplingResult(requests.get(i).decisionId(), !check.getReasons().isEmpty(),
                    List.copyOf(check.getReasons()), version, fired.get(i)));
        }
        return results;
    }

    /**
     * The rules decide how many learners; the selection then first takes learners who cover an assessor, unit,
     * method or location not yet covered (CAMERA), then fills up at random, both in an order fixed by the seed.
     */
    public EqaSampleResult eqaSample(EqaSampleRequest request) {
        return eqaSamples(List.of(request)).get(0);
    }

    /** Many centres' samples in one session, as {@link #combinations} does for combination. */
    public List<EqaSampleResult> eqaSamples(List<EqaSampleRequest> requests) {
        List<EqaSampleCheck> checks = new ArrayList<>(requests.size());
        for (EqaSampleRequest request : requests) {
            if (request.centreRisk() == null) {
                throw new BadRequestException("centreRisk is missing: give LOW, MEDIUM or HIGH");
            }
            List<EqaCandidate> candidates = request.candidates();
            Set<String> ids = new HashSet<>();
            for (int i = 0; i < candidates.size(); i++) {
                EqaCandidate c = candidates.get(i);
                if (c == null || c.id() == null || c.id().isBlank()) {
                    throw new BadRequestException("candidates[" + i + "] needs an id");
                }
                if (!ids.add(c.id())) {
                    throw new BadRequestException("candidates[" + i + "]: id " + c.id() + " is listed twice");
                }
            }
            checks.add(new EqaSampleCheck(candidates.size(), request.centreRisk().name()));
        }
        List<Object> facts = new ArrayList<>(checks);
        facts.addAll(data(EqaSampleSizeBand.class));
        facts.addAll(data(EqaRiskUplift.class));
        List<List<String>> fired = run(facts, checks);
        List<EqaSampleResult> results = new ArrayList<>(checks.size());
        for (int i = 0; i < checks.size(); i++) {
            EqaSampleCheck check = checks.get(i);
            EqaSampleRequest request = requests.get(i);
            int size = check.getSampleSize();
            results.add(new EqaSampleResult(request.candidates().size(), size, List.copyOf(check.getReasons()),
                    select(request.candidates(), size, request.seed()), version, fired.get(i)));
        }
        return results;
    }

    /**
     * The claims the EQA reviews before a remote release: as many as the release rules asked for, chosen as a visit's
     * sample is (first whatever covers an assessor, unit, method or location not yet covered, then at random).
     */
    public List<EqaSampleResult.Selected> eqaReview(List<EqaCandidate> candidates, int size, long seed) {
        return select(candidates, size, seed);
    }

    private static List<EqaSampleResult.Selected> select(List<EqaCandidate> candidates, int size, long seed) {
        List<EqaCandidate> order = new ArrayList<>(candidates);
        order.sort(Comparator.comparing(EqaCandidate::id));
        Collections.shuffle(order, new Random(seed));
        List<EqaSampleResult.Selected> selected = new ArrayList<>();
        Set<String> covered = new HashSet<>();
        for (Iterator<EqaCandidate> it = order.iterator(); it.hasNext() && selected.size() < size; ) {
            EqaCandidate c = it.next();
            List<String> newlyCovered = new ArrayList<>();
            for (String key : cameraKeys(c)) {
                if (!covered.contains(key)) {
                    newlyCovered.add("covers " + key + " not yet sampled");
                }
            }
            if (!newlyCovered.isEmpty()) {
                covered.addAll(cameraKeys(c));
                selected.add(new EqaSampleResult.Selected(c.id(), newlyCovered));
                it.remove();
            }
        }
        for (Iterator<EqaCandidate> it = order.iterator(); it.hasNext() && selected.size() < size; ) {
            EqaCandidate c = it.next();
            selected.add(new EqaSampleResult.Selected(c.id(),
                    List.of("random selection to make up the sample (seed " + seed + ")")));
        }
        return selected;
    }

    public EqaReleaseDecision eqaRelease(EqaReleaseRequest request) {
        return eqaReleases(List.of(request)).get(0);
    }

    /** Many centres' release decisions in one session, as {@link #combinations} does for combination. */
    public List<EqaReleaseDecision> eqaReleases(List<EqaReleaseRequest> requests) {
        List<EqaReleaseCheck> checks = new ArrayList<>(requests.size());
        for (EqaReleaseRequest request : requests) {
            checks.add(new EqaReleaseCheck(request.satisfactoryVisits(),
                    request.latestOutcome() == null ? "NONE" : request.latestOutcome().name(), request.waitingClaims()));
        }
        List<Object> all = new ArrayList<>(checks);
        all.addAll(data(EqaReleasePolicy.class));
        List<List<String>> fired = run(all, checks);
        List<EqaReleaseDecision> results = new ArrayList<>(checks.size());
        for (int i = 0; i < checks.size(); i++) {
            EqaReleaseCheck check = checks.get(i);
            boolean remote = check.isRemote();
            List<String> reasons = remote ? check.getRemoteReasons() : check.getAtVisitReasons();
            if (!remote && reasons.isEmpty()) {
                reasons = List.of("no release rule applies: claims wait for the next EQA visit");
            }
            results.add(new EqaReleaseDecision(remote, remote ? check.getReviewCount() : 0, List.copyOf(reasons),
                    version, fired.get(i)));
        }
        return results;
    }

    public DirectClaimRecommendation directClaimStatus(DirectClaimFacts facts) {
        return directClaimStatuses(List.of(facts)).get(0);
    }

    /** Many centres' recommendations in one session, as {@link #combinations} does for combination. */
    public List<DirectClaimRecommendation> directClaimStatuses(List<DirectClaimFacts> centres) {
        List<DirectClaimCheck> checks = new ArrayList<>(centres.size());
        for (DirectClaimFacts facts : centres) {
            checks.add(new DirectClaimCheck(facts.currentStatus(),
                    facts.recentVisitOutcomes().stream().map(VisitOutcome::name).toList(), facts.openActions(),
                    facts.everyAssessorSampled(), facts.qualifiedIqaCount()));
        }
        List<Object> all = new ArrayList<>(checks);
        all.addAll(data(DirectClaimPolicy.class));
        List<List<String>> fired = run(all, checks);
        List<DirectClaimRecommendation> results = new ArrayList<>(checks.size());
        for (int i = 0; i < checks.size(); i++) {
            DirectClaimCheck check = checks.get(i);
            DirectClaimRecommendation.Recommendation recommendation;
            List<String> reasons = new ArrayList<>();
            if (centres.get(i).currentStatus()) {
                recommendation = check.getSuspendReasons().isEmpty()
                        ? DirectClaimRecommendation.Recommendation.KEEP : DirectClaimRecommendation.Recommendation.SUSPEND;
                reasons.addAll(check.getSuspendReasons());
            } else {
                recommendation = check.getGrantReasons().isEmpty()
                        ? DirectClaimRecommendation.Recommendation.NONE : DirectClaimRecommendation.Recommendation.GRANT;
                reasons.addAll(check.getGrantReasons());
            }
            reasons.addAll(check.getNotes());
            results.add(new DirectClaimRecommendation(recommendation, reasons, version, fired.get(i)));
        }
        return results;
    }

    private static List<String> cameraKeys(EqaCandidate c) {
        List<String> keys = new ArrayList<>();
        if (c.assessor() != null) keys.add("assessor " + c.assessor());
        c.units().forEach(u -> keys.add("unit " + u));
        c.methods().forEach(m -> keys.add("method " + m));
        if (c.location() != null) keys.add("location " + c.location());
        return keys;
    }

    /** Gaps in what a period's sample covered; plain set arithmetic, so it needs no rule set. */
    public static CameraCoverage cameraCoverage(Collection<EqaCandidate> population, Collection<String> sampledIds) {
        Set<String> sampled = new HashSet<>(sampledIds);
        List<EqaCandidate> inSample = population.stream().filter(c -> sampled.contains(c.id())).toList();
        List<String> assessors = gaps(population, inSample, c -> c.assessor() == null ? List.of() : List.of(c.assessor()));
        List<String> units = gaps(population, inSample, EqaCandidate::units);
        List<String> methods = gaps(population, inSample, EqaCandidate::methods);
        List<String> locations = gaps(population, inSample, c -> c.location() == null ? List.of() : List.of(c.location()));
        return new CameraCoverage(assessors.isEmpty() && units.isEmpty() && methods.isEmpty() && locations.isEmpty(),
                assessors, units, methods, locations);
    }

    private static List<String> gaps(Collection<EqaCandidate> population, Collection<EqaCandidate> sample,
                                     java.util.function.Function<EqaCandidate, List<String>> values) {
        Set<String> covered = sample.stream().flatMap(c -> values.apply(c).stream()).collect(Collectors.toSet());
        return population.stream().flatMap(c -> values.apply(c).stream())
                .filter(v -> !covered.contains(v)).distinct().sorted().toList();
    }

    /** The qualifications the eligibility rules recognise, as their data file lists them. */
    public List<RecognisedQualification> recognisedQualifications() {
        return data(RecognisedQualification.class).stream().map(RecognisedQualification.class::cast).toList();
    }

    /** What the eligibility rules ask of a role besides a qualification (CPD hours and window, competence). */
    public Optional<RoleRequirement> roleRequirement(org.qaflow.centre.StaffRole role) {
        return data(RoleRequirement.class).stream().map(RoleRequirement.class::cast)
                .filter(r -> r.getRole().equals(role.name())).findFirst();
    }

    /** The combination data rows for a type of qualification (credit range, category minimums): the unit picker's guide. */
    public List<CombinationRequirement> combinationRequirements(String qualificationType) {
        return data(CombinationRequirement.class).stream().map(CombinationRequirement.class::cast)
                .filter(r -> r.getQualificationType().equals(qualificationType)).toList();
    }

    public List<CategoryMinimum> categoryMinimums(String qualificationType) {
        return data(CategoryMinimum.class).stream().map(CategoryMinimum.class::cast)
                .filter(r -> r.getQualificationType().equals(qualificationType)).toList();
    }

    private List<Object> data(Class<?> type) {
        return data.getOrDefault(type, List.of());
    }

    /**
     * A bound on one evaluation, so that a rule that re-triggers itself for ever (an update without no-loop), or
     * inserts facts without end until memory runs out, fails that evaluation with a clear message instead of holding
     * a request thread and the heap. Real rule sets fire tens to hundreds of rules per evaluation.
     */
    static final int MAX_FIRINGS = 50_000;
    static final Duration DEFAULT_TIME_LIMIT = Duration.ofSeconds(10);
    /** How long each step of stopping an overrunning evaluation waits before the next, harder one. */
    private static final Duration GRACE = Duration.ofMillis(500);

    private static final AtomicInteger WORKERS = new AtomicInteger();
    /** Evaluations run here, so that the caller can give up on one that overruns and stop it. */
    private static final ExecutorService EVALUATIONS = Executors.newCachedThreadPool(work -> {
        Thread t = new Thread(work, "rules-evaluation-" + WORKERS.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    private static final class LimitExceeded extends RuntimeException {
        LimitExceeded(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * One pooled session per evaluation, on a worker thread with a deadline: rule code is the quality managers', and
     * one that never ends must not hold a core and a thread until restart. The listener collects, for each subject
     * (the check a decision is written on), the names of the rules that fired on it, once each; with one subject,
     * every rule that fired. The firing limit is per subject, so a batch is bounded as its decisions would be alone.
     */
    private List<List<String>> run(List<Object> facts, List<? extends Judged> subjects) {
        if (subjects.isEmpty()) {
            return List.of();
        }
        KieSession session = sessions.newKieSession();
        Judged only = subjects.size() == 1 ? subjects.get(0) : null;
        long maxFirings = (long) MAX_FIRINGS * Math.max(1, subjects.size());
        AtomicReference<String> firing = new AtomicReference<>();
        AtomicInteger firings = new AtomicInteger();
        // A rule event listener, not an agenda one: Drools then makes no event object for every firing. It walks the
        // match's tuple rather than asking for its objects, which would copy them into a new list at every firing.
        RuleEventListener listener = new RuleEventListener() {
            @Override
            public void onBeforeMatchFire(Match match) {
                firing.set(match.getRule().getName());
            }

            @Override
            public void onAfterMatchFire(Match match) {
                String rule = match.getRule().getName();
                if (only != null) {
                    only.firedBy(rule);
                } else {
                    for (TupleImpl t = ((InternalMatch) match).getTuple(); t != null; t = t.getParent()) {
                        InternalFactHandle handle = t.getFactHandle();
                        if (handle != null && handle.getObject() instanceof Judged check) {
                            check.firedBy(rule);
                        }
                    }
                }
                if (firings.incrementAndGet() > maxFirings) {
                    throw new LimitExceeded("The rules were stopped after " + firings.get() + " rule firings (limit: "
                            + MAX_FIRINGS + " per evaluation); the last was \"" + rule + "\", which probably "
                            + "re-triggers itself (an update or insert without no-loop)");
                }
            }
        };
        ((RuleEventManager) session).addEventListener(listener);
        Evaluation evaluation = new Evaluation(() -> {
            facts.forEach(session::insert);
            session.fireAllRules();
        });
        Future<?> done = EVALUATIONS.submit(evaluation);
        try {
            done.get(timeLimit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            evaluation.stop(session, done);
            // Not disposed: a session stopped in the middle of a rule does not go back to the pool.
            throw new RuleEvaluationException(HttpStatus.SERVICE_UNAVAILABLE, "The rules did not finish within "
                    + timeLimit.toMillis() / 1000.0 + " s and were stopped" + (firing.get() == null ? ""
                    : " while \"" + firing.get() + "\" was running") + ", after " + firings.get()
                    + " rule firings (a rule that re-triggers itself fires without end)" + (version == 0 ? ""
                    : "; rule set version " + version + " needs correcting by a quality manager"));
        } catch (ExecutionException e) {
            release(session, listener);
            for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
                if (t instanceof LimitExceeded limit) {
                    throw new BadRequestException(limit.getMessage());
                }
            }
            // Only the rule and the kind of failure: a message computed by rule code is not shown to anyone.
            Throwable cause = e.getCause();
            while (cause.getCause() != null && (cause.getClass().getName().startsWith("org.drools")
                    || cause.getClass().getName().startsWith("org.kie"))) {
                cause = cause.getCause();
            }
            String rule = firing.get() == null ? "the rules" : "rule \"" + firing.get() + "\"";
            log.warn("Rule set version {}: {} failed", version, rule, e.getCause());
            throw new RuleEvaluationException(HttpStatus.UNPROCESSABLE_ENTITY, "The rules could not evaluate this "
                    + "input: " + rule + (version == 0 ? "" : " of rule set version " + version) + " failed ("
                    + cause.getClass().getSimpleName() + ")");
        }
        release(session, listener);
        List<List<String>> fired = new ArrayList<>(subjects.size());
        subjects.forEach(subject -> fired.add(subject.firedRules()));
        return fired;
    }

    /** Back to the pool, without this evaluation's listener. */
    private static void release(KieSession session, RuleEventListener listener) {
        ((RuleEventManager) session).removeEventListener(listener);
        session.dispose();
    }

    /** The work of one evaluation on a pool thread, stopped by the caller if it overruns. */
    private static final class Evaluation implements Runnable {
        private final Runnable work;
        /** The thread running the work, while it runs; guarded by this. */
        private Thread thread;
        private boolean over;

        Evaluation(Runnable work) {
            this.work = work;
        }

        @Override
        public void run() {
            synchronized (this) {
                if (over) {
                    return;
                }
                thread = Thread.currentThread();
            }
            try {
                work.run();
            } finally {
                synchronized (this) {
                    over = true;
                    thread = null;
                }
                Thread.interrupted(); // a late interrupt must not reach the pool's next evaluation
            }
        }

        /**
         * Halting the session ends it between two rules; interrupting ends a rule that waits; a rule busy computing
         * ends only by Thread.stop, the last resort, used only on this thread while it still runs this work.
         */
        @SuppressWarnings({"deprecation", "removal"})
        void stop(KieSession session, Future<?> done) {
            synchronized (this) {
                if (thread == null) {
                    over = true;
                    return;
                }
            }
            session.halt();
            if (finished(done)) {
                return;
            }
            synchronized (this) {
                if (thread != null) {
                    thread.interrupt();
                }
            }
            if (finished(done)) {
                return;
            }
            synchronized (this) {
                if (thread != null) {
                    log.warn("Stopping {}: a rule neither halted nor answered an interrupt", thread.getName());
                    thread.stop();
                }
            }
            finished(done);
        }

        private static boolean finished(Future<?> done) {
            try {
                done.get(GRACE.toMillis(), TimeUnit.MILLISECONDS);
                return true;
            } catch (ExecutionException | CancellationException e) {
                return true;
            } catch (TimeoutException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
