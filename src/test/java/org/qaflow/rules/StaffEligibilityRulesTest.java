package org.qaflow.rules;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.qaflow.centre.StaffRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Assessor and IQA eligibility through the API, against the repository's rules/ (read only). */
class StaffEligibilityRulesTest extends RepositoryRulesTestBase {

    static final String AS_OF = "2026-11-26";

    @Autowired
    RuleEngine engine;
    @Autowired
    StaffRepository staff;
    @Autowired
    TransactionTemplate tx;

    private static Map<String, Object> request(String role, int level, List<Map<String, Object>> qualifications,
                                               List<Map<String, Object>> cpd) {
        Map<String, Object> r = new HashMap<>();
        r.put("role", role);
        r.put("asOf", AS_OF);
        r.put("occupationalCompetenceLevel", level);
        r.put("qualifications", qualifications);
        r.put("cpd", cpd);
        return r;
    }

    private static Map<String, Object> held(String code) {
        return Map.of("code", code, "status", "HELD");
    }

    private static Map<String, Object> cpd(String date, double hours, boolean sales) {
        return Map.of("date", date, "hours", hours, "salesRelated", sales);
    }

    private JsonNode check(Map<String, Object> request) {
        RulesTestSupport.Response r = api.post("iqa", "/api/rules/staff-eligibility", request);
        assertThat(r.status()).as(r.body().toString()).isEqualTo(200);
        return r.body();
    }

    private static String text(JsonNode result, String field) {
        return result.get(field).toString();
    }

    @Test
    void qualifiedAssessorWithExactly24HoursOfSalesCpdIsEligible() {
        JsonNode r = check(request("ASSESSOR", 5, List.of(held("A1")),
                List.of(cpd("2026-01-10", 12, true), cpd("2026-11-26", 12, true))));
        assertThat(r.get("eligible").asBoolean()).as(r.toString()).isTrue();
        assertThat(r.get("conditions")).isEmpty();
        assertThat(r.get("reasons")).isEmpty();
        assertThat(r.get("ruleSetVersion").asInt()).isEqualTo(1);
    }

    @Test
    void d32WithoutD33IsNotARecognisedQualification() {
        JsonNode alone = check(request("ASSESSOR", 5, List.of(held("D32")), List.of(cpd("2026-06-01", 30, true))));
        assertThat(alone.get("eligible").asBoolean()).isFalse();
        assertThat(text(alone, "reasons")).contains("D32 counts only together with D33")
                .contains("holds no recognised ASSESSOR qualification");
        JsonNode both = check(request("ASSESSOR", 5, List.of(held("D32"), held("D33")),
                List.of(cpd("2026-06-01", 30, true))));
        assertThat(both.get("eligible").asBoolean()).isTrue();
        assertThat(text(both, "qualifiedBy")).contains("D32 together with D33");
    }

    @Test
    void cpdOutsideThe12MonthsBeforeTheDateDoesNotCount() {
        JsonNode old = check(request("ASSESSOR", 5, List.of(held("A1")),
                List.of(cpd("2025-11-26", 20, true), cpd("2026-06-01", 10, true), cpd("2026-11-27", 20, true))));
        assertThat(old.get("eligible").asBoolean()).isFalse();
        assertThat(text(old, "reasons")).contains("has 10.0 hours of sales-related CPD in the 12 months up to 2026-11-26");
        JsonNode justInside = check(request("ASSESSOR", 5, List.of(held("A1")),
                List.of(cpd("2025-11-27", 20, true), cpd("2026-06-01", 10, true))));
        assertThat(justInside.get("eligible").asBoolean()).as(justInside.toString()).isTrue();
    }

    @Test
    void cpdThatIsNotSalesRelatedDoesNotCount() {
        JsonNode r = check(request("ASSESSOR", 5, List.of(held("A1")),
                List.of(cpd("2026-06-01", 30, false), cpd("2026-07-01", 23.5, true))));
        assertThat(r.get("eligible").asBoolean()).isFalse();
        assertThat(text(r, "reasons")).contains("has 23.5 hours");
    }

    @Test
    void tooLittleCpdIsOnlyAWarningForAnIqa() {
        JsonNode r = check(request("IQA", 6, List.of(held("L4_IQA_AWARD")), List.of(cpd("2026-05-05", 20, true))));
        assertThat(r.get("eligible").asBoolean()).isTrue();
        assertThat(r.get("reasons")).isEmpty();
        assertThat(text(r, "warnings")).contains("at least 24.0 are recommended for the IQA role");
    }

