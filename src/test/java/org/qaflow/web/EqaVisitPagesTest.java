package org.qaflow.web;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;


import static org.assertj.core.api.Assertions.assertThat;

/** The EQA in the browser: from my centres to a planned visit with the rule-chosen sample, recorded, and reported. */
class EqaVisitPagesTest extends BrowserTestBase {

    @Test
    void theEqaPlansAndCompletesTheFirstVisitOfANewCentreAndPrintsTheReport() throws java.io.IOException {
        // Summit (SUM03) is new: its first registration appoints its EQA and opens the first visit to plan.
        login("provider3");
        open("/provider/register");
        field("firstName").sendKeys("Katherine");
        field("lastName").sendKeys("Johnson");
        setValue(field("dateOfBirth"), "1988-08-26");
        field("uln").sendKeys(String.valueOf(6_000_000_000L + System.nanoTime() % 1_000_000_000L));
        new Select(field("qualification")).selectByValue("610/3764/3");
        new Select(field("assessor")).selectByValue("assessor3");
        clickButton("Register");

        login("eqa");
        screenshot("eqa-home");
        open("/eqa");
        assertThat(text("#centres")).contains("RVT02").contains("SUM03");
        screenshot("eqa-centres");
        var existing = browser.findElements(By.xpath("//tr[td[starts-with(normalize-space(.), 'SUM03')]]//a[starts-with(., 'Visit ')]"));
        if (existing.isEmpty()) {
            clickButton("Open a visit to SUM03 now");
        } else {
            clickAndWait(existing.get(0));
        }
        assertThat(browser.getCurrentUrl()).matches(".*/eqa/visits/\\d+");
        if (text("#visit-status").equals("planning")) {
            setValue(field("date"), "2020-01-01");
            clickButton("Plan the visit and choose the sample");
            assertThat(page()).as("a date in the past is refused beside the field").contains("is in the past");
            setValue(field("date"), today().plusDays(14).toString());
            clickButton("Plan the visit and choose the sample");
            assertThat(page()).contains("Visit planned for");
        }
        assertThat(text("#visit-status")).isEqualTo("planned");
        assertThat(page()).as("the sample names each learner and why the rules chose them").contains("Why chosen:")
                .as("a learner with nothing assessed yet is not sampled").doesNotContain("Katherine Johnson");
        assertThat(page()).as("IQA verdicts name the IQA, not the user name").doesNotContainPattern(" by iqa\\d?\\b");
        assertThat(browser.findElement(By.tagName("main")).getAttribute("textContent"))
                .as("each criterion's evidence with the assessor's judgement beside it")
                .containsPattern("\\d\\.\\d+: observation, Portfolio, section L4\\w+/\\d\\.\\d+ · met");
        screenshot("eqa-visit-workspace");
        for (WebElement finding : browser.findElements(By.cssSelector("textarea[id^=finding-]"))) {
            setValue(finding, "Evidence valid, sufficient and mapped to every criterion");
        }
        clickButton("Record the visit");
        assertThat(page()).as("outcome and report are required").contains("choose satisfactory or unsatisfactory")
                .contains("the EQA report is required");
        browser.findElement(By.cssSelector("input[name=outcome][value=SATISFACTORY]")).click();
        setValue(field("report"), "Assessment and IQA practice sound. Sampling plan followed.");
        setValue(field("action-0-description"), "Share the standardisation minutes with the EQA");
        new Select(field("action-0-owner")).selectByValue("provider3");
        setValue(field("action-0-due"), today().plusDays(30).toString());
        clickButton("Record the visit");
        assertThat(text("#visit-status")).isEqualTo("completed");
        assertThat(page()).contains("satisfactory").contains("Share the standardisation minutes");
        click("#report-link");
        assertThat(text("#outcome")).isEqualTo("satisfactory");
        assertThat(page()).contains("Assessment and IQA practice sound")
                .as("the EQA by name, not user name").contains("Elaine Quarshie");
        screenshot("eqa-report");
        String visitPath = browser.getCurrentUrl().replaceAll("^.*(/eqa/visits/\\d+)/report$", "$1");
        byte[] pdf = download(visitPath + "/report.pdf");
        assertThat(browser.findElements(org.openqa.selenium.By.cssSelector("main"))).as("inside the layout").hasSize(1);
        assertThat(browser.getTitle()).startsWith("EQA report, visit ").contains(", SUM03");
        assertThat(TaggedPdf.assertTagged(pdf, "EQA report, visit ")).contains("Assessment and IQA practice sound");
        assertThat(new String(pdf, java.nio.charset.StandardCharsets.ISO_8859_1))
                .as("the PDF is set in the report stylesheet's sans-serif, embedded").contains("DejaVuSans");
    }

    @Test
    void anEqaCannotOpenAVisitOfACentreNotAppointedToThem() {
        Long nsaVisit = jdbc.query("select v.id from eqa_visit v join centre c on c.id = v.centre_id where c.code = 'RVT02'",
                rs -> rs.next() ? rs.getLong(1) : null);
        login("eqa2");
        open("/eqa/visits/" + nsaVisit);
        assertThat(page()).contains("Not yours to see");
    }
}
