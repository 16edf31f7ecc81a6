package org.qaflow.rules;

import java.util.List;

/**
 * Something whose decisions a rule change may alter: staff, learners, claims. The impact preview asks every source
 * bean to evaluate its current records under the active and the candidate rule set and to report what differs.
 */
public interface ImpactSource {

    String name();

    List<ImpactDifference> differences(RuleSet active, RuleSet candidate);
}
