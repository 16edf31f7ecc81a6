package org.qaflow.eqa;

import org.qaflow.assessment.AssessmentDecisionRepository;
import org.qaflow.assessment.AssessmentService;
import org.qaflow.centre.Centre;
import org.qaflow.centre.CentreAccess;
import org.qaflow.centre.CentreRepository;

import org.qaflow.evidence.EvidenceFiles;
import org.qaflow.learner.Claim;
import org.qaflow.learner.ClaimRepository;
import org.qaflow.learner.ClaimUnit;
import org.qaflow.problem.BadRequestException;
import org.qaflow.problem.ConflictException;
import org.qaflow.problem.NotFoundException;
import org.qaflow.rules.DirectClaimRecommendation;
import org.qaflow.security.AppUser;
import org.qaflow.security.CurrentUser;
import org.qaflow.security.People;
import org.qaflow.web.PdfRenderer;
import org.qaflow.web.WebPage;
import org.qaflow.task.TaskTakenException;
import org.qaflow.task.Tasks;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionAspectSupport;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.*;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.*;

/** The EQA's pages: my centres, visit planning, the visit workspace with the rule-chosen sample, and the report. */
@Controller
@WebPage
public class EqaPages {

    private final CentreRepository centres;
    private final EqaVisitRepository visits;
    private final VisitService visitService;
    private final DirectClaimService directClaim;
    private final ClaimRepository claims;
    private final AssessmentService assessment;
    private final AssessmentDecisionRepository decisions;
    private final Tasks tasks;
    private final CentreAccess access;
    private final CurrentUser currentUser;
    private final PdfRenderer pdf;
    private final Clock clock;

    private final People people;

    private final EvidenceFiles evidenceFiles;
    private final VisitAccess policy;
    private final ActionService actionService;

    public EqaPages(CentreRepository centres, EqaVisitRepository visits, VisitService visitService,
                    DirectClaimService directClaim, ClaimRepository claims, AssessmentService assessment,
                    AssessmentDecisionRepository decisions, Tasks tasks, CentreAccess access, CurrentUser currentUser,
                    PdfRenderer pdf, Clock clock, People people, EvidenceFiles evidenceFiles, VisitAccess policy,
                    ActionService actionService) {
        this.policy = policy;
        this.actionService = actionService;
        this.evidenceFiles = evidenceFiles;
        this.people = people;
        this.centres = centres;
        this.visits = visits;
        this.visitService = visitService;
        this.directClaim = directClaim;
        this.claims = claims;
        this.assessment = assessment;
        this.decisions = decisions;
        this.tasks = tasks;
        this.access = access;
        this.currentUser = currentUser;
        this.pdf = pdf;
        this.clock = clock;
    }

    public record CentreLine(String code, String name, String risk, boolean directClaim, String recommendation,
                             List<String> reasons, int learners, EqaVisit openVisit, EqaVisit lastVisit) {
    }

    @GetMapping("/eqa")
    @Transactional(readOnly = true)
    public String centres(Model model) {
        AppUser user = currentUser.get();
        List<CentreLine> lines = new ArrayList<>();
        List<Centre> mine = centres.findByEqaUsernameOrderByCode(user.getUsername());
        List<DirectClaimRecommendation> recommendations = directClaim.recommend(mine);
        Map<Long, Long> learners = new HashMap<>();
        if (!mine.isEmpty()) {
            claims.countByCentres(mine.stream().map(Centre::getId).toList())
                    .forEach(row -> learners.put((Long) row[0], (Long) row[1]));
        }
        for (int i = 0; i < mine.size(); i++) {
            Centre c = mine.get(i);
            List<EqaVisit> all = visits.findByCentreIdOrderByPlannedForDesc(c.getId());
            var rec = recommendations.get(i);
            lines.add(new CentreLine(c.getCode(), c.getName(), String.valueOf(c.getRiskRating()),
                    c.isDirectClaimStatus(), rec.recommendation().name(), rec.reasons(),
                    Math.toIntExact(learners.getOrDefault(c.getId(), 0L)),
                    all.stream().filter(v -> v.getStatus() != EqaVisit.Status.COMPLETED).findFirst().orElse(null),
                    visits.findByCentreIdAndOutcomeIsNotNullOrderByVisitedOnDescIdDesc(c.getId()).stream()
                            .findFirst().orElse(null)));
        }
        model.addAttribute("centres", lines);
        return "eqa/centres";
    }

