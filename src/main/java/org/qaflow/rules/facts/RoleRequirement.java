package org.qaflow.rules.facts;

/** A row of rules/eligibility data: what a role needs in competence and CPD, and whether CPD is required or recommended. */
public class RoleRequirement {

    private String role;
    private int levelsAboveQualification;
    private double salesCpdHours;
    private int cpdWindowMonths;
    private boolean cpdRequired;
    private boolean salesLeadershipForLeadershipUnits;

    public String getRole() { return role; }
    public int getLevelsAboveQualification() { return levelsAboveQualification; }
    public double getSalesCpdHours() { return salesCpdHours; }
    public int getCpdWindowMonths() { return cpdWindowMonths; }
    public boolean isCpdRequired() { return cpdRequired; }
    public boolean isSalesLeadershipForLeadershipUnits() { return salesLeadershipForLeadershipUnits; }
}
