package org.qaflow.web;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.support.ui.Select;

import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Declared interests and learner records in the browser: an assessor declares an interest in a learner not yet
 * registered, and the provider's registration with that assessor is refused with the reason shown; the provider
 * reassigns a learner's assessor, corrects the learner's name and withdraws them from the claim page.
 */
class LearnerRecordPagesTest extends BrowserTestBase {

    private static final AtomicLong NEXT_ULN = new AtomicLong(7_100_000_000L + (System.nanoTime() % 1_000_000) * 100);
    private static final String AWARD = "610/3751/5";

    private static String uln() {
        return String.valueOf(NEXT_ULN.incrementAndGet());
    }

    private void registerWithAsha(String firstName, String lastName, String dateOfBirth, String uln) {
        open("/provider/register");
        field("firstName").sendKeys(firstName);
        field("lastName").sendKeys(lastName);
        setValue(field("dateOfBirth"), dateOfBirth);
        field("uln").sendKeys(uln);
        new Select(field("qualification")).selectByValue(AWARD);
        new Select(field("assessor")).selectByValue("assessor");
        clickButton("Register");
    }

    @Test
    void anAssessorsDeclaredInterestStopsTheProviderAssigningThemToThatLearner() {
        String lastName = "Interest" + (System.nanoTime() % 100_000);
        login("assessor");
        clickLink("Declared interests");
        setValue(field("firstName"), "Dora");
        setValue(field("lastName"), lastName);
        setValue(field("dateOfBirth"), "1996-06-06");
        setValue(field("reason"), "Dora is my sister-in-law");
        clickButton("Declare");
        assertThat(text(".notice")).contains("assessor has an interest in Dora " + lastName + " (born 1996-06-06)");
        assertThat(text("#interests")).contains("Dora " + lastName).contains("Dora is my sister-in-law");
        screenshot("assessor-declared-interests");

        browser.manage().deleteAllCookies();
        login("provider");
        String uln = uln();
        registerWithAsha("Dora", lastName, "1996-06-06", uln);
        assertThat(text("#assessor-error")).contains("Asha Patel cannot assess this learner")
                .contains("declared a personal interest");
        screenshot("provider-registration-refused-for-interest");
    }

    @Test
    void theProviderReassignsTheAssessorCorrectsTheLearnerAndWithdrawsThemFromTheClaimPage() {
        login("provider");
        String uln = uln();
        String lastName = "Record" + (System.nanoTime() % 100_000);
        registerWithAsha("Rob", lastName, "1989-09-09", uln);
        assertThat(browser.getCurrentUrl()).as(page()).matches(".*/claims/\\d+");

        new Select(field("new-assessor")).selectByValue("bcarter");
        clickButton("Reassign the assessor");
        assertThat(text("#record-problem")).contains("reason: required");
        new Select(field("new-assessor")).selectByValue("bcarter");
        setValue(field("reassign-reason"), "Asha is on leave");
        clickButton("Reassign the assessor");
        assertThat(text(".notice")).contains("Reassigned to Ben Carter");
        assertThat(text("#timeline")).contains("assessor reassigned").contains("Asha is on leave");

        setValue(field("correct-first"), "Robin");
        setValue(field("correct-reason"), "Passport seen");
        clickButton("Correct the details");
        assertThat(text(".notice")).contains("corrected");
        assertThat(text("h1")).startsWith("Robin " + lastName);
        assertThat(text("#timeline")).contains("Rob " + lastName + " (born 1989-09-09) is now Robin " + lastName);

        setValue(field("withdraw-reason"), "Left the company");
        clickButton("Withdraw the learner");
        assertThat(text("#waiting-on")).isEqualTo("withdrawn from the qualification");
        assertThat(text("#timeline")).contains("learner withdrawn").contains("Left the company");
        assertThat(browser.findElements(org.openqa.selenium.By.id("withdraw-learner"))).isEmpty();
        screenshot("provider-claim-withdrawn");
    }
}
