package org.qaflow.rules;

import java.util.List;

public record DirectClaimRecommendation(Recommendation recommendation, List<String> reasons,
                                        int ruleSetVersion, List<String> firedRules) {

    public enum Recommendation { GRANT, KEEP, SUSPEND, NONE }
}