    @PostMapping("/eqa/centres/{code}/visits")
    @Transactional
    public String openVisit(@PathVariable String code) {
        Centre centre = centres.findByCode(code).orElseThrow(() -> new NotFoundException("There is no centre " + code));
        access.check(currentUser.get(), centre, "Centre " + code);
        return "redirect:/eqa/visits/" + visitService.openVisitNow(centre, currentUser.get()).getId();
    }

    /** judgement: the assessor's, with the feedback ("not yet met: ..."); empty when not judged yet. */
    public record EvidenceLine(String unit, String criterion, String method, String location, String judgement) {
    }

    public record UnitLine(String unit, String status, String signedOff, String iqa, List<EvidenceLine> evidence,
                           List<org.qaflow.evidence.FileLine> files) {
    }

    /** removed: the EQA took the learner out of the sample (removedBy, removedReason); added: the EQA's own choice. */
    public record SampleLine(long id, long claimId, String learner, String qan, String assessor, String why,
                             String finding, List<UnitLine> units, boolean added, boolean removed, String removedBy,
                             String removedReason) {
    }

    @GetMapping("/eqa/visits/{id}")
    @Transactional(readOnly = true)
    public String visit(@PathVariable long id, Model model) {
        return workspace(id, model, Map.of(), Map.of());
    }

    /**
     * The form's task was taken or finished meanwhile (another tab, the API, a colleague): the workspace again, with
     * what was typed and who acted and when, instead of an error page that loses the input.
     */
    private String notRecorded(long id, String taskName, ConflictException e, String what, Model model,
                               Map<String, String> values) {
        TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
        String who = e instanceof TaskTakenException taken ? taken.who()
                : tasks.finishedMeanwhile(taskName, "visitId", id).orElse(e.getMessage());
        workspace(id, model, Map.of(), values);
        model.addAttribute("problem", who + "; " + what + " was not recorded");
        return "eqa/visit";
    }

    @PostMapping("/eqa/visits/{id}/plan")
    @Transactional
    public String plan(@PathVariable long id, @RequestParam(defaultValue = "") String date, Model model,
                       RedirectAttributes redirect) {
        AppUser user = currentUser.get();
        own(id);
        LocalDate when;
        try {
            when = LocalDate.parse(date.trim());
        } catch (DateTimeParseException e) {
            return workspace(id, model, Map.of("date", "'" + date + "' is not a date (yyyy-mm-dd)"), Map.of("date", date));
        }
        try {
            var task = tasks.find(user, Tasks.PLAN_VISIT, "visitId", id)
                    .orElseThrow(() -> new ConflictException("Visit " + id + " has no planning task open for you"));
            var sample = visitService.plan(task.getId(), id, when, user);
            redirect.addFlashAttribute("notice", "Visit planned for " + when + "; the rules chose "
                    + sample.selected().size() + " learners to sample");
        } catch (BadRequestException e) {
            TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
            return workspace(id, model, Map.of("date", e.getMessage().replaceFirst("^date: ", "")), Map.of("date", date));
        } catch (ConflictException e) {
            return notRecorded(id, Tasks.PLAN_VISIT, e, "your plan for " + when, model, Map.of("date", date));
        }
        return "redirect:/eqa/visits/" + id;
    }

    /** The visit form as posted: what was typed, and what of it is not even well formed (a date that is no date). */
    private record VisitForm(EqaVisit.Outcome outcome, String report, LocalDate visitedOn,
                             List<VisitService.Finding> findings, List<VisitService.ActionRequest> actions,
                             Map<String, String> errors) {
    }

    private VisitForm read(long id, Map<String, String> form) {
        Map<String, String> errors = new LinkedHashMap<>();
        String outcomeText = form.getOrDefault("outcome", "");
        EqaVisit.Outcome outcome = outcomeText.equals("SATISFACTORY") || outcomeText.equals("UNSATISFACTORY")
                ? EqaVisit.Outcome.valueOf(outcomeText) : null;
        List<VisitService.Finding> findings = new ArrayList<>();
        for (VisitSample s : visitService.sampleOf(id)) {
            if (!s.isRemoved() && form.containsKey("finding-" + s.getId())) {
                findings.add(new VisitService.Finding(s.getId(), form.get("finding-" + s.getId())));
            }
        }
        List<VisitService.ActionRequest> actions = new ArrayList<>();
        for (int i = 0; form.containsKey("action-" + i + "-description"); i++) {
            String description = form.get("action-" + i + "-description").trim();
            String owner = form.getOrDefault("action-" + i + "-owner", "").trim();
            LocalDate due = date(form.getOrDefault("action-" + i + "-due", ""), "action-" + i + "-due", errors);
            actions.add(new VisitService.ActionRequest(description, owner.isEmpty() ? null : owner, due));
        }
        LocalDate visitedOn = date(form.getOrDefault("visitedOn", ""), "visitedOn", errors);
        return new VisitForm(outcome, form.get("report"), visitedOn, findings, actions, errors);
    }

