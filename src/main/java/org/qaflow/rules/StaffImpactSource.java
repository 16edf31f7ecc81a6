package org.qaflow.rules;

import jakarta.persistence.EntityManager;
import org.qaflow.centre.StaffMember;
import org.qaflow.centre.StaffRepository;
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
    public List<ImpactDifference> differences(RuleSet active, RuleSet candidate) {
        LocalDate today = LocalDate.now(clock);
        List<ImpactDifference> differences = new ArrayList<>();
        long after = 0;
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
            after = page.get(page.size() - 1).getId();
            entities.clear();
        }
        return differences;
    }

    private Optional<ImpactDifference> difference(StaffMember member, Map<String, Object> before,
                                                  Map<String, Object> after) {
        if (before.equals(after)) {
            return Optional.empty();
        }
        String subject = member.getName() + " (" + member.getRole() + ", staff " + member.getId() + ", centre "
                + member.getCentre().getCode() + ")";
        String change = summary(before).equals(summary(after))
                ? summary(before) + ", with different conditions, warnings or reasons"
                : summary(before) + " -> " + summary(after);
        return Optional.of(new ImpactDifference(name(), subject, change, before, after));
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
