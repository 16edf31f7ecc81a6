package org.qaflow.staff;

import jakarta.persistence.EntityManager;
import org.qaflow.centre.StaffMember;
import org.qaflow.centre.StaffRepository;
import org.qaflow.rules.EligibilityResult;
import org.qaflow.rules.ImpactDifference;
import org.qaflow.rules.ImpactSource;
import org.qaflow.rules.RuleSet;
import org.qaflow.rules.StaffEligibilityRequest;
import org.springframework.core.annotation.Order;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every staff member's eligibility in their own role today, under the active and the candidate rules. */
@Component
@Order(2)
public class StaffImpactSource implements ImpactSource {

    private static final int PAGE = 500;

    private final StaffRepository staff;
    private final Clock clock;
    private final EntityManager entities;

    public StaffImpactSource(StaffRepository staff, Clock clock, EntityManager entities) {
        this.staff = staff;
        this.clock = clock;
        this.entities = entities;
    }

    @Override
    public String name() {
        return "staff eligibility";
    }

    @Override
    @Transactional(readOnly = true)
    public Impact impact(RuleSet active, RuleSet candidate) {
        LocalDate today = LocalDate.now(clock);
        List<ImpactDifference> differences = new ArrayList<>();
        long after = 0;
        long looked = 0;
        List<StaffMember> page;
        // Keyset pages, each judged in one batch per rule set, as for claims.
        while (!(page = staff.findByIdGreaterThanOrderById(after, Limit.of(PAGE))).isEmpty()) {
            List<StaffEligibilityRequest> requests = page.stream()
                    .map(member -> StaffEligibilityRequest.of(member, today)).toList();
            List<EligibilityResult> before = active.staffEligibilities(requests);
            List<EligibilityResult> now = candidate.staffEligibilities(requests);
            for (int i = 0; i < page.size(); i++) {
                difference(page.get(i), decision(before.get(i)), decision(now.get(i))).ifPresent(differences::add);
            }
            looked += page.size();
            after = page.get(page.size() - 1).getId();
            entities.clear();
        }
        return new Impact(name(), looked, "staff", differences);
    }

    private Optional<ImpactDifference> difference(StaffMember member, Map<String, Object> before,
                                                  Map<String, Object> after) {
        if (before.equals(after)) {
            return Optional.empty();
        }
        String subject = member.getName() + " (" + member.getRole() + ", staff " + member.getId() + ", centre "
                + member.getCentre().getCode() + ")";
        String was = summary(before);
        String now = summary(after);
        String change = was.equals(now) ? was + ", with different conditions, warnings or reasons" : was + " -> " + now;
        String why = !(Boolean) after.get("eligible") ? said(after)
                : !(Boolean) before.get("eligible") ? "now meets the requirements (was: " + said(before) + ")"
                : "now " + said(after) + " (was: " + said(before) + ")";
        String sentence = member.getName() + ", " + member.getRole().name().toLowerCase() + " at "
                + member.getCentre().getCode() + " " + member.getCentre().getName() + ": "
                + (was.equals(now) ? "still " + now : change) + ": " + why;
        return Optional.of(new ImpactDifference(name(), subject, change, before, after, sentence));
    }

    private static Map<String, Object> decision(EligibilityResult r) {
        return Map.of("eligible", r.eligible(), "conditions", r.conditions(), "warnings", r.warnings(),
                "reasons", r.reasons());
    }

    private static String summary(Map<String, Object> d) {
        if (!(Boolean) d.get("eligible")) {
            return "not eligible";
        }
        return ((List<?>) d.get("conditions")).isEmpty() ? "eligible" : "eligible with conditions";
    }

    /** The decision's reasons, conditions and warnings as one clause, or that there are none. */
    private static String said(Map<String, Object> d) {
        List<String> all = new ArrayList<>();
        for (String key : List.of("reasons", "conditions", "warnings")) {
            ((List<?>) d.get(key)).forEach(item -> all.add(String.valueOf(item)));
        }
        return all.isEmpty() ? "no conditions, warnings or reasons" : String.join("; ", all);
    }
}
