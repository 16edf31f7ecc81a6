package org.qaflow.rules;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.qaflow.problem.BadRequestException;
import org.qaflow.problem.HumanText;
import org.qaflow.problem.NotFoundException;
import org.qaflow.problem.Refuses;
import org.qaflow.security.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.*;

import java.util.*;

/**
 * Evaluate the rules (any authenticated user; every answer is recorded as a decision) and change them (quality
 * managers only: propose, preview the impact, activate, roll back, reload).
 */
@RestController
@RequestMapping("/api/rules")
public class RulesController {

    private static final String QM = "hasRole('QUALITY_MANAGER')";

    private final RuleEngine engine;
    private final RuleSetRegistry registry;
    private final DecisionLog decisions;
    private final DecisionAccess access;
    private final CurrentUser currentUser;
    private final ObjectMapper json;
    private final DecisionTables tables;

    public RulesController(RuleEngine engine, RuleSetRegistry registry, DecisionLog decisions,
                           DecisionAccess access, CurrentUser currentUser, ObjectMapper json, DecisionTables tables) {
        this.tables = tables;
        this.engine = engine;
        this.registry = registry;
        this.decisions = decisions;
        this.access = access;
        this.currentUser = currentUser;
        this.json = json;
    }

    public record CombinationRequest(@HumanText(max = 20) String qualification,
                                     List<@NotBlank @HumanText(max = 10) String> units) {
    }

    public record CameraCoverageRequest(List<@NotNull @Valid EqaCandidate> population, List<String> sampledIds) {
    }

    public record CandidateRequest(@HumanText(max = 1000, multiline = true) String description,
                                   Map<String, String> files) {
    }

    /**
     * Why the version should be active: required, and kept in the history. effectiveFrom: a later day from whose
     * start it takes effect (absent or today: now).
     */
    public record Approval(@HumanText(max = 1000, multiline = true) String reason, java.time.LocalDate effectiveFrom) {
    }

    @PostMapping("/combination")
    public Map<String, Object> combination(@Valid @RequestBody CombinationRequest request) {
        if (request.qualification() == null || request.qualification().isBlank()) {
            throw new BadRequestException("qualification is missing: give a qualification number such as 610/3769/2");
        }
        CombinationResult result = engine.combination(request.qualification(), request.units());
        return recorded("combination", result.ruleSetVersion(), result.firedRules(), request, result);
    }

    @PostMapping("/staff-eligibility")
    public Map<String, Object> staffEligibility(@Valid @RequestBody StaffEligibilityRequest request) {
        EligibilityResult result = engine.staffEligibility(request);
        return recorded("staff-eligibility", result.ruleSetVersion(), result.firedRules(), request, result);
    }

    @PostMapping("/iqa-sampling")
    public Map<String, Object> iqaSampling(@Valid @RequestBody IqaSamplingRequest request) {
        IqaSamplingResult result = engine.iqaSampling(request);
        return recorded("iqa-sampling", result.ruleSetVersion(), result.firedRules(), request, result);
    }

    @PostMapping("/eqa-sample")
    public Map<String, Object> eqaSample(@Valid @RequestBody EqaSampleRequest request) {
        EqaSampleResult result = engine.eqaSample(request);
        return recorded("eqa-sample", result.ruleSetVersion(), result.firedRules(), request, result);
    }

    @PostMapping("/camera-coverage")
    public CameraCoverage cameraCoverage(@Valid @RequestBody CameraCoverageRequest request) {
        return engine.cameraCoverage(Objects.requireNonNullElse(request.population(), List.of()),
                Objects.requireNonNullElse(request.sampledIds(), List.of()));
    }

    @PostMapping("/direct-claim")
    public Map<String, Object> directClaim(@Valid @RequestBody DirectClaimFacts facts) {
        DirectClaimRecommendation result = engine.directClaimStatus(facts);
        return recorded("direct-claim", result.ruleSetVersion(), result.firedRules(), facts, result);
    }

    /** Only the quality manager and whoever asked for the decision (DecisionAccess). */
    @GetMapping("/decisions/{id}")
    public RuleDecision decision(@PathVariable long id) {
        return access.decision(id);
    }

    @GetMapping("/version")
    public Map<String, Object> version() {
        return Map.of("version", engine.activeVersion());
    }

    @GetMapping("/files")
    public Map<String, Object> files() {
        RuleSet active = engine.active();
        return Map.of("version", active.version(), "files", active.files());
    }

