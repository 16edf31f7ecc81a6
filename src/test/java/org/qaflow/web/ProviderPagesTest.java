package org.qaflow.web;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/** The provider in the browser: spreadsheet upload (all or nothing), registering, a claim to its certificate. */
class ProviderPagesTest extends BrowserTestBase {

    private static final AtomicLong NEXT_ULN = new AtomicLong(7_000_000_000L + (System.nanoTime() % 1_000_000) * 100);
    private static final String AWARD = "610/3751/5"; // Level 4 Award in Developing Commercial and Financial Acumen: L4B1

    private static String uln() {
        return String.valueOf(NEXT_ULN.incrementAndGet());
    }

    @Test
    void aSpreadsheetWithOneBadRowImportsNothingThenTheGoodOneIsFollowedToItsCertificate() throws IOException {
        String first = uln();
        String second = uln();
        login("provider");
        open("/provider/upload");
        upload(csv(row("Ada", "Lovelace", "1990-12-10", first), row("Bad", "Row", "1991-01-01", "12345")));
        String errors = text("#upload-errors");
        assertThat(errors).contains("Nothing was imported").contains("uln").contains("12345")
                .contains("ten digits");
        screenshot("provider-upload-refused");
        assertThat(claimsWithUln(first)).as("the good row of a refused file is not imported").isZero();

        upload(csv(row("Ada", "Lovelace", "1990-12-10", first), row("Charles", "Babbage", "1991-12-26", second)));
        assertThat(browser.getCurrentUrl()).contains("/claims");
        assertThat(page()).contains("Imported all 2 rows");
        assertThat(claimsWithUln(first)).isEqualTo(1);
        assertThat(claimsWithUln(second)).isEqualTo(1);
        screenshot("provider-claims");
        long claimId = jdbc.queryForObject("select c.id from claim c join learner l on l.id = c.learner_id "
                + "where l.uln = ?", Long.class, first);

        open("/claims/" + claimId);
        assertThat(text("#waiting-on")).isEqualTo("awaiting assessment");
        assertThat(text("#timeline")).contains("registered");

        login("assessor");
        open("/assessor/claims/" + claimId + "/units/L4B1");
        screenshot("assessor-form");
        for (WebElement select : browser.findElements(By.cssSelector("select[id^=method-]"))) {
            new Select(select).selectByValue("OBSERVATION");
        }
        for (WebElement location : browser.findElements(By.cssSelector("input[id^=location-]"))) {
            setValue(location, "Portfolio p." + location.getAttribute("id").substring("location-".length()));
        }
        click("#sign-off");
        assertThat(page()).contains("L4B1 signed off");

        login("iqa");
        open("/iqa");
        screenshot("iqa-queue");
        List<WebElement> items;
        while (!(items = browser.findElements(By.xpath("//article[.//a[normalize-space(.)='" + claimId + "']]"))).isEmpty()) {
            WebElement item = items.get(0);
            item.findElement(By.cssSelector("input[value=ACCEPT]")).click();
            clickAndWait(item.findElement(By.xpath(".//button[normalize-space(.)='Record verdict']")));
            assertThat(page()).contains("Accepted L4B1");
        }

        login("provider");
        open("/claims/" + claimId);
        assertThat(text("#waiting-on")).isEqualTo("certificate issued");
        screenshot("provider-claim-timeline");
        click("#certificate-link");
        assertThat(text("#learner")).isEqualTo("Ada Lovelace");
        assertThat(text("#qan")).isEqualTo(AWARD);
        assertThat(text("#qualification")).isEqualTo("Level 4 Award in Developing Commercial and Financial Acumen");
        assertThat(text("#number")).startsWith("QF-");
        assertThat(page()).contains("L4B1");
        screenshot("certificate");
        assertThat(new String(download("/claims.csv?q=" + first), java.nio.charset.StandardCharsets.UTF_8))
                .contains("\"Ada Lovelace\"").contains("certificate issued");
        assertThat(browser.getTitle()).startsWith("Certificate " + text("#number") + ", Ada Lovelace");
        assertThat(browser.findElements(By.cssSelector("main"))).as("one main landmark, the layout's").hasSize(1);
        assertThat(browser.findElements(By.cssSelector("main#main .certificate #learner"))).hasSize(1);
        assertThat(TaggedPdf.assertTagged(download("/certificates/" + claimId + ".pdf"), text("#number")))
                .contains("Ada Lovelace").contains("Commercial and Financial Acumen").contains(AWARD);
    }

    @Test
    void aProviderCannotOpenAnotherCentresClaimByTypingItsUrl() {
        login("provider2");
        open("/provider/register");
        String uln = uln();
        field("firstName").sendKeys("Grace");
        field("lastName").sendKeys("Hopper");
        setValue(field("dateOfBirth"), "1990-12-09");
        field("uln").sendKeys("12");
        new Select(field("qualification")).selectByValue(AWARD);
        new Select(field("assessor")).selectByValue("assessor2");
        clickButton("Register");
        assertThat(text("#uln-error")).contains("ten digits");
        assertThat(field("firstName").getAttribute("value")).as("nothing typed is lost").isEqualTo("Grace");
        screenshot("provider-register-error");
        setValue(field("uln"), uln);
        clickButton("Register");
        assertThat(browser.getCurrentUrl()).as(page()).matches(".*/claims/\\d+");
        String otherCentresClaim = browser.getCurrentUrl().replaceAll(".*/claims/", "");

        login("provider");
        open("/claims/" + otherCentresClaim);
        assertThat(page()).contains("Not yours to see").contains("belongs to a centre you do not work with")
                .doesNotContain("Hopper");
        screenshot("provider-refused-other-centre");
        open("/claims?q=" + uln);
        assertThat(page()).contains("0 claims");
        open("/qm/rules");
        assertThat(page()).contains("Not yours to see");
        assertThat(postWithoutCsrfToken("/provider/register")).as("a form post without its CSRF token").isEqualTo(403);
        assertThat(claimsWithLastName("Forged")).isZero();
    }

    private int postWithoutCsrfToken(String path) {
        var session = browser.manage().getCookieNamed("JSESSIONID");
        try {
            return java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                    .newBuilder(java.net.URI.create("http://localhost:" + port + path))
                    .header("Cookie", "JSESSIONID=" + session.getValue())
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString("firstName=Eve&lastName=Forged"
                            + "&dateOfBirth=1990-01-01&uln=" + uln() + "&qualification=610%2F3751%2F5&assessor=assessor"))
                    .build(), java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private long claimsWithLastName(String lastName) {
        return jdbc.queryForObject("select count(*) from learner where last_name = ?", Long.class, lastName);
    }

    private long claimsWithUln(String uln) {
        return jdbc.queryForObject("select count(*) from claim c join learner l on l.id = c.learner_id where l.uln = ?",
                Long.class, uln);
    }

    private static String row(String first, String last, String dob, String uln) {
        return String.join(",", first, last, dob, uln, AWARD, "", "assessor");
    }

    private static String csv(String... rows) {
        return "firstName,lastName,dateOfBirth,uln,qualification,units,assessor\n" + String.join("\n", rows) + "\n";
    }

    private void upload(String content) throws IOException {
        Path file = Files.createTempFile(Path.of("target"), "registrations-", ".csv");
        Files.writeString(file, content);
        open("/provider/upload");
        field("file").sendKeys(file.toAbsolutePath().toString());
        clickButton("Check and import");
    }
}
