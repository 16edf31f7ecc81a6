package org.qaflow.assessment;

import org.qaflow.catalogue.Unit;
import org.qaflow.catalogue.UnitRepository;
import org.qaflow.evidence.EvidenceFiles;
import org.qaflow.evidence.FileLine;
import org.qaflow.learner.Claim;
import org.qaflow.learner.ClaimRepository;
import org.qaflow.learner.ClaimUnit;
import org.qaflow.learner.ClaimUnitRepository;
import org.qaflow.problem.BadRequestException;
import org.qaflow.problem.ConflictException;
import org.qaflow.problem.NotFoundException;
import org.qaflow.security.AppUser;
import org.qaflow.security.CurrentUser;
import org.qaflow.web.WebPage;
import org.qaflow.task.Tasks;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionAspectSupport;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.*;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.*;

/** The assessor's pages: my learners and units, and the assessment form with every criterion, method and location. */
@Controller
@WebPage
@RequestMapping("/assessor")
public class AssessorPages {

    private static final int PAGE_SIZE = 20;

    private final ClaimRepository claims;
    private final ClaimUnitRepository claimUnits;
    private final UnitRepository units;
    private final AssessmentService assessment;
    private final CurrentUser currentUser;
    private final Tasks tasks;
    private final Referrals referrals;
    private final EvidenceFiles files;

    public AssessorPages(ClaimRepository claims, ClaimUnitRepository claimUnits, UnitRepository units,
                         AssessmentService assessment, CurrentUser currentUser, Tasks tasks, Referrals referrals,
                         EvidenceFiles files) {
        this.claimUnits = claimUnits;
        this.files = files;
        this.tasks = tasks;
        this.referrals = referrals;
        this.claims = claims;
        this.units = units;
        this.assessment = assessment;
        this.currentUser = currentUser;
    }

    public record UnitLine(long claimId, String learner, String qan, String unit, String status, boolean withMe,
                           String referral) {
    }

    @GetMapping
    @Transactional(readOnly = true)
    public String mine(@RequestParam(defaultValue = "1") int page, Model model) {
        AppUser user = currentUser.get();
        Page<ClaimUnit> found = claimUnits.findForAssessor(user.getCentreId(), user.getUsername(),
                PageRequest.of(Math.max(page, 1) - 1, PAGE_SIZE));
        List<UnitLine> lines = found.stream().map(u -> {
            Claim c = u.getClaim();
            return new UnitLine(c.getId(), c.getLearner().getFirstName() + " " + c.getLearner().getLastName(),
                    c.getQan(), u.getUnitRef(), u.getStatus().words(), withAssessor(u),
                    referrals.of(u).map(Referrals.Referral::words).orElse(null));
        }).toList();
        model.addAttribute("page", found.getNumber() + 1);
        model.addAttribute("pages", found.getTotalPages());
        model.addAttribute("total", found.getTotalElements());
        model.addAttribute("lines", lines);
        return "assessment/mine";
    }

    /**
     * key names the form fields (unique in the unit); number is the specification's label, shown. errors: by field
     * (method, location, judgement, feedback), each shown beside its field.
     */
    public record CriterionLine(int outcome, String outcomeTitle, boolean simulationAllowed, String key, String number,
                                String text, String method, String location, String judgement, String feedback,
                                Map<String, String> errors) {
    }

    /** What one criterion's fields hold: as recorded, or as typed. */
    private record Typed(String method, String location, String judgement, String feedback) {
    }

    @GetMapping("/claims/{id}/units/{ref}")
    @Transactional(readOnly = true)
    public String form(@PathVariable long id, @PathVariable String ref, Model model) {
        ClaimUnit unit = own(id, ref);
        Map<String, Evidence> latest = latest(unit);
        return page(unit, model, c -> {
            Evidence e = latest.get(c);
            return e == null ? new Typed("", "", "", "") : new Typed(e.getMethod().name(), e.getLocation(),
                    e.getJudgement() == null ? "" : e.getJudgement().name(),
                    e.getFeedback() == null ? "" : e.getFeedback());
        }, Map.of(), null);
    }

