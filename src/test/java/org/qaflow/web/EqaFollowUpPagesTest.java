package org.qaflow.web;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * EQA follow-up in the browser: the EQA adjusts the sample, saves the visit as a draft, raises an action with an
 * owner and a due date, completes the visit with its actual date and finds it in the centre's history; the provider
 * reads the report and responds to the action; the EQA closes it; the quality manager reads the visit and report.
 * Every page state at 390 px (none may scroll sideways) and 1280 px in target/screenshots/eqa-follow-up-*.
 * RVT02 only: SUM03 stays never visited.
 */
class EqaFollowUpPagesTest extends BrowserTestBase {

    private final List<String> overflowing = new ArrayList<>();

    @Test
    void anEqaVisitFollowedThroughByTheEqaTheCentreAndTheQualityManager() {
        login("eqa");
        open("/eqa");
        both("centres");
        List<WebElement> open = browser.findElements(By.xpath(
                "//tr[td[starts-with(normalize-space(.), 'RVT02')]]//a[starts-with(., 'Visit ')]"));
        if (open.isEmpty()) {
            clickButton("Open a visit to RVT02 now");
        } else {
            clickAndWait(open.get(0));
        }
        String visitPath = browser.getCurrentUrl().replaceAll("^https?://[^/]+", "");
        String visitId = visitPath.replaceAll("\\D", "");
        if (text("#visit-status").equals("planning")) {
            setValue(field("date"), today().plusDays(7).toString());
            clickButton("Plan the visit and choose the sample");
        }
        assertThat(text("#visit-status")).isEqualTo("planned");

        // The sample: take one learner out with a reason, and add one the rules did not choose.
        if (browser.findElements(By.cssSelector("textarea[id^=finding-]")).isEmpty()) {
            new Select(field("add-claim")).selectByIndex(1);
            field("add-reason").sendKeys("Assessor new to this unit");
            clickButton("Add to the sample");
        }
        WebElement reason = browser.findElement(By.cssSelector("input[id^=remove-][id$=-reason]"));
        String learner = reason.findElement(By.xpath("ancestor::article//h3/a")).getText();
        clickAndWait(browser.findElement(By.xpath("//button[starts-with(., 'Remove ')]")));
        assertThat(text("#error-summary")).as("a reason is required").contains("say why the sample changes");
        assertThat(focusedId()).as("the error summary takes focus").isEqualTo("error-summary");
        both("sample-reason-missing");
        reason = browser.findElement(By.cssSelector("input[id^=remove-][id$=-reason]"));
        reason.sendKeys("Learner on long-term leave; evidence not available");
        clickAndWait(browser.findElement(By.xpath("//button[starts-with(., 'Remove ')]")));
        assertThat(page()).contains("Removed by Elaine Quarshie").contains("Learner on long-term leave");
        new Select(field("add-claim")).selectByVisibleText(new Select(field("add-claim")).getOptions().stream()
                .map(WebElement::getText).filter(t -> t.startsWith(learner)).findFirst().orElseThrow());
        field("add-reason").sendKeys("Back in work: evidence available after all");
        clickButton("Add to the sample");
        assertThat(page()).contains("added by the EQA: Back in work");
        both("sample-adjusted");

        // A draft: findings, an action with owner and due date, outcome and report, kept across a reload.
        for (WebElement finding : browser.findElements(By.cssSelector("textarea[id^=finding-]"))) {
            setValue(finding, "Evidence valid and mapped to every criterion");
        }
        setValue(field("action-0-description"), "Minute the standardisation meetings");
        new Select(field("action-0-owner")).selectByValue("provider2");
        setValue(field("action-0-due"), today().plusDays(30).toString());
        browser.findElement(By.cssSelector("input[name=outcome][value=SATISFACTORY]")).click();
        setValue(field("report"), "Assessment sound; standardisation not minuted.");
        clickButton("Save as draft");
        assertThat(page()).contains("Draft saved");
        open(visitPath);
        assertThat(text("#visit-status")).isEqualTo("planned");
        assertThat(field("report").getAttribute("value")).isEqualTo("Assessment sound; standardisation not minuted.");
        assertThat(field("action-0-description").getAttribute("value")).isEqualTo("Minute the standardisation meetings");
        assertThat(new Select(field("action-0-owner")).getFirstSelectedOption().getAttribute("value"))
                .isEqualTo("provider2");
        assertThat(browser.findElements(By.cssSelector("textarea[id^=finding-]")))
                .allMatch(f -> f.getAttribute("value").equals("Evidence valid and mapped to every criterion"));
        assertThat(page()).contains("Draft saved");
        both("visit-draft");

        // Completing checks everything: an actual date in the future is refused beside the field.
        setValue(field("visitedOn"), today().plusDays(3).toString());
        clickButton("Record the visit");
        assertThat(text("#error-summary")).contains("in the future");
        assertThat(field("visitedOn").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(focusedId()).isEqualTo("error-summary");
        both("visit-future-date");
        setValue(field("visitedOn"), today().minusDays(1).toString());
        clickButton("Record the visit");
        assertThat(text("#visit-status")).isEqualTo("completed");
        assertThat(text("#visited-on")).isEqualTo(today().minusDays(1).toString());
        assertThat(page()).contains("Minute the standardisation meetings").contains("open")
                .contains("due " + today().plusDays(30));
        both("visit-completed");
        clickLink("Visit history of RVT02");
        assertThat(text("#history")).contains("Visit " + visitId).contains(today().minusDays(1).toString())
                .contains("Elaine Quarshie").contains("satisfactory");
        both("history-eqa");

        // The centre: the actions, its response, the report.
        login("provider2");
        clickLink("EQA actions");
        WebElement action = actionArticle("Minute the standardisation meetings");
        assertThat(action.getText()).contains("open").contains("due " + today().plusDays(30));
        clickAndWait(action.findElement(By.xpath(".//button")));
        assertThat(text("#error-summary")).contains("say what the centre has done");
        assertThat(focusedId()).isEqualTo("error-summary");
        both("provider-actions-error");
        action = actionArticle("Minute the standardisation meetings");
        action.findElement(By.tagName("textarea")).sendKeys("Minutes are now kept in the shared drive");
        clickAndWait(action.findElement(By.xpath(".//button")));
        assertThat(page()).contains("Response sent to the EQA");
        assertThat(actionArticle("Minute the standardisation meetings").getText()).contains("responded")
                .contains("Minutes are now kept in the shared drive");
        both("provider-actions");
        clickLink("Visit history of RVT02, with the reports");
        both("history-provider");
        clickLink("Report of visit " + visitId);
        assertThat(page()).contains("Assessment sound; standardisation not minuted.")
                .contains("Learner on long-term leave; evidence not available");
        both("report-provider");

        // The EQA closes the action with a note.
        login("eqa");
        open(visitPath);
        assertThat(page()).contains("Centre response").contains("Minutes are now kept in the shared drive");
        WebElement note = browser.findElement(By.cssSelector("input[id^=close-][id$=-note]"));
        note.sendKeys("Minutes of two meetings seen");
        clickButton("Close the action");
        assertThat(page()).contains("Action closed").contains("Closed by Elaine Quarshie");
        both("action-closed");

        // The quality manager reads the visit and its report from the centre oversight.
        login("qm");
        open("/qm/centres");
        clickLink("Visit history of RVT02");
        clickLink("Visit " + visitId);
        assertThat(text("#visit-status")).isEqualTo("completed");
        assertThat(page()).contains("Minutes of two meetings seen");
        both("visit-record-qm");
        click("#report-link");
        assertThat(text("#outcome")).isEqualTo("satisfactory");
        both("report-qm");

        // Another centre's provider is refused.
        login("provider");
        open("/visits/" + visitId);
        assertThat(page()).contains("Not yours to see");

        assertThat(overflowing).as("pages wider than a %d px screen", PHONE).isEmpty();
    }

    private WebElement actionArticle(String description) {
        return browser.findElement(By.xpath("//article[h2[normalize-space(.)='" + description + "']]"));
    }

    private String focusedId() {
        return (String) ((JavascriptExecutor) browser).executeScript("return document.activeElement.id;");
    }

    /** The page as it is now, at phone width then laptop width; records it if the phone has to scroll sideways. */
    private void both(String name) {
        long scrollWidth = phoneAndLaptop("eqa-follow-up-" + name);
        if (scrollWidth > PHONE) {
            overflowing.add(browser.getCurrentUrl() + " (" + name + ") is " + scrollWidth + " px wide");
        }
    }

}