    private static LocalDate date(String text, String field, Map<String, String> errors) {
        if (text.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(text.trim());
        } catch (DateTimeParseException e) {
            errors.put(field, "'" + text + "' is not a date (yyyy-mm-dd)");
            return null;
        }
    }

    /** A service's message without its leading "field: ", for the error beside that field. */
    private static String words(String message) {
        int colon = message.indexOf(": ");
        return colon < 0 || message.substring(0, colon).contains(" ") ? message : message.substring(colon + 2);
    }

    /** "actions[1].owner: ..." from the service, as the error beside the form's field action-1-owner. */
    private static Map<String, String> fieldError(BadRequestException e) {
        String message = e.getMessage();
        int colon = message.indexOf(": ");
        if (colon < 0) {
            return Map.of("form", message);
        }
        String field = message.substring(0, colon).replaceAll("^actions\\[(\\d+)]\\.", "action-$1-");
        return Map.of(field, message.substring(colon + 2));
    }

    /** Saves the form without completing the visit: a normal post, so findings survive a lost login. */
    @PostMapping("/eqa/visits/{id}/draft")
    @Transactional
    public String draft(@PathVariable long id, @RequestParam Map<String, String> form, Model model,
                        RedirectAttributes redirect) {
        own(id);
        VisitForm read = read(id, form);
        if (!read.errors().isEmpty()) {
            return workspace(id, model, read.errors(), form);
        }
        try {
            visitService.saveDraft(id, read.outcome(), read.report(), read.findings(), read.actions(),
                    currentUser.get());
        } catch (BadRequestException e) {
            TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
            return workspace(id, model, fieldError(e), form);
        } catch (ConflictException e) {
            return notRecorded(id, Tasks.CONDUCT_VISIT, e, "your draft", model, form);
        }
        redirect.addFlashAttribute("notice", "Draft saved; the visit is not completed yet");
        return "redirect:/eqa/visits/" + id;
    }

    @PostMapping("/eqa/visits/{id}/conduct")
    @Transactional
    public String conduct(@PathVariable long id, @RequestParam Map<String, String> form, Model model,
                          RedirectAttributes redirect) {
        AppUser user = currentUser.get();
        own(id);
        VisitForm read = read(id, form);
        Map<String, String> errors = new LinkedHashMap<>(read.errors());
        if (read.outcome() == null) {
            errors.put("outcome", "choose satisfactory or unsatisfactory");
        }
        if (form.getOrDefault("report", "").isBlank()) {
            errors.put("report", "the EQA report is required");
        }
        if (!errors.isEmpty()) {
            return workspace(id, model, errors, form);
        }
        try {
            var task = tasks.find(user, Tasks.CONDUCT_VISIT, "visitId", id)
                    .orElseThrow(() -> new ConflictException("Visit " + id + " has no visit task open for you"));
            visitService.conduct(task.getId(), id, read.outcome(), read.report(), read.visitedOn(), read.findings(),
                    read.actions(), user);
        } catch (BadRequestException e) {
            TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
            return workspace(id, model, fieldError(e), form);
        } catch (ConflictException e) {
            return notRecorded(id, Tasks.CONDUCT_VISIT, e, "your visit record", model, form);
        }
        redirect.addFlashAttribute("notice", "Visit recorded as " + read.outcome().name().toLowerCase());
        return "redirect:/eqa/visits/" + id;
    }