    @GetMapping("/files/{*path}")
    public Map<String, Object> file(@PathVariable String path) {
        RuleSet active = engine.active();
        String clean = RuleSetCompiler.checkPath(path);
        String content = active.files().get(clean);
        if (content == null) {
            throw new NotFoundException("Rule file " + clean + " is not in active version " + active.version()
                    + ". Files: " + String.join(", ", active.files().keySet()));
        }
        return Map.of("version", active.version(), "path", clean, "content", content);
    }

    /** Replaces (or adds) one file; the body is the file's full new text. */
    @PutMapping("/files/{*path}")
    @PreAuthorize(QM)
    public ResponseEntity<?> replaceFile(@PathVariable String path, @RequestBody String content) {
        Map<String, String> change = new HashMap<>();
        change.put(path, content);
        return candidateResponse(registry.propose(change, "replace " + RuleSetCompiler.checkPath(path), user()));
    }

    /** Changes several files at once (a null content deletes the file). */
    @PostMapping("/candidates")
    @PreAuthorize(QM)
    public ResponseEntity<?> propose(@Valid @RequestBody CandidateRequest request) {
        return candidateResponse(registry.propose(request.files(),
                Objects.requireNonNullElse(request.description(), "edit through the API"), user()));
    }

    /**
     * Adds a change to a candidate (its author only): the body is the file's full new text. The answer is the new
     * candidate that carries every change; the old one is marked superseded.
     */
    @PutMapping("/candidates/{id}/files/{*path}")
    @PreAuthorize(QM)
    @Refuses(status = 403, when = "Another quality manager wrote the candidate")
    @Refuses(status = 409, when = "The candidate is active, scheduled or superseded, or another version became active "
            + "since it was proposed")
    public ResponseEntity<?> amendFile(@PathVariable long id, @PathVariable String path, @RequestBody String content) {
        Map<String, String> change = new HashMap<>();
        change.put(path, content);
        return candidateResponse(registry.amend(id, change, user()));
    }

    /** The files that are decision tables, with their sheets and each column's heading, type and codes. */
    @GetMapping("/tables")
    @PreAuthorize(QM)
    public List<DecisionTables.TableView> tables() {
        return tables.tables();
    }

