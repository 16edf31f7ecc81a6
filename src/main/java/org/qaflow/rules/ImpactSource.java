package org.qaflow.rules;

import java.util.List;

/**
 * One kind of decision a rule change may alter (combination, staff eligibility, IQA sampling, EQA samples, direct
 * claim status), over the records of the feature that owns them. The impact preview asks every source bean to judge
 * its current records under the active and the candidate rule set and to report how many it looked at and what differs.
 */
public interface ImpactSource {

    /** The kind of decision, as the preview names it. */
    String name();

    Impact impact(RuleSet active, RuleSet candidate);

    /**
     * What one source found: lookedAt records ("12 claims": records names them), of which differences would be
     * decided differently. lookedAt is counted, so "0 differences" over "0 claims" is told apart from a real 0.
     */
    record Impact(String kind, long lookedAt, String records, List<ImpactDifference> differences) {

        /** "12 claims", for the sentence saying what the preview looked at. */
        public String looked() {
            return lookedAt + " " + records;
        }
    }
}
