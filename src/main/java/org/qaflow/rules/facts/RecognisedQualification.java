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

    /** The code with its companions: what a staff member must have for this qualification to count. */
    public List<String> allCodes() {
        List<String> all = new ArrayList<>(requiresAlso);
        all.add(0, code);
        return all;
    }

    public String describe() {
        return requiresAlso.isEmpty() ? code : code + " together with " + String.join(" and ", requiresAlso);
    }
}