    @PostMapping("/eqa/visits/{id}/sample")
    @Transactional
    public String addToSample(@PathVariable long id, @RequestParam(defaultValue = "") String claimId,
                              @RequestParam(defaultValue = "") String reason, Model model,
                              RedirectAttributes redirect) {
        own(id);
        Map<String, String> values = Map.of("add-claim", claimId, "add-reason", reason);
        if (!claimId.matches("\\d{1,18}")) {
            return workspace(id, model, Map.of("add-claim", "choose the learner to add"), values);
        }
        try {
            visitService.addToSample(id, Long.parseLong(claimId), reason, currentUser.get());
        } catch (BadRequestException e) {
            TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
            String message = e.getMessage();
            return workspace(id, model, Map.of(message.startsWith("reason") ? "add-reason" : "add-claim",
                    words(message)), values);
        } catch (ConflictException e) {
            TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
            return workspace(id, model, Map.of("add-claim", e.getMessage()), values);
        }
        redirect.addFlashAttribute("notice", "Learner added to the sample");
        return "redirect:/eqa/visits/" + id;
    }

    @PostMapping("/eqa/visits/{id}/sample/{sampleId}/removal")
    @Transactional
    public String removeFromSample(@PathVariable long id, @PathVariable long sampleId,
                                   @RequestParam(defaultValue = "") String reason, Model model,
                                   RedirectAttributes redirect) {
        own(id);
        String field = "remove-" + sampleId + "-reason";
        try {
            visitService.removeFromSample(id, sampleId, reason, currentUser.get());
        } catch (BadRequestException | ConflictException e) {
            TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
            String message = e.getMessage();
            return workspace(id, model, Map.of(field, words(message)),
                    Map.of(field, reason));
        }
        redirect.addFlashAttribute("notice", "Learner removed from the sample; the reason is on the report");
        return "redirect:/eqa/visits/" + id;
    }

    @PostMapping("/eqa/actions/{actionId}/close")
    @Transactional
    public String closeAction(@PathVariable long actionId, @RequestParam(defaultValue = "") String note, Model model,
                              RedirectAttributes redirect) {
        AppUser user = currentUser.get();
        long visitId = policy.action(user, actionId).getVisitId();
        try {
            actionService.close(actionId, note, user);
        } catch (BadRequestException | ConflictException e) {
            TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
            String message = e.getMessage();
            return workspace(visitId, model, Map.of("close-" + actionId + "-note",
                    words(message)), Map.of("close-" + actionId + "-note", note));
        }
        redirect.addFlashAttribute("notice", "Action closed");
        return "redirect:/eqa/visits/" + visitId;
    }

    @PostMapping("/eqa/actions/{actionId}/reopen")
    @Transactional
    public String reopenAction(@PathVariable long actionId, RedirectAttributes redirect) {
        AppUser user = currentUser.get();
        long visitId = policy.action(user, actionId).getVisitId();
        actionService.reopen(actionId, user);
        redirect.addFlashAttribute("notice", "Action reopened");
        return "redirect:/eqa/visits/" + visitId;
    }

    @GetMapping("/eqa/visits/{id}/report")
    @Transactional(readOnly = true)
    public String report(@PathVariable long id, Model model) {
        workspace(id, model, Map.of(), Map.of());
        return "eqa/report";
    }

