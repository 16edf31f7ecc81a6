package org.qaflow.web;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;
import org.qaflow.rules.RuleSetRegistry;
import org.springframework.beans.factory.annotation.Autowired;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13's walk: a real policy change made the way a quality manager works. The provider has an assessor with
 * exactly 24 hours of sales-related CPD. `qm` downloads the CPD table, changes 24 to 25 in the spreadsheet (here with
 * Apache POI, as Excel or LibreOffice would), uploads it; a scenario refuses it, so the scenario is changed in the
 * same candidate; the impact preview names that assessor as becoming ineligible, in words. `qm` cannot activate it;
 * `qm2` approves it from a later date. Before the date the assessor stays eligible; after it (the rules' poll run at a
 * moved clock) the new rule decides; rolling back restores the old one.
 */
class CpdPolicyChangePagesTest extends BrowserTestBase {

    private static final String TABLE = "eligibility/role-requirements.yaml";

    @Autowired
    RuleSetRegistry registry;
    @Autowired
    Clock clock;

    @Test
    void qmRaisesCpdTo25InTheSpreadsheetAndQm2SchedulesItThenItIsRolledBack() throws IOException {
        String username = "cpd" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
        String name = "Priya Raman";
        String staffPage = addAssessorWith24HoursOfCpd(username, name);

        login("qm");
        open("/qm/rules");
        int before = Integer.parseInt(text("#active-version"));
        click("#tables a[href*='role-requirements']");
        byte[] xlsx = download("/qm/rules/tables/download?path=" + TABLE);
        Path edited = Files.createTempFile(Path.of("target"), "role-requirements-", ".xlsx");
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx));
             OutputStream out = Files.newOutputStream(edited)) {
            Cell hours = assessorCpdHours(book);
            assertThat(hours.getNumericCellValue()).isEqualTo(24.0);
            hours.setCellValue(25);
            book.write(out);
        }
        field("file").sendKeys(edited.toAbsolutePath().toString());
        click("#upload-button");
        assertThat(text("#refused")).as("the scenario that describes the old policy refuses it")
                .contains("A qualified assessor with enough sales CPD is eligible");
        click("#refused-candidate");

        // The scenario changes with the policy, in the same candidate.
        click("#amend a[href*='scenarios%2Feligibility.yaml'], #amend a[href*='scenarios/eligibility.yaml']");
        String scenarios = field("content").getAttribute("value");
        String described = scenarios.replace("{date: 2026-02-10, hours: 12, salesRelated: true}",
                "{date: 2026-02-10, hours: 13, salesRelated: true}");
        assertThat(described).isNotEqualTo(scenarios);
        setValue(field("content"), described);
        setValue(field("description"), "assessors need 25 hours of sales-related CPD");
        clickButton("Check this change");
        assertThat(text("#candidate-status")).contains("scenarios passed").contains("written by qm");
        assertThat(text("#diff")).contains("salesCpdHours: 25").contains("hours: 13");
        String candidatePage = browser.getCurrentUrl().replaceAll("\\?.*", "");

        click("#impact-button");
        assertThat(text("#impact-differences")).as("the preview names who would become ineligible, in words")
                .contains(name + ", assessor at RVT02")
                .contains("eligible -> not eligible: has 24.0 hours of sales-related CPD")
                .contains("needs at least 25");
        screenshot("qm-cpd-impact");

        assertThat(browser.findElements(By.id("activate-button"))).as("its author cannot activate it").isEmpty();
        browser.get(candidatePage + "/activate");
        assertThat(text("#blocked")).contains("a rule set change needs a second quality manager");

        login("qm2");
        browser.get(candidatePage);
        click("#activate-button");
        LocalDate from = LocalDate.now(clock).plusDays(10);
        setValue(field("reason"), "the board raised the CPD minimum for assessors");
        setValue(field("from"), from.toString());
        click("#confirm-button");
        assertThat(text("#notice")).contains("takes effect from " + from);
        assertThat(text("#scheduled")).contains(from.toString()).contains("role-requirements.yaml").contains("qm qm2");

        registry.followActiveVersion(from.atStartOfDay(clock.getZone()).toInstant().minusSeconds(60));
        login("provider2");
        open(staffPage);
        assertThat(text("#verdict")).as("the day before the date").startsWith("Eligible");

        registry.followActiveVersion(from.atStartOfDay(clock.getZone()).toInstant().plusSeconds(60));
        open(staffPage);
        assertThat(text("#verdict")).as("from the date").startsWith("Not eligible");
        assertThat(text("#eligibility")).contains("needs at least 25");

        login("qm");
        open("/qm/rules");
        assertThat(text("#active-version")).isEqualTo(String.valueOf(before + 1));
        clickButton("Roll back to version " + before);
        setValue(field("reason"), "the board postponed the change");
        click("#confirm-button");
        assertThat(text("#notice")).contains("Rolled back to the rules of version " + before);

        login("provider2");
        open(staffPage);
        assertThat(text("#verdict")).as("the old rule is back").startsWith("Eligible");
    }

    /** The provider of RVT02 adds an assessor holding L3_CAVA with exactly 24 hours of sales-related CPD. */
    private String addAssessorWith24HoursOfCpd(String username, String name) {
        login("provider2");
        open("/provider/staff");
        setValue(field("username"), username);
        setValue(field("name"), name);
        new Select(field("role")).selectByValue("ASSESSOR");
        setValue(field("occupationalCompetenceLevel"), "5");
        clickButton("Add");
        String staffPage = browser.getCurrentUrl().replaceFirst("^https?://[^/]+", "");
        assertThat(staffPage).endsWith("/provider/staff/" + username);
        new Select(field("code")).selectByValue("L3_CAVA");
        new Select(field("status")).selectByValue("HELD");
        setValue(field("qualification-date"), today().minusYears(3).toString());
        clickButton("Record qualification");
        setValue(field("cpd-date"), today().minusDays(20).toString());
        setValue(field("hours"), "24");
        setValue(field("description"), "Sales coaching programme");
        clickButton("Record CPD");
        assertThat(text("#verdict")).startsWith("Eligible");
        return staffPage;
    }

    /** The ASSESSOR row's sales CPD hours, found by the column heading and the role, not by position. */
    private static Cell assessorCpdHours(XSSFWorkbook book) {
        var sheet = book.getSheet("RoleRequirement");
        Row headings = sheet.getRow(0);
        int roleColumn = -1;
        int hoursColumn = -1;
        for (Cell heading : headings) {
            String text = heading.getStringCellValue().toLowerCase();
            if (text.equals("role")) {
                roleColumn = heading.getColumnIndex();
            } else if (text.contains("cpd") && text.contains("hours")) {
                hoursColumn = heading.getColumnIndex();
            }
        }
        assertThat(roleColumn).as("a Role column in " + headings).isNotNegative();
        assertThat(hoursColumn).as("a CPD hours column").isNotNegative();
        for (Row row : sheet) {
            if (row.getRowNum() > 0 && "ASSESSOR".equals(row.getCell(roleColumn).getStringCellValue())) {
                return row.getCell(hoursColumn);
            }
        }
        throw new AssertionError("no ASSESSOR row in the RoleRequirement sheet");
    }
}
