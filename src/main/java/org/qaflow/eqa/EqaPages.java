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
@RequestMapping("/eqa")
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

    public EqaPages(CentreRepository centres, EqaVisitRepository visits, VisitService visitService,
                    DirectClaimService directClaim, ClaimRepository claims, AssessmentService assessment,
                    AssessmentDecisionRepository decisions, Tasks tasks, CentreAccess access, CurrentUser currentUser,
                    PdfRenderer pdf, Clock clock, People people, EvidenceFiles evidenceFiles) {
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

    @GetMapping
    @Transactional(readOnly = true)
    public String centres(Model model) {
        AppUser user = currentUser.get();
        List<CentreLine> lines = new ArrayList<>();
        for (Centre c : centres.findByEqaUsernameOrderByCode(user.getUsername())) {
            List<EqaVisit> all = visits.findByCentreIdOrderByPlannedForDesc(c.getId());
            var rec = directClaim.recommend(c);
            lines.add(new CentreLine(c.getCode(), c.getName(), String.valueOf(c.getRiskRating()),
                    c.isDirectClaimStatus(), rec.recommendation().name(), rec.reasons(),
                    claims.findByCentreIdOrderById(c.getId()).size(),
                    all.stream().filter(v -> v.getStatus() != EqaVisit.Status.COMPLETED).findFirst().orElse(null),
                    visits.findByCentreIdAndOutcomeIsNotNullOrderByVisitedOnDescIdDesc(c.getId()).stream()
                            .findFirst().orElse(null)));
        }
        model.addAttribute("centres", lines);
        return "eqa/centres";
    }

    @PostMapping("/centres/{code}/visits")
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

    public record SampleLine(long id, long claimId, String learner, String qan, String assessor, String why,
                             String finding, List<UnitLine> units) {
    }

    @GetMapping("/visits/{id}")
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

    @PostMapping("/visits/{id}/plan")
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

    @PostMapping("/visits/{id}/conduct")
    @Transactional
    public String conduct(@PathVariable long id, @RequestParam Map<String, String> form, Model model,
                          RedirectAttributes redirect) {
        AppUser user = currentUser.get();
        own(id);
        Map<String, String> errors = new HashMap<>();
        String outcomeText = form.getOrDefault("outcome", "");
        if (!outcomeText.equals("SATISFACTORY") && !outcomeText.equals("UNSATISFACTORY")) {
            errors.put("outcome", "choose satisfactory or unsatisfactory");
        }
        if (form.getOrDefault("report", "").isBlank()) {
            errors.put("report", "the EQA report is required");
        }
        if (!errors.isEmpty()) {
            return workspace(id, model, errors, form);
        }
        List<VisitService.Finding> findings = new ArrayList<>();
        for (VisitSample s : visitService.sampleOf(id)) {
            String finding = form.getOrDefault("finding-" + s.getId(), "").trim();
            if (!finding.isEmpty()) {
                findings.add(new VisitService.Finding(s.getId(), finding));
            }
        }
        List<String> actions = Arrays.stream(form.getOrDefault("actions", "").split("\\R"))
                .map(String::trim).filter(a -> !a.isEmpty()).toList();
        try {
            var task = tasks.find(user, Tasks.CONDUCT_VISIT, "visitId", id)
                    .orElseThrow(() -> new ConflictException("Visit " + id + " has no visit task open for you"));
            visitService.conduct(task.getId(), id, EqaVisit.Outcome.valueOf(outcomeText), form.get("report"),
                    findings, actions, user);
        } catch (ConflictException e) {
            return notRecorded(id, Tasks.CONDUCT_VISIT, e, "your visit record", model, form);
        }
        redirect.addFlashAttribute("notice", "Visit recorded as " + outcomeText.toLowerCase());
        return "redirect:/eqa/visits/" + id;
    }

    @GetMapping("/visits/{id}/report")
    @Transactional(readOnly = true)
    public String report(@PathVariable long id, Model model) {
        workspace(id, model, Map.of(), Map.of());
        return "eqa/report";
    }

    @GetMapping("/visits/{id}/report.pdf")
    @Transactional(readOnly = true)
    public ResponseEntity<byte[]> reportPdf(@PathVariable long id, Model model) {
        workspace(id, model, Map.of(), Map.of());
        byte[] body = pdf.render("eqa/report", model.asMap());
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_PDF)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"eqa-report-" + id + ".pdf\"")
                .body(body);
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
                    s.getFinding(), units));
        }
        model.addAttribute("visit", visit);
        model.addAttribute("centre", centre);
        model.addAttribute("sample", sample);
        model.addAttribute("actions", visitService.actionsOf(id));
        model.addAttribute("errors", errors);
        model.addAttribute("values", values);
        model.addAttribute("today", LocalDate.now(clock));
        return "eqa/visit";
    }

    /** The visit of one of the EQA's own centres, whatever id the URL names. */
    private EqaVisit own(long id) {
        EqaVisit visit = visits.findById(id).orElseThrow(() -> new NotFoundException("There is no EQA visit " + id));
        access.check(currentUser.get(), centres.findById(visit.getCentreId()).orElseThrow(), "EQA visit " + id);
        return visit;
    }
}
