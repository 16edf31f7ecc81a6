package org.qaflow.rules;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import org.qaflow.centre.StaffMember;
import org.qaflow.centre.StaffMember.QualificationStatus;
import org.qaflow.centre.StaffRole;
import org.qaflow.problem.DateRange;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A person in a role on a date. qualificationLevel defaults to 4 (every qualification in the catalogue is Level 4);
 * the flags describe the particular assignment being checked, and may be left out (false): the only primitives a
 * JSON body may omit. assessesLeadershipUnits means LEADERSHIP units are in view: assessed by an assessor, or
 * quality-assured by an IQA (hence its alias verifiesLeadershipUnits).
 */
public record StaffEligibilityRequest(StaffRole role, @DateRange(yearsAhead = 10) LocalDate asOf,
                                      @Min(1) @Max(8) Integer occupationalCompetenceLevel,
                                      List<@NotNull @Valid QualificationHeld> qualifications,
                                      List<@NotNull @Valid CpdEntry> cpd,
                                      @Min(1) @Max(8) Integer qualificationLevel,
                                      @JsonAlias("verifiesLeadershipUnits") @JsonSetter(nulls = Nulls.AS_EMPTY)
                                      boolean assessesLeadershipUnits,
                                      @JsonSetter(nulls = Nulls.AS_EMPTY) boolean salesLeadershipCompetence,
                                      @JsonSetter(nulls = Nulls.AS_EMPTY) boolean declaredInterestInLearner,
                                      @JsonSetter(nulls = Nulls.AS_EMPTY) boolean verifyingOwnDecision) {

    public record QualificationHeld(String code, QualificationStatus status) {
    }

    public record CpdEntry(@DateRange(yearsAhead = 10) LocalDate date, @PositiveOrZero BigDecimal hours,
                           boolean salesRelated) {
    }

    public StaffEligibilityRequest {
        qualifications = qualifications == null ? List.of() : List.copyOf(qualifications);
        cpd = cpd == null ? List.of() : List.copyOf(cpd);
    }

    /** A real staff member in their own role, with no particular learner or leadership units in view. */
    public static StaffEligibilityRequest of(StaffMember staff, LocalDate asOf) {
        return new StaffEligibilityRequest(staff.getRole(), asOf, staff.getOccupationalCompetenceLevel(),
                staff.getQualifications().stream().filter(q -> q.status() != QualificationStatus.ABANDONED)
                        .map(q -> new QualificationHeld(q.code(), q.status())).toList(),
                staff.getCpd().stream().map(c -> new CpdEntry(c.getActivityDate(), c.getHours(), c.isSalesRelated()))
                        .toList(),
                null, false, staff.isSalesLeadershipCompetence(), false, false);
    }

    public StaffEligibilityRequest withAssignment(boolean leadershipUnits, boolean declaredInterest, boolean ownDecision) {
        return new StaffEligibilityRequest(role, asOf, occupationalCompetenceLevel, qualifications, cpd,
                qualificationLevel, leadershipUnits, salesLeadershipCompetence, declaredInterest, ownDecision);
    }
}