    @PostMapping("/claims/{id}/units/{ref}")
    @Transactional
    public String submit(@PathVariable long id, @PathVariable String ref, @RequestParam Map<String, String> form,
                         Model model, RedirectAttributes redirect) {
        AppUser user = currentUser.get();
        ClaimUnit unit = own(id, ref);
        Map<String, Evidence> latest = latest(unit);
        Unit spec = units.findById(unit.getUnitRef()).orElseThrow();
        Map<String, Map<String, String>> errors = new HashMap<>();
        List<AssessmentService.EvidenceEntry> entries = new ArrayList<>();
        Set<String> notMet = new HashSet<>();
        for (var outcome : spec.getOutcomes()) {
            for (var criterion : outcome.getCriteria()) {
                String n = criterion.getKey();
                Typed t = typed(form, n);
                if (t.method().isEmpty() && t.location().isEmpty() && t.judgement().isEmpty()
                        && t.feedback().isEmpty()) {
                    continue;
                }
                Map<String, String> wrong = new HashMap<>();
                if (t.method().isEmpty()) {
                    wrong.put("method", "choose how the evidence was gathered");
                } else if (Arrays.stream(EvidenceMethod.values()).noneMatch(m -> m.name().equals(t.method()))) {
                    wrong.put("method", "choose how the evidence was gathered from the list");
                }
                if (t.location().isEmpty()) {
                    wrong.put("location", "say where the evidence is in the portfolio");
                }
                Judgement judgement = null;
                if (!t.judgement().isEmpty()) {
                    judgement = Arrays.stream(Judgement.values()).filter(j -> j.name().equals(t.judgement()))
                            .findFirst().orElse(null);
                    if (judgement == null) {
                        wrong.put("judgement", "choose met or not yet met");
                    }
                }
                if (judgement == Judgement.NOT_YET_MET && t.feedback().isEmpty()) {
                    wrong.put("feedback", "say what the learner still needs to show for this criterion");
                }
                if (!wrong.isEmpty()) {
                    errors.put(n, wrong);
                    continue;
                }
                if (judgement == Judgement.NOT_YET_MET) {
                    notMet.add(n);
                }
                Evidence before = latest.get(n);
                // Only what changed is recorded again, so the evidence log shows real edits.
                if (before == null || !before.getMethod().name().equals(t.method())
                        || !before.getLocation().equals(t.location()) || before.getJudgement() != judgement
                        || !Objects.equals(Objects.toString(before.getFeedback(), ""), t.feedback())) {
                    entries.add(new AssessmentService.EvidenceEntry(n, EvidenceMethod.valueOf(t.method()),
                            t.location(), judgement, t.feedback().isEmpty() ? null : t.feedback()));
                }
            }
        }
        String problem = null;
        if (errors.isEmpty()) {
            try {
                if (!entries.isEmpty()) {
                    assessment.recordEvidence(id, unit.getUnitRef(), entries, user);
                }
                if ("signoff".equals(form.get("action"))) {
                    assessment.signOff(id, List.of(unit.getUnitRef()), user);
                    redirect.addFlashAttribute("notice", unit.getUnitRef() + " signed off");
                    return "redirect:/claims/" + id;
                }
                redirect.addFlashAttribute("notice", "Progress saved: " + entries.size() + " criteria changed"
                        + (notMet.isEmpty() ? "" : "; " + notMet.size() + " not yet met"));
                return "redirect:/assessor/claims/" + id + "/units/" + unit.getUnitRef();
            } catch (BadRequestException | ConflictException e) {
                // Nothing of this submission is kept; the form shows what was typed with the reason.
                TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
                problem = e.getMessage();
                if (e instanceof ConflictException) {
                    // Signed off meanwhile (another tab, the API): say who and when.
                    problem += tasks.finishedMeanwhile(Tasks.ASSESS_UNIT, "claimUnitId", unit.getId())
                            .map(who -> " (" + who + "); this submission was not recorded").orElse("");
                } else {
                    // A refused sign-off: beside each criterion not met, why.
                    notMet.forEach(n -> errors.put(n, Map.of("judgement",
                            "not yet met: the unit is signed off only when every criterion is met")));
                }
            }
        }
        return page(unit, model, c -> typed(form, c), errors, problem);
    }

