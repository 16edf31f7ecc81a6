package org.qaflow.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.qaflow.support.ApiTestBase;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

class CatalogueApiTest extends ApiTestBase {

    @Test
    void everyUnitOfTheSpecificationIsListedWithAllItsOutcomesAndCriteria() {
        Response units = get("qm", "/api/units");
        assertThat(units.status()).isEqualTo(200);
        assertThat(units.body()).hasSize(32);
        int outcomes = 0;
        int criteria = 0;
        for (JsonNode summary : units.body()) {
            JsonNode unit = get("qm", "/api/units/" + summary.get("ref").asText()).body();
            outcomes += unit.get("outcomes").size();
            for (JsonNode outcome : unit.get("outcomes")) {
                criteria += outcome.get("criteria").size();
            }
        }
        assertThat(outcomes).isEqualTo(79);
        assertThat(criteria).isEqualTo(254);
    }

    @Test
    void unitDetailCarriesOutcomesCriteriaNumberedAsInTheSpecAndItsPurpose() {
        JsonNode unit = get("assessor", "/api/units/L4C2").body();
        assertThat(unit.get("uan").asText()).isEqualTo("K/650/7914");
        assertThat(unit.get("category").asText()).isEqualTo("CORE");
        assertThat(unit.get("credit").asInt()).isEqualTo(5);
        assertThat(unit.get("purpose").asText()).startsWith("To enable learner");
        assertThat(unit.at("/outcomes/1/number").asInt()).isEqualTo(2);
        assertThat(unit.at("/outcomes/1/criteria/0/number").asText()).isEqualTo("2.1");
        assertThat(unit.at("/ksbs").toString()).contains("S4");
    }

    @Test
    void simulationIsAllowedOnlyWhereTheAssessorGuidanceSaysSo() {
        Set<String> allowed = new TreeSet<>();
        for (JsonNode summary : get("qm", "/api/units").body()) {
            String ref = summary.get("ref").asText();
            for (JsonNode outcome : get("qm", "/api/units/" + ref).body().get("outcomes")) {
                if (outcome.get("simulationAllowed").asBoolean()) {
                    allowed.add(ref + " LO" + outcome.get("number").asInt());
                }
            }
        }
        assertThat(allowed).containsExactly("L4C2 LO2", "L4C5 LO2", "L4L2 LO3", "L4L2 LO4", "L4L4 LO3");
    }

    @Test
    void allTwentyOneQualificationsAreListed() {
        Response qualifications = get("provider", "/api/qualifications");
        assertThat(qualifications.status()).isEqualTo(200);
        assertThat(qualifications.body()).hasSize(21);
        List<String> types = StreamSupport.stream(qualifications.body().spliterator(), false)
                .map(q -> q.get("type").asText()).toList();
        assertThat(types).filteredOn("AWARD"::equals).hasSize(18);
        assertThat(types).contains("CERTIFICATE", "DIPLOMA", "APPRENTICESHIP_DIPLOMA");
    }

    @Test
    void theApprenticeshipDiplomasElevenUnitsSumToThirtyEightCredits() {
        JsonNode diploma = get("qm", "/api/qualifications/610%2F3771%2F0").body();
        assertThat(diploma.get("units")).hasSize(11);
        int credits = 0;
        for (JsonNode ref : diploma.get("units")) {
            credits += get("qm", "/api/units/" + ref.asText()).body().get("credit").asInt();
        }
        assertThat(credits).isEqualTo(38).isEqualTo(diploma.at("/credit/min").asInt());
    }

    @Test
    void everyAwardsUnitsExistAndCarryTheAwardsCredit() {
        List<String> problems = new ArrayList<>();
        for (JsonNode q : get("qm", "/api/qualifications").body()) {
            if (!q.get("type").asText().equals("AWARD")) {
                continue;
            }
            assertThat(q.get("units").size()).as(q.get("qan").asText()).isBetween(1, 2);
            int credits = 0;
            for (JsonNode ref : q.get("units")) {
                Response unit = get("qm", "/api/units/" + ref.asText());
                if (unit.status() != 200) {
                    problems.add(q.get("qan").asText() + " names missing unit " + ref.asText());
                } else {
                    credits += unit.body().get("credit").asInt();
                }
            }
            if (credits != q.at("/credit/min").asInt()) {
                problems.add(q.get("qan").asText() + " credit " + q.at("/credit/min") + " but units carry " + credits);
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void qanMayBeWrittenWithDashes() {
        Response certificate = get("eqa", "/api/qualifications/610-3769-2");
        assertThat(certificate.status()).isEqualTo(200);
        assertThat(certificate.body().at("/credit/min").asInt()).isEqualTo(13);
        assertThat(certificate.body().at("/credit/max").asInt()).isEqualTo(36);
    }

    @Test
    void unknownIdsAnswer404AsProblemDetailsNamingTheId() {
        Response unit = get("qm", "/api/units/L4X9");
        assertThat(unit.status()).isEqualTo(404);
        assertThat(unit.detail()).contains("L4X9");
        assertThat(unit.body().get("status").asInt()).isEqualTo(404);
        Response qualification = get("qm", "/api/qualifications/999-9999-9");
        assertThat(qualification.status()).isEqualTo(404);
        assertThat(qualification.detail()).contains("999-9999-9");
    }

    @Test
    void theSpecificationVersionAndDateAreRecorded() {
        JsonNode spec = get("qm", "/api/catalogue").body();
        assertThat(spec.get("version").asText()).isEqualTo("V1.0");
        assertThat(spec.get("publishedOn").asText()).isEqualTo("2024-03-07");
    }
}