    /**
     * A decision table: as JSON rows, or as an .xlsx spreadsheet (path ending in .xlsx, or format=xlsx). From a
     * candidate when candidate is given, to edit it further.
     */
    @GetMapping("/tables/{*path}")
    @PreAuthorize(QM)
    public ResponseEntity<?> table(@PathVariable String path, @RequestParam(required = false) String format,
                                   @RequestParam(required = false) Long candidate) {
        boolean xlsx = path.endsWith(".xlsx") || "xlsx".equalsIgnoreCase(format);
        String file = path.endsWith(".xlsx") ? path.substring(0, path.length() - ".xlsx".length()) : path;
        if (!xlsx) {
            return ResponseEntity.ok(tables.table(file, candidate));
        }
        String clean = RuleSetCompiler.checkPath(file);
        String name = clean.replace('/', '-').replaceFirst("\\.yaml$", "") + ".xlsx";
        return ResponseEntity.ok()
                .contentType(org.springframework.http.MediaType.parseMediaType(
                        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
                .header(org.springframework.http.HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"" + name + "\"")
                .body(tables.spreadsheet(clean, candidate));
    }

    /**
     * An edited .xlsx of the table (multipart field file) becomes a candidate, as PUT /files does; with candidate, it
     * is added to that candidate instead (as PUT /candidates/{id}/files does).
     */
    @PostMapping(value = "/tables/{*path}", consumes = org.springframework.http.MediaType.MULTIPART_FORM_DATA_VALUE)
    @PreAuthorize(QM)
    @Refuses(status = 400, when = "The file is not an .xlsx spreadsheet, or sheets, columns or cells are wrong (all "
            + "listed in problems), or the rules built from it are refused")
    @Refuses(status = 413, when = "The file is larger than the upload limit (2 MB)")
    @Refuses(status = 415, when = "The request is not multipart/form-data")
    public ResponseEntity<?> uploadTable(@PathVariable String path,
                                         @RequestParam("file") org.springframework.web.multipart.MultipartFile file,
                                         @RequestParam(required = false) Long candidate) throws java.io.IOException {
        String clean = path.endsWith(".xlsx") ? path.substring(0, path.length() - ".xlsx".length()) : path;
        return candidateResponse(tables.upload(clean, file.getBytes(), candidate, user()));
    }

    @GetMapping("/candidates/{id}")
    @PreAuthorize(QM)
    public Map<String, Object> candidate(@PathVariable long id) {
        RuleSetRecord r = registry.record(id);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("candidate", r.getId());
        body.put("status", r.getStatus());
        body.put("basedOnVersion", r.getBasedOnVersion());
        body.put("version", r.getVersion());
        body.put("createdBy", r.getCreatedBy());
        body.put("diff", r.getDiff());
        body.put("problems", r.getProblems());
        return body;
    }

    @PostMapping("/candidates/{id}/impact")
    @PreAuthorize(QM)
    public RuleSetRegistry.ImpactReport impact(@PathVariable long id) {
        return registry.impact(id);
    }

    @PostMapping("/candidates/{id}/activate")
    @PreAuthorize(QM)
    @Refuses(status = 400, when = "No reason was given, or effectiveFrom is in the past")
    @Refuses(status = 403, when = "The quality manager wrote the candidate: another one must activate it")
    @Refuses(status = 409, when = "The candidate was refused, is active or scheduled, is based on an old version, "
            + "or another change is already scheduled")
    public RuleSetRegistry.VersionView activate(@PathVariable long id,
                                                @Valid @RequestBody(required = false) Approval approval) {
        return approval == null ? registry.activate(id, user(), null, null)
                : registry.activate(id, user(), approval.reason(), approval.effectiveFrom());
    }

    /** Changes approved to take effect from a later date, with author, approver, reason and diff. */
    @GetMapping("/scheduled")
    public List<RuleSetRegistry.VersionView> scheduled() {
        return registry.scheduled();
    }

    @GetMapping("/versions")
    public List<RuleSetRegistry.VersionView> versions() {
        return registry.versions();
    }

    @GetMapping("/versions/{version}")
    public Map<String, Object> version(@PathVariable int version) {
        RuleSetRecord r = registry.version(version);
        Map<String, Object> body = new LinkedHashMap<>(json.convertValue(RuleSetRegistry.VersionView.of(r), Map.class));
        body.put("files", r.getFiles());
        return body;
    }

    @PostMapping("/versions/{version}/rollback")
    @PreAuthorize(QM)
    @Refuses(status = 400, when = "No reason was given")
    @Refuses(status = 409, when = "That version is already active")
    public RuleSetRegistry.VersionView rollback(@PathVariable int version,
                                                @Valid @RequestBody(required = false) Approval approval) {
        return registry.rollback(version, user(), approval == null ? null : approval.reason());
    }

    @PostMapping("/reload")
    @PreAuthorize(QM)
    public Map<String, Object> reload() {
        return registry.reload(user()).<Map<String, Object>>map(r -> r.version() != null
                        ? Map.of("changed", true, "candidate", r.candidate(), "activated", true, "version", r.version())
                        : Map.of("changed", true, "candidate", r.candidate(), "activated", false,
                                "version", Map.of("version", engine.activeVersion()),
                                "detail", "The edits on disk are candidate " + r.candidate()
                                        + ": another quality manager must activate it"))
                .orElseGet(() -> Map.of("changed", false, "version", Map.of("version", engine.activeVersion())));
    }

    @ExceptionHandler(TableSpreadsheet.TableProblems.class)
    ProblemDetail tableProblems(TableSpreadsheet.TableProblems e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("The table cannot be read");
        problem.setProperty("problems", e.problems());
        return problem;
    }

    @ExceptionHandler(RuleSetRefusedException.class)
    ResponseEntity<ProblemDetail> refused(RuleSetRefusedException e) {
        return ResponseEntity.badRequest().body(refusal(e.report()));
    }

    private ResponseEntity<?> candidateResponse(RuleSetRegistry.Report report) {
        if (report.refused()) {
            return ResponseEntity.badRequest().body(refusal(report));
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(report);
    }

    private static ProblemDetail refusal(RuleSetRegistry.Report report) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, report.summary());
        problem.setTitle("Rule set refused");
        problem.setProperty("candidate", report.candidate());
        problem.setProperty("compileErrors", report.compileErrors());
        problem.setProperty("scenarioFailures", report.scenarioFailures());
        problem.setProperty("diff", report.diff());
        return problem;
    }

    private Map<String, Object> recorded(String kind, int version, List<String> fired, Object request, Object result) {
        RuleDecision decision = decisions.record(kind, version, fired, request, result, user());
        @SuppressWarnings("unchecked")
        Map<String, Object> body = new LinkedHashMap<>(json.convertValue(result, Map.class));
        body.put("decisionId", decision.getId());
        return body;
    }

    private String user() {
        return currentUser.get().getUsername();
    }
}
