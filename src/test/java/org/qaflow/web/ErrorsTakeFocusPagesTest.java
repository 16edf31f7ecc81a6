package org.qaflow.web;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Errors are announced: a refused form marks each field in error with aria-invalid, and its error summary (or its
 * alert) takes the focus, so a screen reader reads it first. Pages of the same kind have titles of their own.
 */
class ErrorsTakeFocusPagesTest extends BrowserTestBase {

    @Test
    void aJudgementWithoutMethodAndLocationFocusesASummaryLinkingBothFields() {
        login("assessor");
        open("/assessor");
        List<String> forms = browser.findElements(By.cssSelector("a[href*='/units/']")).stream()
                .map(a -> a.getAttribute("href")).distinct().toList();
        String untouched = forms.stream().filter(href -> {
            browser.get(href);
            return !browser.findElements(By.id("sign-off")).isEmpty()
                    && browser.findElements(By.cssSelector("select[id^=judgement-] option[selected][value=MET]")).isEmpty();
        }).findFirst().orElseThrow(() -> new AssertionError("no unit with the assessor and nothing judged yet"));
        browser.get(untouched);
        String title = browser.getTitle();
        assertThat(title).startsWith("Assess ").endsWith(" · qaflow").contains(" for ");

        // A judgement without its method and location: two errors beside that criterion.
        WebElement judgement = browser.findElement(By.cssSelector("select[id^=judgement-]"));
        String criterion = judgement.getAttribute("id").substring("judgement-".length());
        new org.openqa.selenium.support.ui.Select(judgement).selectByValue("MET");
        clickAndWait(field("sign-off"));

        WebElement summary = field("error-summary");
        assertThat(browser.switchTo().activeElement()).as("focus on the error summary").isEqualTo(summary);
        assertThat(summary.getAttribute("role")).isEqualTo("alert");
        List<WebElement> invalid = browser.findElements(By.cssSelector("[aria-invalid=true]"));
        assertThat(invalid).extracting(e -> e.getAttribute("id"))
                .containsExactlyInAnyOrder("method-" + criterion, "location-" + criterion);
        List<WebElement> links = summary.findElements(By.cssSelector("a[href^='#']"));
        assertThat(links).hasSameSizeAs(invalid);
        for (WebElement link : links) {
            WebElement target = field(link.getAttribute("href").replaceAll(".*#", ""));
            assertThat(target.getAttribute("aria-invalid")).isEqualTo("true");
        }
        screenshot("assessment-error-summary");
    }

    @Test
    void aRefusedAdministrationFormFocusesItsAlert() {
        login("qm");
        open("/qm/admin/centres");
        clickAndWait(browser.findElement(By.cssSelector("#create-centre button[type=submit]")));
        WebElement alert = browser.findElement(By.cssSelector("main [role=alert]"));
        assertThat(browser.switchTo().activeElement()).as("focus on the alert").isEqualTo(alert);

        login("provider");
        open("/provider/staff");
        clickAndWait(browser.findElement(By.cssSelector("#add-staff button[type=submit]")));
        alert = browser.findElement(By.cssSelector("main [role=alert]"));
        assertThat(browser.switchTo().activeElement()).isEqualTo(alert);
    }

    @Test
    void twoClaimsPagesHaveTwoTitles() {
        login("provider");
        open("/claims");
        List<String> claims = browser.findElements(By.cssSelector("main a[href*='/claims/']")).stream()
                .map(a -> a.getAttribute("href")).filter(href -> href.matches(".*/claims/\\d+$")).distinct().limit(2)
                .toList();
        assertThat(claims).hasSize(2);
        browser.get(claims.get(0));
        String first = browser.getTitle();
        browser.get(claims.get(1));
        assertThat(browser.getTitle()).isNotEqualTo(first).startsWith("Claim ").endsWith(" · qaflow");
    }
}
