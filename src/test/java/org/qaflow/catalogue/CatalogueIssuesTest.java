package org.qaflow.catalogue;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.qaflow.support.ApiTestBase;

import java.util.List;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** The specification contradicts itself; the check found at load must report each known group. */
class CatalogueIssuesTest extends ApiTestBase {

    private List<JsonNode> issues() {
        Response response = get("qm", "/api/catalogue/issues");
        assertThat(response.status()).isEqualTo(200);
        return StreamSupport.stream(response.body().spliterator(), false).toList();
    }

    private JsonNode issue(String kind, String subject) {
        return issues().stream()
                .filter(i -> i.get("kind").asText().equals(kind) && i.get("subject").asText().equals(subject))
                .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " issue about " + subject));
    }

    @Test
    void salesCommunicationHasTwoRefs() {
        JsonNode issue = issue("UNIT_REF_MISMATCH", "L3B1");
        assertThat(issue.get("keptValue").asText()).isEqualTo("L3B1");
        assertThat(issue.get("values").toString()).contains("L3B3").contains("Unit specification");
    }

    @Test
    void awardsTablesReuseFourUans() {
        assertThat(issue("DUPLICATE_UAN", "M/650/7907").get("description").asText())
                .contains("L4B4").contains("L4B5").contains("L4B8");
        assertThat(issue("DUPLICATE_UAN", "J/650/7913").get("description").asText()).contains("L4C1", "L4C2");
        assertThat(issue("DUPLICATE_UAN", "Y/650/7919").get("description").asText()).contains("L4C7", "L4C8");
        assertThat(issue("DUPLICATE_UAN", "J/650/7922").get("description").asText()).contains("L4L1", "L4S1");
        assertThat(issues()).filteredOn(i -> i.get("kind").asText().equals("DUPLICATE_UAN")).hasSize(4);
    }

    @Test
    void legalFrameworksUnitHasTwoCreditsAndTheRqfRuleDecides() {
        JsonNode credit = issue("VALUE_DISAGREEMENT", "L4S2");
        assertThat(credit.get("keptValue").asText()).isEqualTo("3");
        assertThat(credit.get("values").toString()).contains("\"5\"").contains("\"3\"");
        assertThat(issue("CREDIT_NOT_TQT_OVER_10", "L4S2").get("description").asText()).contains("TQT 30");
        assertThat(issue("CREDIT_NOT_TQT_OVER_10", "610/3768/0").get("keptValue").asText()).isEqualTo("3");
        assertThat(issue("GLH_DISAGREEMENT", "L4S2").get("keptValue").asText()).isEqualTo("15");
    }

    @Test
    void managingChangeHasTwoGuidedLearningHours() {
        JsonNode glh = issue("GLH_DISAGREEMENT", "L4L5");
        assertThat(glh.get("keptValue").asText()).isEqualTo("30");
        assertThat(glh.get("values").toString()).contains("\"60\"");
    }

    @Test
    void pipelineUnitNumbersTwoCriteria14AndKeepsBothUnderTheirOwnKeys() {
        JsonNode issue = issue("DUPLICATE_CRITERION_NUMBER", "L4C7");
        assertThat(issue.get("keptValue").asText()).contains("1.4a", "1.4b");
        assertThat(issue.get("values").toString()).contains("Explain how and when to move an opportunity")
                .contains("Analyse the reasons why a pipeline may be unbalanced");
    }

    @Test
    void iqaRequirementsCopyTheAssessorsLeadershipBulletNamingTheAssessor() {
        JsonNode issue = issue("ROLE_MISNAMED", "IQA");
        assertThat(issue.get("keptValue").asText()).isEqualTo("applies to the IQA");
        assertThat(issue.get("description").asText()).contains("naming the assessor")
                .contains("word for word the bullet of Assessor requirements");
        assertThat(issue.get("values").toString()).contains("Internal Quality Assurance requirements")
                .contains("sales leadership competence");
        assertThat(issues()).filteredOn(i -> i.get("kind").asText().equals("ROLE_MISNAMED"))
                .as("the assessor list names its own role").hasSize(1);
    }

    @Test
    void theCatalogueKeepsOneValuePerField() {
        JsonNode unit = get("qm", "/api/units/L4S2").body();
        assertThat(unit.get("credit").asInt()).isEqualTo(3);
        assertThat(unit.get("glh").asInt()).isEqualTo(15);
        assertThat(get("qm", "/api/units/L4B4").body().get("uan").asText()).isEqualTo("H/650/7903");
    }
}
