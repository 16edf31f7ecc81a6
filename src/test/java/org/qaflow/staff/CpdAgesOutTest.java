package org.qaflow.staff;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.qaflow.support.ApiTestBase;
import org.qaflow.support.Node;
import org.qaflow.support.TestDatabase;
import org.springframework.http.HttpMethod;

import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The real consequence of CPD ageing out, on the calendar: qaflow restarted on the day the demo assessor's oldest
 * sales-related CPD leaves the rules' window refuses to assign her; the provider tops her CPD up over the API and she
 * is assigned again. Every date is relative to the application's clock on the day the sample data was loaded.
 */
class CpdAgesOutTest {

    @Test
    void theDemoAssessorRefusedOnceHerCpdAgesOutIsToppedUpAndAssignedAgain() {
        TestDatabase database = TestDatabase.create("cpd-ages-out");
        long daysAhead;
        try (Node loaded = Node.start(database, "loaded")) {
            JsonNode asha = loaded.ok("provider", HttpMethod.GET, "/api/staff/assessor", null);
            LocalDate oldest = StreamSupport.stream(asha.get("cpd").spliterator(), false)
                    .map(c -> LocalDate.parse(c.get("date").asText())).min(LocalDate::compareTo).orElseThrow();
            LocalDate ageOut = oldest.plusMonths(12);
            daysAhead = ChronoUnit.DAYS.between(LocalDate.now(loaded.bean(Clock.class)), ageOut);
            assertThat(daysAhead).isPositive();
            assertThat(asha.get("eligibility").get("toBeEligible").toString())
                    .contains("needs 10 more hours of sales-related CPD by " + ageOut);
            assertThat(loaded.call("provider", HttpMethod.POST, "/api/claims", learner("1900000017")).status())
                    .isEqualTo(201);
        }
        try (Node later = Node.start(database, "later", "--qaflow.clock.offset=P" + daysAhead + "D")) {
            LocalDate today = LocalDate.now(later.bean(Clock.class));
            ApiTestBase.Response refused = later.call("provider", HttpMethod.POST, "/api/claims", learner("1900000025"));
            assertThat(refused.status()).isEqualTo(400);
            assertThat(refused.detail()).contains("Asha Patel cannot assess this learner")
                    .contains("has 14").contains("hours of sales-related CPD");

            later.ok("provider", HttpMethod.POST, "/api/staff/assessor/cpd", Map.of("date", today.toString(),
                    "hours", 10, "salesRelated", true, "description", "Negotiation refresher"));
            assertThat(later.ok("provider", HttpMethod.GET, "/api/staff/assessor", null).get("eligibility")
                    .get("eligible").asBoolean()).isTrue();
            assertThat(later.call("provider", HttpMethod.POST, "/api/claims", learner("1900000025")).status())
                    .isEqualTo(201);
        }
    }

    private static Map<String, Object> learner(String uln) {
        return Map.of("firstName", "Cara", "lastName", "Calendar " + uln, "dateOfBirth", "1993-03-03", "uln", uln,
                "qualification", "610/3751/5", "assessor", "assessor");
    }
}