    @Test
    void workingTowardsMeansEligibleWithConditions() {
        JsonNode assessor = check(request("ASSESSOR", 5,
                List.of(Map.of("code", "L3_ACWE", "status", "WORKING_TOWARDS")), List.of(cpd("2026-06-01", 24, true))));
        assertThat(assessor.get("eligible").asBoolean()).isTrue();
        assertThat(text(assessor, "conditions")).contains("the IQA samples every assessment decision");
        JsonNode iqa = check(request("IQA", 5,
                List.of(Map.of("code", "D34", "status", "WORKING_TOWARDS")), List.of(cpd("2026-06-01", 24, true))));
        assertThat(iqa.get("eligible").asBoolean()).isTrue();
        assertThat(text(iqa, "conditions")).contains("a qualified IQA countersigns");
        JsonNode heldToo = check(request("ASSESSOR", 5, List.of(held("A1"),
                Map.of("code", "L3_ACWE", "status", "WORKING_TOWARDS")), List.of(cpd("2026-06-01", 24, true))));
        assertThat(heldToo.get("conditions")).as("a held qualification lifts the conditions").isEmpty();
    }

    @Test
    void competenceMustBeAtLeastOneLevelAboveTheQualification() {
        JsonNode r = check(request("ASSESSOR", 4, List.of(held("A1")), List.of(cpd("2026-06-01", 24, true))));
        assertThat(r.get("eligible").asBoolean()).isFalse();
        assertThat(text(r, "reasons")).contains("needs at least level 5");
        Map<String, Object> level5Qualification = request("IQA", 5, List.of(held("V1")),
                List.of(cpd("2026-06-01", 24, true)));
        level5Qualification.put("qualificationLevel", 5);
        assertThat(text(check(level5Qualification), "reasons")).contains("needs at least level 6");
    }

    @Test
    void leadershipUnitsConflictsAndOwnDecisionsAreRefused() {
        Map<String, Object> leadership = request("ASSESSOR", 5, List.of(held("A1")), List.of(cpd("2026-06-01", 24, true)));
        leadership.put("assessesLeadershipUnits", true);
        assertThat(text(check(leadership), "reasons")).contains("sales-leadership competence");
        leadership.put("salesLeadershipCompetence", true);
        assertThat(check(leadership).get("eligible").asBoolean()).isTrue();

        Map<String, Object> interest = request("ASSESSOR", 6, List.of(held("A1")), List.of(cpd("2026-06-01", 24, true)));
        interest.put("declaredInterestInLearner", true);
        assertThat(text(check(interest), "reasons")).contains("declared a personal interest");

        Map<String, Object> own = request("IQA", 6, List.of(held("V1")), List.of(cpd("2026-06-01", 24, true)));
        own.put("verifyingOwnDecision", true);
        JsonNode r = check(own);
        assertThat(r.get("eligible").asBoolean()).isFalse();
        assertThat(text(r, "firedRules")).contains("No IQA verifies their own assessment decisions");
    }

    @Test
    void qualityAssuringLeadershipUnitsNeedsSalesLeadershipCompetenceAsAssessingThemDoes() {
        Map<String, Object> iqa = request("IQA", 6, List.of(held("V1")), List.of(cpd("2026-06-01", 24, true)));
        assertThat(check(iqa).get("eligible").asBoolean()).as("no leadership units in view").isTrue();
        iqa.put("verifiesLeadershipUnits", true);
        JsonNode refused = check(iqa);
        assertThat(refused.get("eligible").asBoolean()).isFalse();
        assertThat(text(refused, "reasons"))
                .contains("quality-assuring LEADERSHIP units needs sales-leadership competence");
        iqa.put("salesLeadershipCompetence", true);
        assertThat(check(iqa).get("eligible").asBoolean()).isTrue();
    }

    @Test
    void anUnknownRoleIsRefusedByName() {
        RulesTestSupport.Response r = api.post("iqa", "/api/rules/staff-eligibility",
                request("TRAINER", 5, List.of(), List.of()));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().get("detail").asText()).contains("TRAINER");
    }

    @Test
    void realStaffMembersAreJudgedFromTheirRecords() {
        LocalDate asOf = LocalDate.parse(AS_OF);
        Map<String, EligibilityResult> byName = tx.execute(status -> {
            Map<String, EligibilityResult> results = new HashMap<>();
            staff.findAll().forEach(m -> results.put(m.getName(),
                    engine.staffEligibility(StaffEligibilityRequest.of(m, asOf))));
            return results;
        });
        assertThat(byName.get("Asha Patel").eligible()).isTrue();
        assertThat(byName.get("Ben Carter").conditions()).isNotEmpty();
        assertThat(byName.get("Ivy Quinn").warnings()).isNotEmpty();
        assertThat(byName.get("Chloe Davies").reasons()).anyMatch(s -> s.startsWith("has 12.0 hours"));
        assertThat(byName.get("Dan Evans").eligible()).isFalse();
        assertThat(byName.get("Ella Fox").eligible()).isFalse();
        assertThat(byName.get("Isla Jones").eligible()).isTrue();
    }
}
