package org.qaflow.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.qaflow.BundledDefaults;
import org.qaflow.catalogue.QualificationRepository;
import org.qaflow.catalogue.UnitRepository;
import org.qaflow.problem.BadRequestException;
import org.qaflow.problem.ConflictException;
import org.qaflow.problem.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.*;
import java.util.stream.Stream;

/**
 * The versions of the rules and the only way to change them: a candidate is compiled and run against the scenarios
 * before it may be activated; activation swaps the engine's snapshot in one step and is recorded with a diff.
 * The database is the system of record. Activation also writes the files to qaflow.rules-dir so disk and database
 * agree; edits made on disk are taken up only by an explicit reload, through the same checks, and a start rewrites a
 * folder that differs from the active version.
 */
@Service
public class RuleSetRegistry {

    private static final Logger log = LoggerFactory.getLogger(RuleSetRegistry.class);
    private static final String SYSTEM = "system";

    private final RuleEngine engine;
    private final RuleSetRepository sets;
    private final UnitRepository units;
    private final QualificationRepository qualifications;
    private final List<ImpactSource> impactSources;
    private final TransactionTemplate tx;
    private final ObjectMapper json;
    private final Path rulesDir;
    private final Clock clock;
    private final BundledDefaults defaults;
    private final java.time.Duration timeLimit;
    /** A candidate must be activated by a quality manager other than its author; false for a one-person organisation. */
    private final boolean fourEyes;
    private final ScenarioRunner scenarios = new ScenarioRunner();
    /** Checked candidates kept compiled for impact preview and activation; a few suffice. */
    private final Map<Long, RuleSet> compiledCandidates = Collections.synchronizedMap(
            new LinkedHashMap<>(8, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Long, RuleSet> eldest) {
                    return size() > 4;
                }
            });
    private volatile RuleSetCompiler compiler;
    /** A version activated elsewhere that does not build here: reported once, not rebuilt at every poll. */
    private volatile Integer unbuildable;

    public RuleSetRegistry(RuleEngine engine, RuleSetRepository sets, UnitRepository units,
                           QualificationRepository qualifications, List<ImpactSource> impactSources,
                           TransactionTemplate tx, ObjectMapper json, @Value("${qaflow.rules-dir}") Path rulesDir,
                           Clock clock, BundledDefaults defaults,
                           @Value("${qaflow.rules.time-limit:10s}") java.time.Duration timeLimit,
                           @Value("${qaflow.rules.four-eyes:true}") boolean fourEyes) {
        this.engine = engine;
        this.sets = sets;
        this.units = units;
        this.qualifications = qualifications;
        this.impactSources = impactSources;
        this.tx = tx;
        this.json = json;
        this.rulesDir = rulesDir;
        this.clock = clock;
        this.defaults = defaults;
        this.timeLimit = timeLimit;
        this.fourEyes = fourEyes;
    }

    public record Report(Long candidate, RuleSetRecord.Status status, Integer basedOnVersion, int scenariosRun,
                         List<RuleProblem> compileErrors, List<ScenarioFailure> scenarioFailures, String diff) {

        public boolean refused() {
            return status == RuleSetRecord.Status.REFUSED;
        }

        public String summary() {
            List<String> all = new ArrayList<>();
            compileErrors.forEach(p -> all.add(p.toString()));
            scenarioFailures.forEach(f -> all.add(f.toString()));
            String head = refused() ? "Rule set candidate " + candidate + " was refused: " : "Candidate " + candidate
                    + " compiled and passed " + scenariosRun + " scenarios";
            return head + String.join("; ", all.subList(0, Math.min(all.size(), 5)))
                    + (all.size() > 5 ? "; and " + (all.size() - 5) + " more" : "");
        }
    }

    /**
     * createdBy wrote the change, activatedBy approved it (the same only where four eyes are relaxed), for reason. A
     * scheduled change has no version yet: it is numbered when it takes effect, from effectiveFrom.
     */
    public record VersionView(Integer version, boolean active, RuleSetRecord.Origin origin, String description,
                              Integer basedOnVersion, String activatedBy, Instant activatedAt, String diff,
                              String createdBy, String reason, long candidate, RuleSetRecord.Status status,
                              Instant effectiveFrom) {

        static VersionView of(RuleSetRecord r) {
            return new VersionView(r.getVersion(), r.getStatus() == RuleSetRecord.Status.ACTIVE, r.getOrigin(),
                    r.getDescription(), r.getBasedOnVersion(), r.getActivatedBy(), r.getActivatedAt(), r.getDiff(),
                    r.getCreatedBy(), r.getReason(), r.getId(), r.getStatus(), r.getEffectiveFrom());
        }
    }

    /**
     * kinds: per kind of decision, how many records were looked at and how many differ; lookedAt says the same in
     * words ("looked at 12 claims, 14 staff, ..."), so that 0 differences visibly means the preview looked.
     */
    public record ImpactReport(long candidate, int activeVersion, List<String> sources,
                               List<ImpactDifference> differences, List<KindImpact> kinds, String lookedAt) {
    }

    public record KindImpact(String kind, long lookedAt, String records, int differences) {
    }

    private record Checked(RuleSet ruleSet, int scenariosRun, List<RuleProblem> problems,
                           List<ScenarioFailure> failures) {
        boolean ok() {
            return problems.isEmpty() && failures.isEmpty();
        }
    }

    /** Builds the active rule set; called once at start-up, after the catalogue is in the database (Startup). */
    public synchronized void start() {
        // Inside a transaction: the qualifications' unit lists load lazily.
        compiler = new RuleSetCompiler(tx.execute(status -> CatalogueFacts.of(units.findAll(), qualifications.findAll())),
                timeLimit);
        Optional<RuleSetRecord> current = sets.findByStatus(RuleSetRecord.Status.ACTIVE);
        if (current.isPresent()) {
            RuleSetRecord record = current.get();
            RuleSetCompiler.Outcome outcome = compiler.compile(record.getFiles(), record.getVersion());
            if (!outcome.ok()) {
                throw new IllegalStateException("Active rule set version " + record.getVersion()
                        + " no longer compiles: " + outcome.problems());
            }
            engine.activate(outcome.ruleSet());
            repairDisk(record);
            log.info("Rule set version {} active", record.getVersion());
            return;
        }
        // Outside the checkout there is no rules folder: start from the rules bundled in the jar and write them out,
        // so that editing on disk, reload and activation all work on the one folder.
        boolean bundled = !Files.isDirectory(rulesDir);
        Map<String, String> files = bundled ? defaults.files("rules") : readDisk();
        String source = bundled ? "the default rules bundled with qaflow" : rulesDir.toString();
        Checked checked = check(files);
        if (!checked.ok()) {
            throw new IllegalStateException("The rules in " + (bundled ? source : rulesDir.toAbsolutePath())
                    + " cannot be used: " + report(null, checked, null, "").summary());
        }
        Instant now = Instant.now(clock);
        RuleSetRecord record = new RuleSetRecord(RuleSetRecord.Origin.START,
                "rules read from " + source + " at first start", null, SYSTEM, now, files, LineDiff.of(Map.of(), files));
        record.activate(1, SYSTEM, now, "first start");
        sets.save(record);
        engine.activate(checked.ruleSet().asVersion(1));
        if (bundled) {
            writeDisk(files);
        }
        log.info("Rule set version 1 read from {}: {} files, {} scenarios passed", source, files.size(),
                checked.scenariosRun());
    }

    /**
     * Several nodes share one database: each takes up a version activated (or rolled back to) on another node within
     * one poll interval. The new version is built outside the lock while the old one keeps serving, then swapped in
     * one step. Versions only grow (a rollback is a new version), so a higher number in the database is always newer
     * than what this node serves; a lower one means this node activated meanwhile and is kept.
     */
    @Scheduled(fixedDelayString = "${qaflow.rules.poll-interval:PT2S}",
            initialDelayString = "${qaflow.rules.poll-interval:PT2S}")
    public void followActiveVersion() {
        followActiveVersion(Instant.now(clock));
    }

    /** As the poll does at {@code now}, which a test moves past a scheduled change's date. */
    public void followActiveVersion(Instant now) {
        RuleSetCompiler compiler = this.compiler;
        if (compiler == null) {
            return; // start() has not built the rules yet
        }
        takeEffect(now);
        Optional<Integer> stored = sets.findVersionByStatus(RuleSetRecord.Status.ACTIVE);
        if (stored.isEmpty() || stored.get() <= engine.active().version() || stored.get().equals(unbuildable)) {
            return;
        }
        RuleSetRecord record = sets.findByVersion(stored.get()).orElseThrow();
        RuleSetCompiler.Outcome outcome = compiler.compile(record.getFiles(), record.getVersion());
        synchronized (this) {
            if (!outcome.ok()) {
                if (record.getVersion().equals(unbuildable)) {
                    return; // a poll that overlapped this one has reported it
                }
                unbuildable = record.getVersion();
                log.error("Rule set version {}, activated on another node, does not build on this node, which keeps "
                        + "serving version {}: {}", record.getVersion(), engine.active().version(), outcome.problems());
            } else if (record.getVersion() > engine.active().version()) {
                // The folder first: once the node decides with a version, its folder already holds that version.
                writeDisk(record.getFiles());
                engine.activate(outcome.ruleSet());
                log.info("Rule set version {} taken up from the database (activated by {})",
                        record.getVersion(), record.getActivatedBy());
            }
        }
    }

    /**
     * A scheduled change whose date has come becomes the active version in the database (on whichever node polls
     * first); followActiveVersion then swaps it in on every node. Decisions made before keep the version that made
     * them. A change whose base was replaced meanwhile (an activation or rollback before its date) is not applied.
     */
    private void takeEffect(Instant now) {
        for (RuleSetRecord due : sets.findByStatusOrderByEffectiveFrom(RuleSetRecord.Status.SCHEDULED)) {
            if (due.getEffectiveFrom().isAfter(now)) {
                return;
            }
            tx.executeWithoutResult(status -> {
                Optional<RuleSetRecord> current = sets.findByStatus(RuleSetRecord.Status.ACTIVE);
                if (current.isPresent() && !Objects.equals(current.get().getVersion(), due.getBasedOnVersion())) {
                    RuleSetRecord stale = sets.findById(due.getId()).orElseThrow();
                    if (stale.getStatus() == RuleSetRecord.Status.SCHEDULED) {
                        stale.refuse(write(Map.of("superseded", "candidate " + due.getId() + " changed version "
                                + due.getBasedOnVersion() + ", but version " + current.get().getVersion()
                                + " was activated before its date")));
                        log.warn("Scheduled candidate {} not applied: version {} was activated before its date",
                                due.getId(), current.get().getVersion());
                    }
                } else if (sets.takeUpScheduled(due.getId(), sets.maxVersion() + 1) == 1) {
                    current.ifPresent(RuleSetRecord::retire);
                }
            });
        }
    }

    /** Applies changes (path to new content; null deletes) to the active files and checks the result. */
    public Report propose(Map<String, String> changes, String description, String user) {
        if (changes == null || changes.isEmpty()) {
            throw new BadRequestException("files is empty: give at least one rule file path with its new content");
        }
        Map<String, String> files = new TreeMap<>(engine.active().files());
        for (Map.Entry<String, String> change : changes.entrySet()) {
            String path = RuleSetCompiler.checkPath(change.getKey());
            if (change.getValue() == null) {
                if (files.remove(path) == null) {
                    throw new BadRequestException("Rule file " + path + " does not exist, so it cannot be deleted");
                }
            } else {
                files.put(path, change.getValue());
            }
        }
        return propose(RuleSetRecord.Origin.EDIT, description, files, user);
    }

    /**
     * Adds changes (path to new content; null deletes) to a candidate not yet activated, refused or not, and checks all
     * its changes again as one change set: so a policy change refused by a scenario is fixed by changing the scenario in
     * the same candidate. The result is a new candidate carrying every change, and the old one is marked superseded
     * (refused, naming its successor): each record keeps the check it had, so the history shows why it was refused.
     * Only the candidate's author amends it; with four eyes, another quality manager then reviews the whole change.
     */
    public synchronized Report amend(long candidateId, Map<String, String> changes, String user) {
        if (changes == null || changes.isEmpty()) {
            throw new BadRequestException("no change given: give at least one rule file path with its new content");
        }
        RuleSetRecord old = record(candidateId);
        if (old.getStatus() != RuleSetRecord.Status.CANDIDATE && old.getStatus() != RuleSetRecord.Status.REFUSED) {
            throw new ConflictException("Candidate " + candidateId + " is " + old.getStatus().name().toLowerCase()
                    + ": only a candidate not yet activated or scheduled takes more changes");
        }
        Long successor = supersededBy(old);
        if (successor != null) {
            throw new ConflictException("Candidate " + candidateId + " was superseded by candidate " + successor
                    + ": add the change to that one");
        }
        if (!user.equals(old.getCreatedBy())) {
            throw new AccessDeniedException("Only " + old.getCreatedBy() + ", who wrote candidate " + candidateId
                    + ", may add changes to it; propose your change as a new candidate");
        }
        RuleSet active = engine.active();
        if (!Objects.equals(old.getBasedOnVersion(), active.version())) {
            throw new ConflictException("Candidate " + candidateId + " changes version " + old.getBasedOnVersion()
                    + ", but version " + active.version() + " is active now: propose the change again on top of it");
        }
        Map<String, String> files = new TreeMap<>(old.getFiles());
        List<String> paths = new ArrayList<>();
        for (Map.Entry<String, String> change : changes.entrySet()) {
            String path = RuleSetCompiler.checkPath(change.getKey());
            paths.add(path);
            if (change.getValue() == null) {
                if (files.remove(path) == null) {
                    throw new BadRequestException("Rule file " + path + " is not in candidate " + candidateId
                            + ", so it cannot be deleted");
                }
            } else {
                files.put(path, change.getValue());
            }
        }
        String diff = LineDiff.of(active.files(), files);
        if (diff.isEmpty()) {
            throw new BadRequestException("With this change candidate " + candidateId
                    + " changes nothing: it is the same as active version " + active.version());
        }
        Checked checked = check(files);
        String description = old.getDescription() + "; " + String.join(", ", paths.stream().map(p -> "edit " + p)
                .toList());
        RuleSetRecord amended = new RuleSetRecord(RuleSetRecord.Origin.EDIT, description, active.version(), user,
                Instant.now(clock), files, diff);
        Report provisional = report(null, checked, active.version(), diff);
        if (!checked.ok()) {
            amended.refuse(write(Map.of("compileErrors", provisional.compileErrors(),
                    "scenarioFailures", provisional.scenarioFailures())));
        }
        RuleSetRecord saved = tx.execute(status -> {
            RuleSetRecord next = sets.save(amended);
            RuleSetRecord superseded = sets.findById(candidateId).orElseThrow();
            // A refused candidate keeps its reasons beside the note of what replaced it.
            Map<String, Object> why = new LinkedHashMap<>(problemsOf(superseded));
            why.put("superseded", "candidate " + candidateId + " was amended: candidate " + next.getId()
                    + " carries its changes and more");
            why.put("supersededBy", next.getId());
            superseded.refuse(write(why));
            return next;
        });
        compiledCandidates.remove(candidateId);
        if (checked.ok()) {
            compiledCandidates.put(saved.getId(), checked.ruleSet());
        }
        log.info("Candidate {} amended by {} as candidate {} ({})", candidateId, user, saved.getId(),
                checked.ok() ? "passed" : "refused");
        return report(saved.getId(), checked, active.version(), diff);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> problemsOf(RuleSetRecord record) {
        try {
            return record.getProblems() == null ? Map.of() : json.readValue(record.getProblems(), Map.class);
        } catch (JsonProcessingException e) {
            return Map.of("earlierProblems", record.getProblems());
        }
    }

    /** The candidate that replaced this one when it was amended, if it was. */
    public Long supersededBy(RuleSetRecord record) {
        if (record.getProblems() == null) {
            return null;
        }
        try {
            com.fasterxml.jackson.databind.JsonNode next = json.readTree(record.getProblems()).get("supersededBy");
            return next == null || next.isNull() ? null : next.asLong();
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private Report propose(RuleSetRecord.Origin origin, String description, Map<String, String> files, String user) {
        RuleSet active = engine.active();
        String diff = LineDiff.of(active.files(), files);
        if (diff.isEmpty()) {
            throw new BadRequestException("The candidate changes nothing: it is the same as active version "
                    + active.version());
        }
        Checked checked = check(files);
        RuleSetRecord record = new RuleSetRecord(origin, description, active.version(), user, Instant.now(clock), files, diff);
        Report report = report(null, checked, active.version(), diff);
        if (!checked.ok()) {
            record.refuse(write(Map.of("compileErrors", report.compileErrors(),
                    "scenarioFailures", report.scenarioFailures())));
        }
        record = sets.save(record);
        if (checked.ok()) {
            compiledCandidates.put(record.getId(), checked.ruleSet());
        }
        return report(record.getId(), checked, active.version(), diff);
    }

    public ImpactReport impact(long candidateId) {
        RuleSetRecord record = candidate(candidateId);
        RuleSet candidate = compiledCandidate(record);
        RuleSet active = engine.active();
        List<ImpactDifference> differences = new ArrayList<>();
        List<KindImpact> kinds = new ArrayList<>();
        List<String> looked = new ArrayList<>();
        for (ImpactSource source : impactSources) {
            ImpactSource.Impact impact = source.impact(active, candidate);
            differences.addAll(impact.differences());
            kinds.add(new KindImpact(impact.kind(), impact.lookedAt(), impact.records(), impact.differences().size()));
            looked.add(impact.looked());
        }
        return new ImpactReport(candidateId, active.version(), impactSources.stream().map(ImpactSource::name).toList(),
                differences, kinds, "looked at " + String.join(", ", looked));
    }

    /**
     * A quality manager other than the candidate's author approves it, saying why (unless qaflow.rules.four-eyes is
     * false), to take effect now or from the start of a later day. Serialised so that two activations never
     * interleave; evaluations are not blocked.
     */
    public synchronized VersionView activate(long candidateId, String user, String reason, LocalDate from) {
        RuleSetRecord record = candidate(candidateId);
        if (needsSecondPair(record, user)) {
            throw new AccessDeniedException("A rule set change needs a second quality manager: you wrote candidate "
                    + candidateId + " (" + record.getDescription() + "), so another quality manager must activate it");
        }
        String why = requireReason(reason, "activating candidate " + candidateId);
        LocalDate today = LocalDate.now(clock);
        if (from == null || from.equals(today)) {
            return activateChecked(record, user, why);
        }
        if (from.isBefore(today)) {
            throw new BadRequestException("effectiveFrom " + from + " is in the past (today is " + today
                    + "): give a later date, or leave it out to activate now");
        }
        return schedule(record, user, why, from.atStartOfDay(clock.getZone()).toInstant());
    }

    /** One change waits at a time, so what is scheduled is plain to see and each takes effect on what it changed. */
    private VersionView schedule(RuleSetRecord record, String user, String reason, Instant from) {
        int active = engine.active().version();
        if (!Objects.equals(record.getBasedOnVersion(), active)) {
            throw new ConflictException("Candidate " + record.getId() + " changes version " + record.getBasedOnVersion()
                    + ", but version " + active + " is active now: propose the change again on top of it");
        }
        compiledCandidate(record);
        List<RuleSetRecord> waiting = sets.findByStatusOrderByEffectiveFrom(RuleSetRecord.Status.SCHEDULED);
        if (!waiting.isEmpty()) {
            throw new ConflictException("Candidate " + waiting.get(0).getId() + " (" + waiting.get(0).getDescription()
                    + ") is already scheduled to take effect from " + day(waiting.get(0).getEffectiveFrom())
                    + ": one scheduled change at a time");
        }
        RuleSetRecord scheduled = tx.execute(status -> {
            RuleSetRecord r = sets.findById(record.getId()).orElseThrow();
            r.schedule(user, Instant.now(clock), reason, from);
            return r;
        });
        log.info("Candidate {} approved by {} to take effect from {}", record.getId(), user, day(from));
        return VersionView.of(scheduled);
    }

    /** The day a scheduled change takes effect, in the clock's zone. */
    public LocalDate day(Instant effectiveFrom) {
        return LocalDate.ofInstant(effectiveFrom, clock.getZone());
    }

    public List<VersionView> scheduled() {
        return sets.findByStatusOrderByEffectiveFrom(RuleSetRecord.Status.SCHEDULED).stream().map(VersionView::of)
                .toList();
    }

    /** Whether this user, having written the candidate, must leave its activation to another quality manager. */
    public boolean needsSecondPair(RuleSetRecord candidate, String user) {
        return fourEyes && user.equals(candidate.getCreatedBy());
    }

    private VersionView activateChecked(RuleSetRecord record, String user, String reason) {
        long candidateId = record.getId();
        RuleSet active = engine.active();
        if (!Objects.equals(record.getBasedOnVersion(), active.version())) {
            throw new ConflictException("Candidate " + candidateId + " changes version " + record.getBasedOnVersion()
                    + ", but version " + active.version() + " is active now: propose the change again on top of it");
        }
        RuleSet compiled = compiledCandidate(record);
        int version = sets.maxVersion() + 1;
        Instant now = Instant.now(clock);
        RuleSetRecord activated = tx.execute(status -> {
            // Another node may have activated a version this node has not taken up yet (followActiveVersion).
            Optional<RuleSetRecord> current = sets.findByStatus(RuleSetRecord.Status.ACTIVE);
            if (current.isPresent() && !Objects.equals(current.get().getVersion(), record.getBasedOnVersion())) {
                throw new ConflictException("Candidate " + candidateId + " changes version "
                        + record.getBasedOnVersion() + ", but version " + current.get().getVersion()
                        + " was activated on another node: propose the change again on top of it");
            }
            current.ifPresent(RuleSetRecord::retire);
            RuleSetRecord r = sets.findById(candidateId).orElseThrow();
            r.activate(version, user, now, reason);
            return r;
        });
        writeDisk(activated.getFiles());
        engine.activate(compiled.asVersion(version));
        compiledCandidates.remove(candidateId);
        log.info("Rule set version {} activated by {} (candidate {})", version, user, candidateId);
        return VersionView.of(activated);
    }

    /**
     * One quality manager may roll back: the version returned to was approved when it was activated, and a rollback
     * is what is done when a change goes wrong. The reason is still required and kept.
     */
    public synchronized VersionView rollback(int version, String user, String reason) {
        String why = requireReason(reason, "rolling back to version " + version);
        RuleSetRecord target = sets.findByVersion(version)
                .orElseThrow(() -> new NotFoundException("There is no rule set version " + version));
        if (version == engine.active().version()) {
            throw new ConflictException("Version " + version + " is already active");
        }
        return proposeAndActivate(RuleSetRecord.Origin.ROLLBACK, "rollback to version " + version, target.getFiles(), user,
                why);
    }

    /** Takes up edits made on disk, through the same checks; empty when disk already matches the active version. */
    public synchronized Optional<Reloaded> reload(String user) {
        Map<String, String> files = readDisk();
        if (files.equals(engine.active().files())) {
            return Optional.empty();
        }
        // Edits on disk are a change like any other: with four eyes, another quality manager activates them.
        Report report = propose(RuleSetRecord.Origin.RELOAD, "reload from " + rulesDir, files, user);
        if (report.refused()) {
            throw new RuleSetRefusedException(report);
        }
        if (fourEyes) {
            return Optional.of(new Reloaded(report.candidate(), null));
        }
        return Optional.of(new Reloaded(report.candidate(),
                activateChecked(candidate(report.candidate()), user, "edits made on disk, reloaded")));
    }

    /** What a reload made: a candidate, and the version it became unless a second quality manager must activate it. */
    public record Reloaded(long candidate, VersionView version) {
    }

    private VersionView proposeAndActivate(RuleSetRecord.Origin origin, String description, Map<String, String> files,
                                           String user, String reason) {
        Report report = propose(origin, description, files, user);
        if (report.refused()) {
            throw new RuleSetRefusedException(report);
        }
        return activateChecked(candidate(report.candidate()), user, reason);
    }

    private static String requireReason(String reason, String what) {
        if (reason == null || reason.isBlank()) {
            throw new BadRequestException("reason is missing: say why you are " + what
                    + " (it is kept in the rules history)");
        }
        return reason.strip();
    }

    public List<VersionView> versions() {
        return sets.findByVersionNotNullOrderByVersionDesc().stream().map(VersionView::of).toList();
    }

    public RuleSetRecord version(int version) {
        return sets.findByVersion(version).orElseThrow(() -> new NotFoundException("There is no rule set version " + version));
    }

    public RuleSetRecord record(long candidateId) {
        return sets.findById(candidateId)
                .orElseThrow(() -> new NotFoundException("There is no rule set candidate " + candidateId));
    }

    private RuleSetRecord candidate(long candidateId) {
        RuleSetRecord record = record(candidateId);
        switch (record.getStatus()) {
            case REFUSED -> throw new ConflictException("Candidate " + candidateId
                    + " was refused and cannot be used: " + record.getProblems());
            case ACTIVE, RETIRED -> throw new ConflictException("Candidate " + candidateId
                    + " was already activated as version " + record.getVersion());
            case SCHEDULED -> throw new ConflictException("Candidate " + candidateId
                    + " is already scheduled to take effect from " + day(record.getEffectiveFrom()));
            default -> {
                return record;
            }
        }
    }

    private RuleSet compiledCandidate(RuleSetRecord record) {
        RuleSet compiled = compiledCandidates.get(record.getId());
        if (compiled != null) {
            return compiled;
        }
        Checked checked = check(record.getFiles());
        if (!checked.ok()) {
            throw new RuleSetRefusedException(report(record.getId(), checked, record.getBasedOnVersion(), record.getDiff()));
        }
        compiledCandidates.put(record.getId(), checked.ruleSet());
        return checked.ruleSet();
    }

    private Checked check(Map<String, String> files) {
        if (files.isEmpty()) {
            return new Checked(null, 0, List.of(new RuleProblem(rulesDir.toString(), null, "there are no rule files")),
                    List.of());
        }
        RuleSetCompiler.Outcome outcome = compiler.compile(files, 0);
        if (!outcome.ok()) {
            return new Checked(null, 0, outcome.problems(), List.of());
        }
        ScenarioRunner.Result result = scenarios.run(outcome.ruleSet());
        return new Checked(outcome.ruleSet(), result.scenariosRun(), result.problems(), result.failures());
    }

    private static Report report(Long id, Checked checked, Integer basedOn, String diff) {
        return new Report(id, checked.ok() ? RuleSetRecord.Status.CANDIDATE : RuleSetRecord.Status.REFUSED, basedOn,
                checked.scenariosRun(), checked.problems(), checked.failures(), diff);
    }

    private Map<String, String> readDisk() {
        Map<String, String> files = new TreeMap<>();
        if (!Files.isDirectory(rulesDir)) {
            return files;
        }
        try (Stream<Path> paths = Files.walk(rulesDir)) {
            for (Path p : paths.filter(Files::isRegularFile).toList()) {
                String relative = rulesDir.relativize(p).toString().replace('\\', '/');
                if (!relative.startsWith(".") && !relative.contains("/.")) {
                    files.put(relative, Files.readString(p, StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the rule files in " + rulesDir + ": " + e.getMessage(), e);
        }
        return files;
    }

    /** Best effort: the database already holds the activated version, so a read-only rules-dir only earns a warning. */
    private void writeDisk(Map<String, String> files) {
        try {
            for (String stale : readDisk().keySet()) {
                if (!files.containsKey(stale)) {
                    Files.delete(rulesDir.resolve(stale));
                }
            }
            for (Map.Entry<String, String> file : files.entrySet()) {
                writeAtomically(rulesDir.resolve(file.getKey()), file.getValue());
            }
        } catch (IOException e) {
            log.warn("Activated rules could not be written to {}: {}", rulesDir, e.getMessage());
        }
    }

    /**
     * A file is either its old or its new content, never a half-written one: written beside the target under a hidden
     * name (which readDisk skips) and renamed over it in one step, so a process killed meanwhile leaves no torn file.
     */
    private static void writeAtomically(Path target, String content) throws IOException {
        Files.createDirectories(target.getParent());
        Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
        try {
            try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(temp,
                    java.nio.file.StandardOpenOption.WRITE)) {
                channel.write(java.nio.ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8)));
                channel.force(true);
            }
            Files.move(temp, target, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * The database is the system of record: at start, a rules-dir that differs from the active version (a file
     * truncated by a killed activation, edited, added or removed) is rewritten from it. A differing file's content
     * is kept beside it as a hidden .NAME.on-disk copy, so an edit made on disk is not lost; reload skips hidden files.
     */
    private void repairDisk(RuleSetRecord active) {
        Map<String, String> disk = readDisk();
        Map<String, String> files = active.getFiles();
        if (disk.equals(files)) {
            return;
        }
        try {
            for (Map.Entry<String, String> onDisk : disk.entrySet()) {
                if (!onDisk.getValue().equals(files.get(onDisk.getKey())) && !onDisk.getValue().isEmpty()) {
                    Path file = rulesDir.resolve(onDisk.getKey());
                    writeAtomically(file.resolveSibling("." + file.getFileName() + ".on-disk"), onDisk.getValue());
                }
            }
            List<String> differing = new ArrayList<>();
            for (String path : new TreeSet<>(disk.keySet())) {
                if (!files.containsKey(path)) {
                    differing.add(path + " (not in the active version, removed)");
                }
            }
            files.forEach((path, content) -> {
                if (!content.equals(disk.get(path))) {
                    differing.add(path + (disk.containsKey(path) ? disk.get(path).isEmpty() ? " (empty)" : " (differed)"
                            : " (missing)"));
                }
            });
            writeDisk(files);
            log.warn("Rewrote {} in {} from active rule set version {}; what was on disk is kept as hidden "
                    + ".NAME.on-disk copies", differing, rulesDir, active.getVersion());
        } catch (IOException e) {
            log.warn("The files in {} differ from active rule set version {} and could not be rewritten: {}",
                    rulesDir, active.getVersion(), e.getMessage());
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
