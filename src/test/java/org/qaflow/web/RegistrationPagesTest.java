package org.qaflow.web;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.qaflow.support.SpreadsheetFiles;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The provider registering in the browser: every error at once beside its field with a summary that takes focus, a
 * long name kept as an error, the unit picker's running total, the templates, an XLSX upload; at 1280 and 390 px.
 */
class RegistrationPagesTest extends BrowserTestBase {

    private static final AtomicLong NEXT_ULN = new AtomicLong(6_000_000_000L + (System.nanoTime() % 1_000_000) * 100);
    private static final String AWARD = "610/3751/5"; // Level 4 Award in Developing Commercial and Financial Acumen
    private static final String CERTIFICATE = "610/3769/2";

    @Test
    void anEmptyFormShowsEveryErrorBesideItsFieldAndTheSummaryTakesFocus() {
        login("provider");
        open("/provider/register");
        clickButton("Register");
        String summary = text("#error-summary");
        assertThat(summary).contains("There are 6 problems").contains("Enter the learner's first name")
                .contains("Enter the learner's last name").contains("Enter the learner's date of birth")
                .contains("Unique Learner Number").contains("Choose a qualification")
                .contains("Choose the learner's assessor").doesNotContain("catalogue");
        assertThat(activeElementId()).as("the error summary takes focus").isEqualTo("error-summary");
        for (String f : List.of("firstName", "lastName", "dateOfBirth", "uln", "qualification", "assessor")) {
            assertThat(field(f).getAttribute("aria-invalid")).as(f).isEqualTo("true");
            assertThat(field(f).getAttribute("aria-describedby")).as(f).isEqualTo(f + "-error");
            assertThat(text("#" + f + "-error")).as(f).isNotBlank();
        }
        assertThat(browser.findElement(By.cssSelector("#error-summary a[href='#qualification']")).getText())
                .isEqualTo("Qualification: Choose a qualification");
        both("register-every-error");
    }

    @Test
    void aLongNameIsAnErrorBesideTheFieldAndTheFormKeepsEverythingTyped() {
        login("provider");
        open("/provider/register");
        String longName = "N".repeat(300);
        setValue(field("firstName"), longName);
        field("lastName").sendKeys("Lengthy");
        field("dateOfBirth").sendKeys("12/05/1990");
        field("uln").sendKeys(uln());
        new Select(field("qualification")).selectByValue(AWARD);
        new Select(field("assessor")).selectByValue("assessor");
        // Enter in a field registers, as the Register button does (not "Show units", the form's first button).
        pressEnterAndWait(field("uln"));
        assertThat(text("#firstName-error")).contains("at most 100 characters, got 300");
        assertThat(text("#error-summary")).contains("There is a problem").contains("First name:");
        assertThat(field("firstName").getAttribute("value")).isEqualTo(longName);
        assertThat(field("dateOfBirth").getAttribute("value")).isEqualTo("12/05/1990");
        assertThat(new Select(field("qualification")).getFirstSelectedOption().getAttribute("value")).isEqualTo(AWARD);
        assertThat(browser.findElements(By.id("lastName-error"))).isEmpty();
        both("register-long-name");
    }

