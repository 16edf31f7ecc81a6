package org.qaflow.rules.facts;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One learner's units against one qualification; rules record every unmet requirement. */
public class CombinationCheck extends Judged {

    private final String qualification;
    private final String qualificationTitle;
    private final String qualificationType;
    private final Set<String> unitRefs;
    private final int credits;
    private final Map<String, Integer> categoryCounts;
    private final List<String> reasons = new ArrayList<>();

    public CombinationCheck(String qualification, String qualificationTitle, String qualificationType,
                            Set<String> unitRefs, int credits, Map<String, Integer> categoryCounts) {
        this.qualification = qualification;
        this.qualificationTitle = qualificationTitle;
        this.qualificationType = qualificationType;
        this.unitRefs = Collections.unmodifiableSet(unitRefs);
        this.credits = credits;
        this.categoryCounts = Collections.unmodifiableMap(categoryCounts);
    }

    public String getQualification() { return qualification; }
    public String getQualificationTitle() { return qualificationTitle; }
    public String getQualificationType() { return qualificationType; }
    public Set<String> getUnitRefs() { return unitRefs; }
    public int getCredits() { return credits; }
    public Map<String, Integer> getCategoryCounts() { return categoryCounts; }
    public List<String> getReasons() { return reasons; }

    public int countOf(String category) {
        Integer count = categoryCounts.get(category); // one look-up: the rules ask this of every check
        return count == null ? 0 : count;
    }

    public boolean includes(String unitRef) {
        return unitRefs.contains(unitRef);
    }

    public void unmet(String reason) {
        reasons.add(reason);
    }
}
