package org.qaflow.eqa;

import org.qaflow.centre.Centre;
import org.qaflow.centre.CentreRepository;

import org.qaflow.centre.StaffMember;
import org.qaflow.centre.StaffRepository;
import org.qaflow.problem.BadRequestException;
import org.qaflow.problem.Paging;
import org.qaflow.rules.CameraCoverage;
import org.qaflow.rules.DirectClaimRecommendation;
import org.qaflow.rules.EligibilityResult;
import org.qaflow.rules.RuleEngine;
import org.qaflow.rules.StaffEligibilityRequest;
import org.qaflow.security.CurrentUser;
import org.qaflow.web.WebPage;
import org.springframework.data.domain.Page;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
    private final SamplingCoverage sampling;
    private final StaffRepository staff;
    private final RuleEngine rules;
    private final CurrentUser currentUser;
    private final Clock clock;

    public CentreOversightPages(CentreRepository centres, DirectClaimService directClaim, EqaVisitRepository visits,
                                VisitActionRepository actions, SamplingCoverage sampling, StaffRepository staff,
                                RuleEngine rules, CurrentUser currentUser, Clock clock) {
        this.centres = centres;
        this.directClaim = directClaim;
        this.visits = visits;
        this.actions = actions;
        this.sampling = sampling;
        this.staff = staff;
        this.rules = rules;
        this.currentUser = currentUser;
        this.clock = clock;
    }

    /** recommendsStatus: what confirming the recommendation means; decision: the latest one, in words. */
    public record CentreLine(String code, String name, String risk, boolean directClaim, String recommendation,
                             List<String> evidence, int ruleSetVersion, boolean recommendsStatus, String decision,
                             String eqa, String lastVisit, String nextVisit, boolean overdue,
                             long openActions, long claims, long sampled, int percentSampled, CameraCoverage camera) {
    }

    public record StaffLine(String centre, String name, String role, String verdict, List<String> reasons) {
    }

    static final int CENTRES_PER_PAGE = 20;
    static final int STAFF_PER_PAGE = 50;

    /**
     * A page of centres (by code) and a page of staff (by centre, then name): an awarding organisation has hundreds
     * of centres and thousands of staff, so each table pages on its own and keeps the other's place.
     */
    @GetMapping("/qm/centres")
    @Transactional(readOnly = true)
    public String oversight(@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "0") int staffPage,
                            Model model) {
        LocalDate today = LocalDate.now(clock);
        Page<Centre> centrePage = centres.findAll(Paging.request(page, CENTRES_PER_PAGE, "code"));
        Map<Long, String> codes = new LinkedHashMap<>();
        centrePage.forEach(c -> codes.put(c.getId(), c.getCode()));
        Map<Long, SamplingCoverage.Coverage> coverage = sampling.of(codes);
        List<DirectClaimRecommendation> recommendations = directClaim.recommend(centrePage.getContent());
        List<CentreLine> lines = new ArrayList<>();
        for (int i = 0; i < centrePage.getNumberOfElements(); i++) {
            Centre c = centrePage.getContent().get(i);
            var rec = recommendations.get(i);
            List<EqaVisit> all = visits.findByCentreIdOrderByPlannedForDesc(c.getId());
            EqaVisit last = visits.findByCentreIdAndOutcomeIsNotNullOrderByVisitedOnDescIdDesc(c.getId()).stream()
                    .findFirst().orElse(null);
            EqaVisit open = all.stream().filter(v -> v.getStatus() != EqaVisit.Status.COMPLETED).findFirst().orElse(null);
            // Overdue: the yearly visit has lapsed with none done since, or a planned date has passed.
            boolean overdue = !c.isDirectClaimStatus() && ((last != null && last.getVisitedOn().plusYears(1).isBefore(today))
                    || (open != null && open.getPlannedFor() != null && open.getPlannedFor().isBefore(today)));
            long openActions = actions.countByVisitIdInAndOpenTrue(all.stream().map(EqaVisit::getId).toList());
            SamplingCoverage.Coverage sampled = coverage.get(c.getId());
            lines.add(new CentreLine(c.getCode(), c.getName(), String.valueOf(c.getRiskRating()),
                    c.isDirectClaimStatus(), rec.recommendation().name(), rec.reasons(), rec.ruleSetVersion(),
                    DirectClaimService.recommendsStatus(rec.recommendation()),
                    directClaim.latestDecision(c).map(CentreOversightPages::inWords).orElse(null),
                    c.getEqaUsername(),
                    last == null ? "never" : last.getVisitedOn() + " " + last.getOutcome().name().toLowerCase(),
                    open == null ? "none open" : open.getPlannedFor() + " (" + open.getStatus().name().toLowerCase() + ")",
                    overdue, openActions, sampled.claims(), sampled.sampled(), sampled.percentSampled(),
                    sampled.camera()));
        }
        Page<StaffMember> staffFound = staff.findAll(Paging.request(staffPage, STAFF_PER_PAGE, "centre.code;name;id"));
        List<EligibilityResult> verdicts = staffFound.isEmpty() ? List.of() : rules.active().staffEligibilities(
                staffFound.stream().map(s -> StaffEligibilityRequest.of(s, today)).toList());
        List<StaffLine> people = new ArrayList<>();
        for (int i = 0; i < verdicts.size(); i++) {
            StaffMember s = staffFound.getContent().get(i);
            EligibilityResult result = verdicts.get(i);
            List<String> why = new ArrayList<>(result.reasons());
            why.addAll(result.conditions());
            why.addAll(result.warnings());
            people.add(new StaffLine(s.getCentre().getCode(), s.getName(), s.getRole().name(),
                    !result.eligible() ? "not eligible" : result.conditions().isEmpty() ? "eligible"
                            : "eligible on conditions", why));
        }
        model.addAttribute("centres", lines);
        model.addAttribute("centrePage", centrePage);
        model.addAttribute("staff", people);
        model.addAttribute("staffPage", staffFound);
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
