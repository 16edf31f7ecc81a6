package org.qaflow.web;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Administration in the browser: the quality manager creates a centre, approves it and appoints its EQA (an EQA with
 * a declared link is refused, saying why); the provider adds an assessor, who logs in with the temporary password,
 * and records a qualification and CPD (with its certificate file) until the rules call the assessor eligible.
 */
class AdministrationPagesTest extends BrowserTestBase {

    @Test
    void theQualityManagerCreatesAndApprovesACentreAndAppointsItsEqa() {
        String code = "W" + (System.nanoTime() % 100_000);
        login("qm");
        open("/qm/admin/centres");
        setValue(field("code"), code);
        setValue(field("name"), "Westgate Sales College");
        new Select(field("riskRating")).selectByValue("HIGH");
        clickButton("Create centre");
        assertThat(browser.getCurrentUrl()).endsWith("/qm/admin/centres/" + code);
        assertThat(page()).contains("Created centre " + code + " Westgate Sales College");
        assertThat(text("#risk")).isEqualTo("HIGH");

        new Select(field("qualification")).selectByValue("610/3769/2");
        clickButton("Approve");
        assertThat(page()).contains("Approved " + code + " for 610/3769/2");
        assertThat(text("#approvals")).contains("610/3769/2").contains(today().toString()).contains("qm");

        // eqa declares a link with this centre through the API.
        assertThat(declareAsEqa("{\"staff\": \"eqa\", \"centre\": \"" + code
                + "\", \"reason\": \"Former employee of the centre\"}")).isEqualTo(201);
        new Select(field("eqa-choice")).selectByValue("eqa");
        clickButton("Appoint EQA");
        assertThat(text(".alert")).contains("cannot be the EQA of centre " + code)
                .contains("Former employee of the centre");
        assertThat(text("#eqa")).isEqualTo("none appointed");

        new Select(field("eqa-choice")).selectByValue("eqa2");
        clickButton("Appoint EQA");
        assertThat(page()).contains("eqa2 is now the EQA of " + code);
        assertThat(text("#eqa")).isEqualTo("eqa2");
        assertThat(text("#history")).contains("centre created").contains("approved").contains("EQA appointed");
        screenshot("qm-centre-admin");
    }

    @Test
    void theProviderAddsAnAssessorRecordsAQualificationAndCpdAndSeesThemBecomeEligible() throws Exception {
        String username = "nokafor" + (System.nanoTime() % 100_000);
        login("provider");
        clickLink("Staff");
        setValue(field("username"), username);
        setValue(field("name"), "Nia Okafor");
        new Select(field("role")).selectByValue("ASSESSOR");
        setValue(field("occupationalCompetenceLevel"), "5");
        clickButton("Add");
        assertThat(browser.getCurrentUrl()).endsWith("/provider/staff/" + username);
        String notice = text(".notice");
        assertThat(notice).contains("Added Nia Okafor").contains("temporary password");
        String password = notice.substring(notice.lastIndexOf(' ') + 1);
        assertThat(text("#verdict")).startsWith("Not eligible");
        assertThat(text("#eligibility")).contains("holds no recognised ASSESSOR qualification")
                .contains("needs 24 more hours of sales-related CPD");

        new Select(field("code")).selectByValue("L3_CAVA");
        new Select(field("status")).selectByValue("HELD");
        setValue(field("qualification-date"), today().minusYears(3).toString());
        clickButton("Record qualification");
        assertThat(page()).contains("Recorded L3_CAVA");
        assertThat(text("#qualifications")).contains("L3_CAVA").contains("held");

        LocalDate attended = today().minusDays(20);
        setValue(field("cpd-date"), attended.toString());
        setValue(field("hours"), "26.5");
        setValue(field("description"), "Consultative selling programme");
        // The certificate goes with the entry; the CPD log lists it with its SHA-256 and a link that downloads it.
        byte[] certificate = ("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Path certificateFile = Files.write(Files.createDirectories(Path.of("target", "test-data", "cpd-walk"))
                .resolve("selling certificate.pdf"), certificate).toAbsolutePath();
        field("cpd-file").sendKeys(certificateFile.toString());
        clickButton("Record CPD");
        assertThat(page()).contains("Recorded 26.5 hours of CPD with its file");
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(certificate));
        assertThat(text("#cpd")).contains("selling certificate.pdf").contains(sha256.substring(0, 12));
        String href = browser.findElement(By.linkText("selling certificate.pdf")).getAttribute("href");
        assertThat(download(href.substring(href.indexOf("/provider/")))).isEqualTo(certificate);
        assertThat(text("#verdict")).startsWith("Eligible");
        assertThat(text("#eligibility")).contains("needs 24 more hours of sales-related CPD by "
                + attended.plusMonths(12));

        setValue(field("hours"), "lots");
        setValue(field("description"), "x");
        clickButton("Record CPD");
        assertThat(text(".alert")).contains("hours: a number of hours");
        screenshot("provider-staff-member");

        open("/provider/staff");
        assertThat(text("#staff")).contains("Nia Okafor").contains("Asha Patel");

        // The new assessor logs in with the temporary password.
        browser.manage().deleteAllCookies();
        open("/login");
        field("username").sendKeys(username);
        field("password").sendKeys(password);
        clickAndWait(browser.findElement(By.cssSelector("form button[type=submit]")));
        assertThat(browser.getCurrentUrl()).endsWith("/home");
    }

    private int declareAsEqa(String json) {
        try {
            var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://localhost:" + port
                            + "/api/interests"))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("eqa:demo"
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(json)).build();
            return java.net.http.HttpClient.newHttpClient().send(request,
                    java.net.http.HttpResponse.BodyHandlers.ofString()).statusCode();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
