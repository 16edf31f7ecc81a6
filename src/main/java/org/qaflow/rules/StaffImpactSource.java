package org.qaflow.rules;

import org.qaflow.centre.StaffMember;
import org.qaflow.centre.StaffRepository;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Every staff member's eligibility in their own role today, under the active and the candidate rules. */
@Component
public class StaffImpactSource implements ImpactSource {

    private final StaffRepository staff;
    private final Clock clock;

    public StaffImpactSource(StaffRepository staff, Clock clock) {
        this.staff = staff;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "staff eligibility";
    }

    @Override
    @Transactional(readOnly = true)
    public List<ImpactDifference> differences(RuleSet active, RuleSet candidate) {
        LocalDate today = LocalDate.now(clock);
        List<ImpactDifference> differences = new ArrayList<>();
        for (StaffMember member : staff.findAll()) {
            StaffEligibilityRequest request = StaffEligibilityRequest.of(member, today);
            Map<String, Object> before = decision(active.staffEligibility(request));
            Map<String, Object> after = decision(candidate.staffEligibility(request));
            if (!before.equals(after)) {
                String subject = member.getName() + " (" + member.getRole() + ", staff " + member.getId() + ", centre "
                        + member.getCentre().getCode() + ")";
                String change = summary(before).equals(summary(after))
                        ? summary(before) + ", with different conditions, warnings or reasons"
                        : summary(before) + " -> " + summary(after);
                differences.add(new ImpactDifference(name(), subject, change, before, after));
            }
        }
        return differences;
    }

    private static Map<String, Object> decision(EligibilityResult r) {
        return Map.of("eligible", r.eligible(), "conditions", r.conditions(), "warnings", r.warnings(),
                "reasons", r.reasons());
    }

    private static String summary(Map<String, Object> d) {
        if (!(Boolean) d.get("eligible")) {
            return "refused";
        }
        return ((List<?>) d.get("conditions")).isEmpty() ? "eligible" : "eligible with conditions";
    }
}
