package org.qaflow.rules;

import java.util.List;

public record EqaSampleResult(int cohortSize, int sampleSize, List<String> sizeReasons, List<Selected> selected,
                              int ruleSetVersion, List<String> firedRules) {

    public record Selected(String id, List<String> reasons) {
    }
}
