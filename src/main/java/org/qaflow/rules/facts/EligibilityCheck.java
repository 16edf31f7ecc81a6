package org.qaflow.rules.facts;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** One staff member in one role on one date; rules refuse, attach conditions, warn and explain. */
public class EligibilityCheck extends Judged {

    public record Cpd(LocalDate date, double hours, boolean salesRelated) {
    }

    private final String role;
    private final LocalDate asOf;
    private final int occupationalCompetenceLevel;
    private final int qualificationLevel;
    /** Qualification code to HELD or WORKING_TOWARDS. */
    private final Map<String, String> qualifications;
    private final List<Cpd> cpd;
    private final boolean assessesLeadershipUnits;
    private final boolean salesLeadershipCompetence;
    private final boolean declaredInterestInLearner;
    private final boolean verifyingOwnDecision;

    private boolean refused;
    private int summedMonths = -1;
    private double summedHours;
    private final Set<String> reasons = new LinkedHashSet<>();
    private final Set<String> conditions = new LinkedHashSet<>();
    private final Set<String> warnings = new LinkedHashSet<>();
    private final Set<String> qualifiedBy = new LinkedHashSet<>();

    public EligibilityCheck(String role, LocalDate asOf, int occupationalCompetenceLevel, int qualificationLevel,
                            Map<String, String> qualifications, List<Cpd> cpd, boolean assessesLeadershipUnits,
                            boolean salesLeadershipCompetence, boolean declaredInterestInLearner,
                            boolean verifyingOwnDecision) {
        this.role = role;
        this.asOf = asOf;
        this.occupationalCompetenceLevel = occupationalCompetenceLevel;
        this.qualificationLevel = qualificationLevel;
        this.qualifications = Map.copyOf(qualifications);
        this.cpd = List.copyOf(cpd);
        this.assessesLeadershipUnits = assessesLeadershipUnits;
        this.salesLeadershipCompetence = salesLeadershipCompetence;
        this.declaredInterestInLearner = declaredInterestInLearner;
        this.verifyingOwnDecision = verifyingOwnDecision;
    }

    public String getRole() { return role; }
    public LocalDate getAsOf() { return asOf; }
    public int getOccupationalCompetenceLevel() { return occupationalCompetenceLevel; }
    public int getQualificationLevel() { return qualificationLevel; }
    public boolean isAssessesLeadershipUnits() { return assessesLeadershipUnits; }
    public boolean isSalesLeadershipCompetence() { return salesLeadershipCompetence; }
    public boolean isDeclaredInterestInLearner() { return declaredInterestInLearner; }
    public boolean isVerifyingOwnDecision() { return verifyingOwnDecision; }
    public boolean isRefused() { return refused; }
    public List<String> getReasons() { return new ArrayList<>(reasons); }
    public List<String> getConditions() { return new ArrayList<>(conditions); }
    public List<String> getWarnings() { return new ArrayList<>(warnings); }
    public List<String> getQualifiedBy() { return new ArrayList<>(qualifiedBy); }

    /** Every code is held (not merely worked towards). */
    public boolean holdsAll(List<String> codes) {
        // Loops, not streams: the rules ask this of every check against every recognised qualification.
        for (String code : codes) {
            if (!"HELD".equals(qualifications.get(code))) {
                return false;
            }
        }
        return true;
    }

    /** Every code is held or worked towards. */
    public boolean hasAll(List<String> codes) {
        for (String code : codes) {
            if (!qualifications.containsKey(code)) {
                return false;
            }
        }
        return true;
    }

    public boolean has(String code) {
        return qualifications.containsKey(code);
    }

    /** Sales-related CPD hours dated after asOf minus the window and not after asOf. */
    public double salesCpdHoursWithin(int months) {
        // Asked by a rule's condition and again by its message: the sum for the last window asked is kept.
        if (months == summedMonths) {
            return summedHours;
        }
        LocalDate from = asOf.minusMonths(months);
        double hours = 0;
        for (Cpd c : cpd) {
            if (c.salesRelated() && c.date().isAfter(from) && !c.date().isAfter(asOf)) {
                hours += c.hours();
            }
        }
        summedHours = hours;
        summedMonths = months;
        return hours;
    }

    public void refuse(String reason) {
        refused = true;
        reasons.add(reason);
    }

    public void explain(String reason) {
        reasons.add(reason);
    }

    public void condition(String condition) {
        conditions.add(condition);
    }

    public void warn(String warning) {
        warnings.add(warning);
    }

    public void qualifiedBy(String description) {
        qualifiedBy.add(description);
    }
}
