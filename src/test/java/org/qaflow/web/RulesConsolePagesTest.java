package org.qaflow.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The quality manager changes a threshold in a decision table, previews, activates and rolls back, in the browser. */
class RulesConsolePagesTest extends BrowserTestBase {

    private static final String TABLE = "sampling/eqa-sample-size.yaml";

    @Test
    void theQualityManagerChangesASampleSizePreviewsItsImpactActivatesAndRollsBack() {
        login("qm");
        open("/qm/rules");
        int before = Integer.parseInt(text("#active-version"));
        screenshot("qm-rules-console");
        clickLink(TABLE);
        String original = field("content").getAttribute("value");
        assertThat(original).contains("{fromCohort: 6, toCohort: 25, size: 6}");

        setValue(field("content"), original.replace("{fromCohort: 6, toCohort: 25, size: 6}", "{fromCohort: 6, toCohort: 25, size: [6"));
        clickButton("Check this change");
        assertThat(text("#refused")).contains("Refused");
        screenshot("qm-rules-refused");

        setValue(field("content"), original.replace("{fromCohort: 6, toCohort: 25, size: 6}", "{fromCohort: 6, toCohort: 25, size: 8}"));
        setValue(field("description"), "sample 8 learners from cohorts of 6 to 25");
        clickButton("Check this change");
        assertThat(text("#candidate-status")).contains("candidate").contains("scenarios passed");
        assertThat(text("#diff")).contains("size: 8").as("only the changed line").doesNotContain("EqaRiskUplift");
        click("#impact-button");
        assertThat(text("#impact")).contains("Against active version " + before);
        screenshot("qm-rules-impact");
        click("#activate-button");
        assertThat(text("#notice")).isEqualTo("Version " + (before + 1) + " is active");
        assertThat(text("#active-version")).isEqualTo(String.valueOf(before + 1));

        clickButton("Roll back to version " + before);
        assertThat(text("#notice")).contains("Rolled back to the rules of version " + before);
        assertThat(text("#active-version")).isEqualTo(String.valueOf(before + 2));
        assertThat(text("#history")).contains("rollback to version " + before);
        screenshot("qm-rules-history");
        clickLink(TABLE);
        assertThat(field("content").getAttribute("value")).isEqualTo(original);
    }

    @Test
    void theQualityManagerSeesCentreOversightAndStaffEligibility() {
        login("qm");
        open("/qm/centres");
        assertThat(text("#centres")).contains("NSA01").contains("RVT02").contains("SUM03");
        assertThat(text("#staff")).contains("Ella Fox").contains("not eligible");
        screenshot("qm-centre-oversight");
    }
}
