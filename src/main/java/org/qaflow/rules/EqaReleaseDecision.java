package org.qaflow.rules;

import java.util.List;

/** remote: the EQA may release the claims without a visit, reviewing reviewCount of them first. */
public record EqaReleaseDecision(boolean remote, int reviewCount, List<String> reasons, int ruleSetVersion,
                                 List<String> firedRules) {
}
