package org.qaflow.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A quality manager changes a threshold in a decision table and previews it; a second quality manager activates it
 * with a reason, and it is rolled back, in the browser.
 */
class RulesConsolePagesTest extends BrowserTestBase {

    @org.springframework.beans.factory.annotation.Autowired
    java.time.Clock clock;

    private static final String TABLE = "sampling/eqa-sample-size.yaml";

    @Test
    void aChangeOneQualityManagerWroteIsActivatedBySecondWithAReasonAndRolledBack() {
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

        setValue(field("content"), original.replace("{fromCohort: 101, toCohort: 200, size: 12}", "{fromCohort: 101, toCohort: 200, size: 14}"));
        setValue(field("description"), "sample 14 learners from cohorts of 101 to 200");
        clickButton("Check this change");
        assertThat(text("#candidate-status")).contains("candidate").contains("scenarios passed").contains("written by qm");
        assertThat(text("#diff")).contains("size: 14").as("only the changed line").doesNotContain("EqaRiskUplift");
        String candidatePage = browser.getCurrentUrl().replaceAll("\\?.*", "");
        click("#impact-button");
        assertThat(text("#impact")).contains("Against active version " + before);
        // No centre here has a cohort of 101 to 200 (other walks add a few learners): 0 differences, after looking at every centre's sample.
        assertThat(text("#impact-looked")).contains("looked at ").contains(" claims, ").containsPattern("\\d+ centres' EQA samples")
                .endsWith("0 would be decided differently.");
        assertThat(text("#impact-kinds")).containsPattern("EQA sample selection \\d+ centres' EQA samples 0")
                .contains("staff eligibility");
        screenshot("qm-rules-impact");
        // Its author cannot activate it, from the candidate page or by going to the confirmation page.
        assertThat(browser.findElements(org.openqa.selenium.By.id("activate-button"))).isEmpty();
        assertThat(text("#second-pair")).contains("another quality manager must activate it");
        browser.get(candidatePage + "/activate");
        assertThat(text("#blocked")).contains("a rule set change needs a second quality manager");
        assertThat(browser.findElements(org.openqa.selenium.By.id("confirm-button"))).isEmpty();

        login("qm2");
        browser.get(candidatePage);
        click("#activate-button");
        assertThat(text("#what")).contains("sample 14 learners").contains("written by qm");
        assertThat(text("#diff")).contains("size: 14");
        setValue(field("reason"), "cohorts of 101 to 200 were under-sampled last year");
        screenshot("qm2-rules-confirm-activation");
        click("#confirm-button");
        assertThat(text("#notice")).isEqualTo("Version " + (before + 1) + " is active");
        assertThat(text("#active-version")).isEqualTo(String.valueOf(before + 1));
        String newest = browser.findElement(org.openqa.selenium.By.cssSelector("#history tbody tr")).getText();
        assertThat(newest).contains("sample 14 learners").contains("qm qm2")
                .contains("cohorts of 101 to 200 were under-sampled last year");
        clickLink(before + 1 + " (active)");
        assertThat(text("#approval")).contains("qm").contains("qm2").contains("under-sampled");

        open("/qm/rules");
        clickButton("Roll back to version " + before);
        assertThat(text("#what")).contains("become active again");
        setValue(field("reason"), "sample sizes go back while the board reviews them");
        click("#confirm-button");
        assertThat(text("#notice")).contains("Rolled back to the rules of version " + before);
        assertThat(text("#active-version")).isEqualTo(String.valueOf(before + 2));
        assertThat(text("#history")).contains("rollback to version " + before)
                .contains("sample sizes go back while the board reviews them");
        screenshot("qm-rules-history");
        clickLink(TABLE);
        assertThat(field("content").getAttribute("value")).isEqualTo(original);
    }

    @Test
    void aSecondQualityManagerSchedulesAChangeFromALaterDateAndTheConsoleShowsItWaiting() {
        login("qm");
        open("/qm/rules");
        int active = Integer.parseInt(text("#active-version"));
        clickLink("eligibility/recognised-qualifications.yaml");
        setValue(field("content"), field("content").getAttribute("value") + "# reviewed for next year\n");
        setValue(field("description"), "recognised qualifications reviewed for next year");
        clickButton("Check this change");
        String candidatePage = browser.getCurrentUrl().replaceAll("\\?.*", "");

        login("qm2");
        browser.get(candidatePage);
        click("#activate-button");
        String from = java.time.LocalDate.now(clock).plusDays(20).toString();
        setValue(field("reason"), "applies from the next registration period");
        setValue(field("from"), from);
        click("#confirm-button");
        assertThat(text("#notice")).contains("takes effect from " + from);
        assertThat(text("#active-version")).as("nothing changes before the date").isEqualTo(String.valueOf(active));
        assertThat(text("#scheduled")).contains(from).contains("recognised qualifications reviewed for next year")
                .contains("qm qm2").contains("applies from the next registration period");
        screenshot("qm2-rules-scheduled");
    }

    @Test
    void theQualityManagerSeesCentreOversightAndStaffEligibility() {
        login("qm");
        open("/qm/centres");
        assertThat(text("#centres")).contains("NSA01").contains("RVT02").contains("SUM03");
        assertThat(text("#staff")).contains("Ella Fox").contains("not eligible");
        screenshot("qm-centre-oversight");
    }

    @Test
    void theQualityManagerConfirmsOrOverrulesTheDirectClaimRecommendationFromCentreOversight() {
        // A centre of its own with no visits: the rules recommend no status, and the sample centres stay as they are.
        jdbc.update("insert into centre (code, name, direct_claim_status, risk_rating, eqa_username) "
                + "values ('DCP01', 'Oversight Page College', false, 'LOW', 'eqa2')");
        login("qm");
        open("/qm/centres");
        String row = "#centre-DCP01";
        assertThat(text(row)).contains("none").contains("consecutive satisfactory EQA visits")
                .contains("No decision recorded");

        click(row + " .overrule-button");
        assertThat(text("#problem")).contains("reason is missing").contains("DCP01").contains("overrules the rules");
        assertThat(text(row)).contains("No decision recorded");

        click(row + " .confirm-button");
        assertThat(text("#notice")).contains("DCP01: Not granted by qm").contains("as the rules recommended (none");
        assertThat(text(row)).contains("Not granted by qm");

        setValue(field("reason-DCP01"), "took over a centre with direct claim status and its staff");
        screenshot("qm-centre-overrule");
        click(row + " .overrule-button");
        assertThat(text("#notice")).contains("DCP01: Granted by qm").contains("overruling the rules (none")
                .contains("took over a centre with direct claim status and its staff");
        assertThat(text(row)).contains("Granted by qm").contains("took over a centre with direct claim status");
        assertThat(jdbc.queryForObject("select direct_claim_status from centre where code = 'DCP01'", Boolean.class))
                .isTrue();
    }
}
