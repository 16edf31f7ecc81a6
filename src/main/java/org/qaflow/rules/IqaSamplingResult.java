package org.qaflow.rules;

import java.util.List;

public record IqaSamplingResult(long decisionId, boolean sampled, List<String> reasons,
                                int ruleSetVersion, List<String> firedRules) {
}
