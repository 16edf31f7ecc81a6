package org.qaflow.rules;

import com.fasterxml.jackson.annotation.JsonAlias;
import org.qaflow.centre.StaffMember;
import org.qaflow.centre.StaffMember.QualificationStatus;
import org.qaflow.centre.StaffRole;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A person in a role on a date. qualificationLevel defaults to 4 (every qualification in the catalogue is Level 4);
 * the flags describe the particular assignment being checked. assessesLeadershipUnits means LEADERSHIP units are in
 * view: assessed by an assessor, or quality-assured by an IQA (hence its alias verifiesLeadershipUnits).
 */
public record StaffEligibilityRequest(StaffRole role, LocalDate asOf, Integer occupationalCompetenceLevel,
                                      List<QualificationHeld> qualifications, List<CpdEntry> cpd,
                                      Integer qualificationLevel,
                                      @JsonAlias("verifiesLeadershipUnits") boolean assessesLeadershipUnits,
                                      boolean salesLeadershipCompetence, boolean declaredInterestInLearner,
                                      boolean verifyingOwnDecision) {

    public record QualificationHeld(String code, QualificationStatus status) {
    }

    public record CpdEntry(LocalDate date, BigDecimal hours, boolean salesRelated) {
    }

    public StaffEligibilityRequest {
        qualifications = qualifications == null ? List.of() : List.copyOf(qualifications);
        cpd = cpd == null ? List.of() : List.copyOf(cpd);
    }

    /** A real staff member in their own role, with no particular learner or leadership units in view. */
    public static StaffEligibilityRequest of(StaffMember staff, LocalDate asOf) {
        return new StaffEligibilityRequest(staff.getRole(), asOf, staff.getOccupationalCompetenceLevel(),
                staff.getQualifications().stream().map(q -> new QualificationHeld(q.code(), q.status())).toList(),
                staff.getCpd().stream().map(c -> new CpdEntry(c.getActivityDate(), c.getHours(), c.isSalesRelated()))
                        .toList(),
                null, false, staff.isSalesLeadershipCompetence(), false, false);
    }

    public StaffEligibilityRequest withAssignment(boolean leadershipUnits, boolean declaredInterest, boolean ownDecision) {
        return new StaffEligibilityRequest(role, asOf, occupationalCompetenceLevel, qualifications, cpd,
                qualificationLevel, leadershipUnits, salesLeadershipCompetence, declaredInterest, ownDecision);
    }
}
