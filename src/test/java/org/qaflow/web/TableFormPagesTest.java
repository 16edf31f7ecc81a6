package org.qaflow.web;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A quality manager edits the CPD table as a form in the console: a wrong cell is shown beside it and in a summary that
 * takes focus, with everything typed kept; rows are added and removed; CPD 24 -> 25 is refused by a scenario, and the
 * scenario is changed in the same candidate from the candidate page. Then the same table as an uploaded spreadsheet,
 * added to that candidate. Nothing is activated.
 */
class TableFormPagesTest extends BrowserTestBase {

    private static final String TABLE = "eligibility/role-requirements.yaml";
    private static final String CPD = "RoleRequirement.0.salesCpdHours";

    @Test
    void theCpdTableAsAFormKeepsWhatWasTypedOnErrorAndItsScenarioIsFixedInTheSameCandidate() throws IOException {
        login("qm");
        open("/qm/rules");
        assertThat(text("#tables")).contains(TABLE);
        click("#tables a[href*='role-requirements']");
        assertThat(field(CPD).getAttribute("value")).isEqualTo("24");
        assertThat(field("RoleRequirement.0.role").getTagName()).isEqualTo("select");

        setValue(field("description"), "assessors need 25 hours of CPD");
        setValue(field(CPD), "25");
        setValue(field("RoleRequirement.1.levelsAboveQualification"), "");
        clickButton("Check this change");

        assertThat(text("#error-summary")).contains(
                "RoleRequirement row 2, column Levels above qualification: the cell is empty; it needs a whole number");
        assertThat(browser.switchTo().activeElement().getAttribute("id")).isEqualTo("error-summary");
        assertThat(field("RoleRequirement.1.levelsAboveQualification").getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(text("#RoleRequirement\\.1\\.levelsAboveQualification-error")).contains("needs a whole number");
        assertThat(field(CPD).getAttribute("value")).as("what was typed is kept").isEqualTo("25");
        assertThat(field("description").getAttribute("value")).isEqualTo("assessors need 25 hours of CPD");
        screenshot("qm-table-form-errors");

        setValue(field("RoleRequirement.1.levelsAboveQualification"), "1");
        clickButton("Add a row to RoleRequirement");
        assertThat(browser.findElements(By.id("RoleRequirement.2.role"))).hasSize(1);
        assertThat(field(CPD).getAttribute("value")).isEqualTo("25");
        clickButton("Remove row 3");
        assertThat(browser.findElements(By.id("RoleRequirement.2.role"))).isEmpty();

        pressEnterAndWait(field(CPD)); // Enter in a cell checks the table, not a row's Remove
        assertThat(text("#refused")).contains("A qualified assessor with enough sales CPD is eligible");
        assertThat(field(CPD).getAttribute("value")).isEqualTo("25");
        click("#refused-candidate");

        click("#amend a[href*='scenarios%2Feligibility.yaml'], #amend a[href*='scenarios/eligibility.yaml']");
        assertThat(text("#adding-to")).contains("candidate");
        String scenarios = field("content").getAttribute("value");
        String described = scenarios.replace("{date: 2026-02-10, hours: 12, salesRelated: true}",
                "{date: 2026-02-10, hours: 13, salesRelated: true}");
        assertThat(described).isNotEqualTo(scenarios);
        setValue(field("content"), described);
        clickButton("Check this change");

        assertThat(text("#candidate-status")).contains("scenarios passed").contains("written by qm");
        assertThat(text("#diff")).contains("salesCpdHours: 25").contains("hours: 13");
        screenshot("qm-table-candidate-amended");

        // The same table as a spreadsheet, downloaded from the candidate and uploaded back into it with one more edit.
        String candidate = browser.getCurrentUrl().replaceAll(".*/candidates/(\\d+).*", "$1");
        open("/qm/rules/tables/edit?path=" + TABLE + "&candidate=" + candidate);
        byte[] xlsx = download("/qm/rules/tables/download?path=" + TABLE + "&candidate=" + candidate);
        Path edited = Files.createTempFile(Path.of("target"), "role-requirements-", ".xlsx");
        try (XSSFWorkbook book = new XSSFWorkbook(new ByteArrayInputStream(xlsx));
             OutputStream out = Files.newOutputStream(edited)) {
            assertThat(book.getSheet("RoleRequirement").getRow(1).getCell(2).getNumericCellValue()).isEqualTo(25.0);
            book.getSheet("RoleRequirement").getRow(1).getCell(2).setCellValue(24.5);
            book.write(out);
        }
        field("file").sendKeys(edited.toAbsolutePath().toString());
        click("#upload-button");
        assertThat(browser.getCurrentUrl()).as(page()).contains("/qm/rules/candidates/");
        assertThat(text("#candidate-status")).contains("scenarios passed");
        assertThat(text("#diff")).contains("salesCpdHours: 24.5").contains("hours: 13");
    }
}