    @Test
    void theUnitPickerShowsTheQualificationsUnitsByCategoryWithARunningTotal() {
        login("provider");
        open("/provider/register");
        new Select(field("qualification")).selectByValue(CERTIFICATE);
        clickButton("Show units");
        assertThat(text("#units legend")).startsWith("Units for");
        assertThat(browser.findElements(By.cssSelector("#units fieldset.category"))).hasSizeGreaterThan(1);
        assertThat(text("#credit-total")).isEqualTo("0");
        assertThat(text("#still-needed")).startsWith("Still needed");
        both("register-unit-picker");

        WebElement first = browser.findElement(By.cssSelector("#units input[type=checkbox]"));
        String firstId = first.getAttribute("id");
        String credit = first.getAttribute("data-credit");
        first.click();
        assertThat(text("#credit-total")).as("the script adds the ticked unit's credits").isEqualTo(credit);
        assertThat(text("#still-needed")).contains("more credits");
        screenshot("register-unit-picker-ticked-1280");

        // Without the script the server is the authority: the units chosen come back with its total.
        clickButton("Show units");
        assertThat(field(firstId).isSelected()).isTrue();
        assertThat(text("#credit-total")).isEqualTo(credit);

        new Select(field("qualification")).selectByValue(AWARD);
        clickButton("Show units");
        WebElement fixed = field("unit-L4B1");
        assertThat(fixed.isSelected()).as("an award's units are all included").isTrue();
        assertThat(fixed.isEnabled()).isFalse();
        assertThat(text("#still-needed")).contains("These units make the qualification");
    }

    @Test
    void theTemplatesDownloadAndAnXlsxUploadRegistersItsLearners() throws IOException {
        login("provider");
        open("/provider/upload");
        both("upload-page");
        String csvLink = field("registrations-csv").getAttribute("href");
        String csv = new String(download(csvLink.replaceFirst("^http://[^/]+", "")), StandardCharsets.UTF_8);
        assertThat(csv).startsWith("\"First name\",\"Last name\",\"Date of birth\",\"ULN\",\"Qualification\"");
        byte[] template = download(field("results-xlsx").getAttribute("href").replaceFirst("^http://[^/]+", ""));
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(template))) {
            assertThat(book.getSheetAt(0).getRow(0).getCell(0).getStringCellValue()).isEqualTo("ULN");
            assertThat(book.getSheetAt(0).getRow(0).getCell(7).getStringCellValue()).isEqualTo("Evidence location");
        }

        String good = uln();
        byte[] refused = SpreadsheetFiles.xlsx(List.of("First name", "Last name", "Date of birth", "ULN",
                "Qualification", "Assessor"), List.of(
                List.<Object>of("Ada", "King", today().minusYears(30), Long.parseLong(good), AWARD, "Asha Patel"),
                List.<Object>of("", "King", "31/02/1990", "12", "Nothing", "nobody")));
        uploadFile(refused);
        assertThat(activeElementId()).isEqualTo("upload-errors");
        assertThat(text("#upload-errors")).contains("Nothing was imported").contains("Date of birth")
                .contains("'31/02/1990' is not a date").contains("There is no qualification Nothing");
        both("upload-refused");
        assertThat(jdbc.queryForObject("select count(*) from learner where uln = ?", Long.class, good)).isZero();

        byte[] xlsx = SpreadsheetFiles.xlsx(List.of("First name", "Last name", "Date of birth", "ULN",
                "Qualification", "Assessor"), List.of(
                List.<Object>of("Ada", "King", today().minusYears(30), Long.parseLong(good), AWARD, "Asha Patel")));
        uploadFile(xlsx);
        assertThat(browser.getCurrentUrl()).contains("/claims");
        assertThat(page()).contains("Imported all 1 rows");
        assertThat(jdbc.queryForObject("select count(*) from learner where uln = ?", Long.class, good)).isEqualTo(1);
    }

    private void uploadFile(byte[] content) throws IOException {
        Path file = Files.createTempFile(Path.of("target"), "registrations-", ".xlsx");
        Files.write(file, content);
        open("/provider/upload");
        field("file").sendKeys(file.toAbsolutePath().toString());
        clickButton("Check and import");
    }

    private static String uln() {
        return String.valueOf(NEXT_ULN.incrementAndGet());
    }

    private String activeElementId() {
        return (String) ((JavascriptExecutor) browser).executeScript("return document.activeElement.id;");
    }

    /** The page at phone width (which must not scroll sideways) and at laptop width, each kept as a screenshot. */
    private void both(String name) {
        assertThat(phoneAndLaptop(name)).as(name + " at " + PHONE + " px scrolls sideways").isLessThanOrEqualTo(PHONE);
    }

}