    private static Typed typed(Map<String, String> form, String key) {
        return new Typed(form.getOrDefault("method-" + key, "").trim(), form.getOrDefault("location-" + key, "").trim(),
                form.getOrDefault("judgement-" + key, "").trim(), form.getOrDefault("feedback-" + key, "").trim());
    }

    /** The latest entry per criterion: the evidence log keeps every edit. */
    private Map<String, Evidence> latest(ClaimUnit unit) {
        Map<String, Evidence> latest = new HashMap<>();
        assessment.evidenceFor(unit).forEach(e -> latest.put(e.getCriterionKey(), e));
        return latest;
    }

    /** Enter results all at once: every unit still with the assessor is signed off, or none is. */
    @PostMapping("/claims/{id}/sign-off")
    @Transactional
    public String signOffAll(@PathVariable long id, RedirectAttributes redirect) {
        own(id, null);
        try {
            List<String> done = assessment.signOff(id, null, currentUser.get());
            redirect.addFlashAttribute("notice", "Signed off " + String.join(", ", done));
        } catch (BadRequestException | ConflictException e) {
            TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
            redirect.addFlashAttribute("notice", "Nothing signed off: " + e.getMessage());
        }
        return "redirect:/claims/" + id;
    }

    private String page(ClaimUnit unit, Model model, java.util.function.Function<String, Typed> values,
                        Map<String, Map<String, String>> errors, String problem) {
        Unit spec = units.findById(unit.getUnitRef()).orElseThrow();
        List<CriterionLine> lines = new ArrayList<>();
        for (var outcome : spec.getOutcomes()) {
            for (var criterion : outcome.getCriteria()) {
                Typed v = values.apply(criterion.getKey());
                lines.add(new CriterionLine(outcome.getNumber(), outcome.getTitle(), outcome.isSimulationAllowed(),
                        criterion.getKey(), criterion.getNumber(), criterion.getText(), v.method(), v.location(),
                        v.judgement(), v.feedback(), errors.getOrDefault(criterion.getKey(), Map.of())));
            }
        }
        Claim claim = unit.getClaim();
        model.addAttribute("claimId", claim.getId());
        model.addAttribute("learner", claim.getLearner().getFirstName() + " " + claim.getLearner().getLastName());
        model.addAttribute("unit", spec);
        model.addAttribute("status", unit.getStatus().words());
        model.addAttribute("withMe", withAssessor(unit));
        model.addAttribute("referral", referrals.of(unit).orElse(null));
        model.addAttribute("lines", lines);
        // Per criterion, the files mapped to it (one file is often evidence for several).
        List<FileLine> unitFiles = files.lines(unit);
        Map<String, List<FileLine>> filesByCriterion = new HashMap<>();
        unitFiles.forEach(f -> f.criteria().forEach(c -> filesByCriterion.computeIfAbsent(c, k -> new ArrayList<>())
                .add(f)));
        model.addAttribute("filesByCriterion", filesByCriterion);
        model.addAttribute("files", unitFiles);
        model.addAttribute("maxFileSize", files.maxFileSize().toMegabytes() + " MB");
        model.addAttribute("methods", EvidenceMethod.values());
        model.addAttribute("judgements", Judgement.values());
        model.addAttribute("problem", problem);
        return "assessment/form";
    }

    private ClaimUnit own(long claimId, String ref) {
        Claim claim = claims.findById(claimId).orElseThrow(() -> new NotFoundException("There is no claim " + claimId));
        if (!currentUser.get().getUsername().equals(claim.getAssessor().getUsername())) {
            throw new AccessDeniedException("Claim " + claimId + " is assessed by someone else");
        }
        if (ref == null) {
            return null;
        }
        return claim.unit(ref).orElseThrow(() -> new NotFoundException("Claim " + claimId + " has no unit " + ref));
    }

    private static boolean withAssessor(ClaimUnit unit) {
        return unit.getSignedOffAt() == null || unit.getStatus() == org.qaflow.learner.UnitStatus.REFERRED_BACK;
    }
}
