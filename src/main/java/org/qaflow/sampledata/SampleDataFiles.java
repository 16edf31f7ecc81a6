package org.qaflow.sampledata;

import java.math.BigDecimal;
import java.util.List;

/** The shapes of sample-data/centres.yaml and sample-data/users.yaml. Dates are text: see SampleDates. */
final class SampleDataFiles {

    private SampleDataFiles() {
    }

    record UserEntry(String username, String role, String displayName, String centre, String email) {
    }

    /** qualifications is either the word ALL or a list of QANs. */
    record CentreEntry(String code, String name, boolean directClaimStatus, String riskRating, String eqa,
                       Object qualifications, List<VisitEntry> visits, List<StaffEntry> staff,
                       List<LearnerEntry> learners, List<InterestEntry> declaredInterests) {
    }

    record VisitEntry(String eqa, String plannedFor, String visitedOn, String outcome, String report) {
    }

    record StaffEntry(String name, String username, String role, int occupationalCompetenceLevel,
                      boolean salesLeadershipCompetence, List<QualificationEntry> qualifications,
                      List<CpdEntry> cpd) {
    }

    record QualificationEntry(String code, String status) {
    }

    record CpdEntry(String date, BigDecimal hours, boolean salesRelated, String description) {
    }

    record LearnerEntry(String firstName, String lastName, String dateOfBirth, String uln) {
    }

    record InterestEntry(String staff, String learnerUln, String reason) {
    }
}
