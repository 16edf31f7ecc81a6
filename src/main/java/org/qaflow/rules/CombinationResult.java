package org.qaflow.rules;

import java.util.List;
import java.util.Map;

public record CombinationResult(String qualification, boolean achieved, int credits,
                                Map<String, Integer> categoryCounts, List<String> reasons,
                                int ruleSetVersion, List<String> firedRules) {
}
