package org.qaflow.eqa;

import org.qaflow.assessment.AssessmentDecisionRepository;
import org.qaflow.assessment.EvidenceRepository;
import org.qaflow.centre.Centre;
import org.qaflow.centre.CentreRepository;

import org.qaflow.centre.StaffMember;
import org.qaflow.centre.StaffRepository;
import org.qaflow.learner.Claim;
import org.qaflow.learner.ClaimRepository;
import org.qaflow.learner.ClaimUnit;
import org.qaflow.problem.BadRequestException;
import org.qaflow.rules.CameraCoverage;
import org.qaflow.rules.EqaCandidate;
import org.qaflow.rules.RuleEngine;
import org.qaflow.rules.StaffEligibilityRequest;
import org.qaflow.security.CurrentUser;
import org.qaflow.web.WebPage;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The quality manager's oversight of centres: direct claim status with its evidence (confirmed or overruled here, with
 * a reason), CAMERA sampling gaps, visits, staff. It reads centres, claims, assessment decisions and visits, so it sits here with the visits rather than in
 * centre, which the others build on.
 */
@Controller
@WebPage
public class CentreOversightPages {

    private final CentreRepository centres;
    private final DirectClaimService directClaim;
    private final EqaVisitRepository visits;
    private final VisitActionRepository actions;
    private final ClaimRepository claims;
    private final AssessmentDecisionRepository decisions;
    private final EvidenceRepository evidence;
    private final StaffRepository staff;
    private final RuleEngine rules;
    private final CurrentUser currentUser;
    private final Clock clock;

    public CentreOversightPages(CentreRepository centres, DirectClaimService directClaim, EqaVisitRepository visits,
                                VisitActionRepository actions, ClaimRepository claims,
                                AssessmentDecisionRepository decisions, EvidenceRepository evidence,
                                StaffRepository staff, RuleEngine rules, CurrentUser currentUser, Clock clock) {
        this.centres = centres;
        this.directClaim = directClaim;
        this.visits = visits;
        this.actions = actions;
        this.claims = claims;
        this.decisions = decisions;
        this.evidence = evidence;
        this.staff = staff;
        this.rules = rules;
        this.currentUser = currentUser;
        this.clock = clock;
    }

    /** recommendsStatus: what confirming the recommendation means; decision: the latest one, in words. */
    public record CentreLine(String code, String name, String risk, boolean directClaim, String recommendation,
                             List<String> evidence, int ruleSetVersion, boolean recommendsStatus, String decision,
                             String eqa, String lastVisit, String nextVisit, boolean overdue,
                             long openActions, int claims, int sampled, int percentSampled, CameraCoverage camera) {
    }

    public record StaffLine(String centre, String name, String role, String verdict, List<String> reasons) {
    }

    @GetMapping("/qm/centres")
    @Transactional(readOnly = true)
    public String oversight(Model model) {
        LocalDate today = LocalDate.now(clock);
        List<CentreLine> lines = new ArrayList<>();
        for (Centre c : centres.findAllByOrderByCode()) {
            var rec = directClaim.recommend(c);
            List<EqaVisit> all = visits.findByCentreIdOrderByPlannedForDesc(c.getId());
            EqaVisit last = visits.findByCentreIdAndOutcomeIsNotNullOrderByVisitedOnDescIdDesc(c.getId()).stream()
                    .findFirst().orElse(null);
            EqaVisit open = all.stream().filter(v -> v.getStatus() != EqaVisit.Status.COMPLETED).findFirst().orElse(null);
            // Overdue: the yearly visit has lapsed with none done since, or a planned date has passed.
            boolean overdue = !c.isDirectClaimStatus() && ((last != null && last.getVisitedOn().plusYears(1).isBefore(today))
                    || (open != null && open.getPlannedFor() != null && open.getPlannedFor().isBefore(today)));
            List<Claim> cohort = claims.findByCentreIdOrderById(c.getId());
            List<EqaCandidate> population = new ArrayList<>();
            List<String> sampledIds = new ArrayList<>();
            for (Claim claim : cohort) {
                List<String> methods = claim.getUnits().stream()
                        .flatMap(u -> evidence.findByClaimUnitIdOrderById(u.getId()).stream())
                        .map(e -> e.getMethod().name()).distinct().toList();
                population.add(new EqaCandidate(String.valueOf(claim.getId()), claim.getAssessor().getName(),
                        claim.getUnits().stream().map(ClaimUnit::getUnitRef).toList(), methods, c.getCode()));
                boolean sampled = claim.getUnits().stream().anyMatch(u -> decisions
                        .findFirstByClaimUnitIdOrderByIdDesc(u.getId()).map(d -> d.isSampled()).orElse(false));
                if (sampled) {
                    sampledIds.add(String.valueOf(claim.getId()));
                }
            }
            long openActions = actions.countByVisitIdInAndOpenTrue(all.stream().map(EqaVisit::getId).toList());
            lines.add(new CentreLine(c.getCode(), c.getName(), String.valueOf(c.getRiskRating()),
                    c.isDirectClaimStatus(), rec.recommendation().name(), rec.reasons(), rec.ruleSetVersion(),
                    DirectClaimService.recommendsStatus(rec.recommendation()),
                    directClaim.decisions(c).stream().findFirst().map(CentreOversightPages::inWords).orElse(null),
                    c.getEqaUsername(),
                    last == null ? "never" : last.getVisitedOn() + " " + last.getOutcome().name().toLowerCase(),
                    open == null ? "none open" : open.getPlannedFor() + " (" + open.getStatus().name().toLowerCase() + ")",
                    overdue, openActions, cohort.size(), sampledIds.size(),
                    cohort.isEmpty() ? 0 : 100 * sampledIds.size() / cohort.size(),
                    rules.cameraCoverage(population, sampledIds)));
        }
        List<StaffLine> people = new ArrayList<>();
        for (StaffMember s : staff.findAll()) {
            var result = rules.staffEligibility(StaffEligibilityRequest.of(s, today));
            List<String> why = new ArrayList<>(result.reasons());
            why.addAll(result.conditions());
            why.addAll(result.warnings());
            people.add(new StaffLine(s.getCentre().getCode(), s.getName(), s.getRole().name(),
                    !result.eligible() ? "not eligible" : result.conditions().isEmpty() ? "eligible"
                            : "eligible on conditions", why));
        }
        people.sort(java.util.Comparator.comparing(StaffLine::centre).thenComparing(StaffLine::name));
        model.addAttribute("centres", lines);
        model.addAttribute("staff", people);
        return "centres/oversight";
    }

    private static String inWords(DirectClaimDecision d) {
        return (d.isGranted() ? "Granted" : "Not granted") + " by " + d.getDecidedBy() + " on "
                + d.getDecidedAt().atZone(ZoneOffset.UTC).toLocalDate()
                + (d.isOverruled() ? ", overruling the rules (" : ", as the rules recommended (")
                + d.getRecommendation().name().toLowerCase() + ", version " + d.getRuleSetVersion() + ")"
                + (d.getReason() == null ? "" : ": " + d.getReason());
    }

    /** Confirms or overrules the rules' recommendation; a refusal (overruling without a reason) is shown above. */
    @PostMapping("/qm/centres/{code}/direct-claim")
    public String decide(@PathVariable String code, @RequestParam boolean granted,
                         @RequestParam(defaultValue = "") String reason, RedirectAttributes redirect) {
        try {
            DirectClaimDecision d = directClaim.decide(code, granted, reason, currentUser.get());
            redirect.addFlashAttribute("notice", code + ": " + inWords(d));
        } catch (BadRequestException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/qm/centres";
    }
}
