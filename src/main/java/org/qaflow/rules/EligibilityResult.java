package org.qaflow.rules;

import org.qaflow.centre.StaffRole;

import java.time.LocalDate;
import java.util.List;

/** eligible with non-empty conditions means "eligible only on these conditions" (working towards). */
public record EligibilityResult(StaffRole role, LocalDate asOf, boolean eligible, List<String> conditions,
                                List<String> warnings, List<String> reasons, List<String> qualifiedBy,
                                int ruleSetVersion, List<String> firedRules) {
}
