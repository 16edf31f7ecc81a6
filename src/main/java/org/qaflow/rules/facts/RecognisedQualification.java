package org.qaflow.rules.facts;

import java.util.ArrayList;
import java.util.List;

/** A row of rules/eligibility data: a qualification that qualifies a role, possibly only together with others. */
public class RecognisedQualification {

    private String code;
    private String role;
    // Field order is the column order of the decision table (TableColumn).
    private List<String> requiresAlso = new ArrayList<>();
    private String title;

    public String getCode() { return code; }
    public String getRole() { return role; }
    public String getTitle() { return title; }
    public List<String> getRequiresAlso() { return requiresAlso; }

    /**
     * Made once: the rules ask for it with every check in every evaluation. Not a column of the table (transient).
     * Data rows are not changed once read, and the list cannot be, so evaluations on other threads may share it.
     */
    private transient List<String> allCodes;

    /** The code with its companions: what a staff member must have for this qualification to count. */
    public List<String> allCodes() {
        List<String> all = allCodes;
        if (all == null) {
            List<String> codes = new ArrayList<>(requiresAlso.size() + 1);
            codes.add(code);
            codes.addAll(requiresAlso);
            all = List.copyOf(codes);
            allCodes = all;
        }
        return all;
    }

    public String describe() {
        return requiresAlso.isEmpty() ? code : code + " together with " + String.join(" and ", requiresAlso);
    }
}