    @GetMapping("/eqa/visits/{id}/report.pdf")
    @Transactional(readOnly = true)
    public ResponseEntity<byte[]> reportPdf(@PathVariable long id, Model model) {
        workspace(id, model, Map.of(), Map.of());
        byte[] body = pdf.render("eqa/report-pdf", model.asMap());
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"eqa-report-" + id + ".pdf\"")
                .body(body);
    }

    /** Any visit the user may see, read-only: the quality manager any centre's, the centre its own. */
    @GetMapping("/visits/{id}")
    @Transactional(readOnly = true)
    public String record(@PathVariable long id, Model model) {
        workspace(id, model, Map.of(), Map.of());
        model.addAttribute("seesWork", policy.seesWork(currentUser.get(), (EqaVisit) model.getAttribute("visit")));
        return "eqa/record";
    }

    @GetMapping("/visits/{id}/report")
    @Transactional(readOnly = true)
    public String sharedReport(@PathVariable long id, Model model) {
        completedFor(id);
        workspace(id, model, Map.of(), Map.of());
        model.addAttribute("visitHref", "/visits/" + id);
        return "eqa/report";
    }

    @GetMapping("/visits/{id}/report.pdf")
    @Transactional(readOnly = true)
    public ResponseEntity<byte[]> sharedReportPdf(@PathVariable long id, Model model) {
        completedFor(id);
        return reportPdf(id, model);
    }

    /** The centre reads the report once the visit is completed; before that it is the EQA's work in progress. */
    private void completedFor(long id) {
        AppUser user = currentUser.get();
        EqaVisit visit = policy.visit(user, id);
        if (!policy.seesWork(user, visit)) {
            throw new NotFoundException("The report of EQA visit " + id + " is written when the visit is completed");
        }
    }

    public record HistoryLine(EqaVisit visit, String eqa, String type, String outcome, boolean reportReadable) {
    }

    /** Every visit of a centre, latest planned first, a page at a time from the database. */
    @GetMapping("/visits/centres/{code}")
    @Transactional(readOnly = true)
    public String history(@PathVariable String code, @RequestParam(defaultValue = "0") int page, Model model) {
        Centre centre = centres.findByCode(code).orElseThrow(() -> new NotFoundException("There is no centre " + code));
        AppUser user = currentUser.get();
        access.check(user, centre, "Centre " + code);
        var found = visitService.history(centre.getId(), org.qaflow.problem.Paging.request(page, 20, null));
        model.addAttribute("centre", centre);
        model.addAttribute("visits", found.getContent().stream().map(v -> new HistoryLine(v,
                people.name(v.getEqaUsername()), v.isRemote() ? "remote release review" : "visit",
                v.getOutcome() == null ? v.getStatus().name().toLowerCase() : v.getOutcome().name().toLowerCase(),
                policy.seesWork(user, v) && v.getStatus() == EqaVisit.Status.COMPLETED)).toList());
        model.addAttribute("page", found);
        model.addAttribute("eqaOfCentre", user.getUsername().equals(centre.getEqaUsername()));
        return "eqa/history";
    }

    public record ActionLine(VisitAction action, String owner, String centre, boolean overdue) {
    }

    /** The centre's EQA actions, open ones first, each with a form to respond. */
    @GetMapping("/provider/actions")
    @Transactional(readOnly = true)
    public String providerActions(@RequestParam(defaultValue = "0") int page, Model model) {
        return actionsPage(page, model, Map.of(), Map.of());
    }

    private String actionsPage(int page, Model model, Map<String, String> errors, Map<String, String> values) {
        AppUser user = currentUser.get();
        var found = actionService.visible(user, org.qaflow.problem.Paging.request(page, 20, null));
        LocalDate today = LocalDate.now(clock);
        model.addAttribute("actions", found.getContent().stream().map(a -> new ActionLine(a,
                people.name(a.getOwnerUsername()), policy.centreOf(visits.findById(a.getVisitId()).orElseThrow())
                .getCode(), a.overdueOn(today))).toList());
        model.addAttribute("page", found);
        model.addAttribute("centre", user.getCentreId() == null ? null
                : centres.findById(user.getCentreId()).orElse(null));
        model.addAttribute("errors", errors);
        model.addAttribute("values", values);
        return "eqa/actions";
    }

    @PostMapping("/provider/actions/{actionId}/response")
    @Transactional
    public String respond(@PathVariable long actionId, @RequestParam(defaultValue = "") String response, Model model,
                          RedirectAttributes redirect) {
        String field = "response-" + actionId;
        try {
            actionService.respond(actionId, response, currentUser.get());
        } catch (BadRequestException | ConflictException e) {
            TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
            String message = e.getMessage();
            return actionsPage(0, model, Map.of(field, words(message)),
                    Map.of(field, response));
        }
        redirect.addFlashAttribute("notice", "Response sent to the EQA");
        return "redirect:/provider/actions";
    }

    private String workspace(long id, Model model, Map<String, String> errors, Map<String, String> values) {
        EqaVisit visit = own(id);
        Centre centre = centres.findById(visit.getCentreId()).orElseThrow();
        List<SampleLine> sample = new ArrayList<>();
        for (VisitSample s : visitService.sampleOf(id)) {
            Claim c = claims.findById(s.getClaimId()).orElseThrow();
            List<UnitLine> units = new ArrayList<>();
            for (ClaimUnit u : c.getUnits()) {
                var d = decisions.findFirstByClaimUnitIdOrderByIdDesc(u.getId()).orElse(null);
                String iqa = d == null ? "" : !d.isSampled() ? "not sampled for IQA (" + d.getSamplingReasons() + ")"
                        : d.getIqaOutcome() == null ? "sampled, IQA verdict pending"
                        : d.getIqaOutcome().name().toLowerCase() + " by " + people.name(d.getIqaUsername())
                        + (d.getIqaReason() == null ? "" : ": " + d.getIqaReason())
                        + (d.getCountersignedBy() == null ? ""
                                : "; countersigned by " + people.name(d.getCountersignedBy()));
                units.add(new UnitLine(u.getUnitRef(), u.getStatus().words(),
                        u.getSignedOffAt() == null ? "not yet" : u.getSignedOffAt().toString().substring(0, 10), iqa,
                        assessment.evidenceFor(u).stream().map(e -> new EvidenceLine(u.getUnitRef(),
                                e.getCriterionKey(), e.getMethod().name().toLowerCase().replace('_', ' '),
                                e.getLocation(), e.judgementWords())).toList(), evidenceFiles.lines(u)));
            }
            sample.add(new SampleLine(s.getId(), c.getId(), c.getLearner().getFirstName() + " "
                    + c.getLearner().getLastName(), c.getQan(), c.getAssessor().getName(), s.getReasons(),
                    s.getFinding(), units, s.getAddedBy() != null, s.isRemoved(), people.name(s.getRemovedBy()),
                    s.getRemovedReason()));
        }
        model.addAttribute("visit", visit);
        model.addAttribute("centre", centre);
        model.addAttribute("sample", sample);
        List<VisitAction> actions = visitService.actionsOf(id);
        model.addAttribute("actions", actions);
        model.addAttribute("actionRows", actionRows(actions, values));
        model.addAttribute("owners", visitService.centreUsers(centre.getId()));
        Set<Long> sampled = new HashSet<>();
        visitService.sampleOf(id).stream().filter(s -> !s.isRemoved()).forEach(s -> sampled.add(s.getClaimId()));
        model.addAttribute("addable", visit.getStatus() != EqaVisit.Status.PLANNED ? List.of()
                : claims.findByCentreIdOrderById(centre.getId()).stream().filter(c -> !sampled.contains(c.getId()))
                        .filter(c -> c.getUnits().stream().anyMatch(u -> u.getSignedOffAt() != null))
                        .map(c -> new Addable(c.getId(), c.getLearner().getFirstName() + " "
                                + c.getLearner().getLastName() + " · " + c.getQan())).toList());
        LocalDate today = LocalDate.now(clock);
        model.addAttribute("defaultVisitedOn", visit.getPlannedFor().isAfter(today) ? today : visit.getPlannedFor());
        model.addAttribute("errors", errors);
        model.addAttribute("values", values);
        model.addAttribute("today", today);
        model.addAttribute("visitHref", "/eqa/visits/" + id);
        return "eqa/visit";
    }

    /** A learner the EQA may add to the sample: a claim of the centre with an assessment decision. */
    public record Addable(long id, String label) {
    }

    /** One row of the actions on the visit form: as typed (after an error), or as saved, plus blank rows to add. */
    public record ActionRow(int index, String description, String owner, String due) {
    }

    private static List<ActionRow> actionRows(List<VisitAction> saved, Map<String, String> values) {
        List<ActionRow> rows = new ArrayList<>();
        if (values.containsKey("action-0-description")) {
            for (int i = 0; values.containsKey("action-" + i + "-description"); i++) {
                ActionRow row = new ActionRow(rows.size(), values.get("action-" + i + "-description"),
                        values.getOrDefault("action-" + i + "-owner", ""), values.getOrDefault("action-" + i + "-due", ""));
                if (!(row.description() + row.owner() + row.due()).isBlank()) {
                    rows.add(row);
                }
            }
        } else {
            for (VisitAction a : saved) {
                rows.add(new ActionRow(rows.size(), a.getDescription(), Objects.toString(a.getOwnerUsername(), ""),
                        Objects.toString(a.getDueOn(), "")));
            }
        }
        for (int blank = 0; blank < 2; blank++) {
            rows.add(new ActionRow(rows.size(), "", "", ""));
        }
        return rows;
    }

    /** The visit of one of the EQA's own centres, whatever id the URL names. */
    private EqaVisit own(long id) {
        EqaVisit visit = visits.findById(id).orElseThrow(() -> new NotFoundException("There is no EQA visit " + id));
        access.check(currentUser.get(), centres.findById(visit.getCentreId()).orElseThrow(), "EQA visit " + id);
        return visit;
    }
}
