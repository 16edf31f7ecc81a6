package org.qaflow.staff;

import org.qaflow.centre.CpdActivity;
import org.qaflow.centre.StaffMember;
import org.qaflow.rules.EligibilityResult;
import org.qaflow.rules.RuleEngine;
import org.qaflow.rules.RuleSet;
import org.qaflow.rules.StaffEligibilityRequest;
import org.qaflow.rules.facts.RoleRequirement;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A staff member's eligibility in their role on a date, as /api/rules/staff-eligibility answers it, with what would
 * make (or keep) them eligible where the rules' data says enough: the sales-related CPD the role asks for, and the day
 * an entry ages out of the rules' window. Every such forecast is checked against the rules for that day.
 */
@Component
public class StaffEligibility {

    private final RuleEngine engine;

    public StaffEligibility(RuleEngine engine) {
        this.engine = engine;
    }

    public record Judgement(EligibilityResult result, List<String> toBeEligible) {
    }

    public Judgement judge(StaffMember staff, LocalDate asOf) {
        // One snapshot, so that today's answer and the forecast come from the same rule set version.
        RuleSet rules = engine.active();
        EligibilityResult now = rules.staffEligibility(StaffEligibilityRequest.of(staff, asOf));
        List<String> hints = new ArrayList<>();
        rules.roleRequirement(staff.getRole()).ifPresent(req -> cpdHint(staff, asOf, rules, req, now).ifPresent(hints::add));
        return new Judgement(now, hints);
    }

    private Optional<String> cpdHint(StaffMember staff, LocalDate asOf, RuleSet rules, RoleRequirement req,
                                               EligibilityResult now) {
        BigDecimal needed = BigDecimal.valueOf(req.getSalesCpdHours());
        String verb = req.isCpdRequired() ? "needs " : "is recommended to record ";
        BigDecimal today = hoursWithin(staff, asOf, req.getCpdWindowMonths());
        if (today.compareTo(needed) < 0) {
            return Optional.of(verb + plain(needed.subtract(today)) + " more hours of sales-related CPD"
                    + " (dated within the " + req.getCpdWindowMonths() + " months up to the day asked about)");
        }
        // The first day an entry leaves the window and the rest fall short: CPD is needed by then.
        List<LocalDate> ageOut = staff.getCpd().stream().filter(CpdActivity::isSalesRelated)
                .map(c -> c.getActivityDate().plusMonths(req.getCpdWindowMonths()))
                .filter(d -> d.isAfter(asOf)).distinct().sorted(Comparator.naturalOrder()).toList();
        for (LocalDate day : ageOut) {
            BigDecimal then = hoursWithin(staff, day, req.getCpdWindowMonths());
            if (then.compareTo(needed) < 0) {
                EligibilityResult thatDay = rules.staffEligibility(StaffEligibilityRequest.of(staff, day));
                boolean rulesAgree = req.isCpdRequired() ? !thatDay.eligible()
                        : thatDay.warnings().size() > now.warnings().size();
                if (!rulesAgree) {
                    return Optional.empty();
                }
                return Optional.of(verb + plain(needed.subtract(then))
                        + " more hours of sales-related CPD by " + day);
            }
        }
        return Optional.empty();
    }

    /** The same window the rules use: after the day the window opens, up to and including the day asked about. */
    private static BigDecimal hoursWithin(StaffMember staff, LocalDate asOf, int months) {
        LocalDate from = asOf.minusMonths(months);
        return staff.getCpd().stream()
                .filter(c -> c.isSalesRelated() && c.getActivityDate().isAfter(from) && !c.getActivityDate().isAfter(asOf))
                .map(CpdActivity::getHours).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static String plain(BigDecimal hours) {
        return hours.stripTrailingZeros().toPlainString();
    }
}
