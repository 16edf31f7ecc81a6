package org.qaflow.web;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The assessor uploads a PDF and an image of evidence on the assessment form, mapped to three criteria, and signs the
 * unit off once every criterion is judged met (one not yet met, with feedback, holds it back); the IQA opens both files
 * from the sampling queue, each shown with its SHA-256, beside each criterion's judgement and feedback.
 */
class EvidenceFilesPagesTest extends BrowserTestBase {

    private static Path file(String name, byte[] content) throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "test-data", "evidence-walk"));
        return Files.write(dir.resolve(name), content).toAbsolutePath();
    }

    private static byte[] withHead(byte[] head, int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        System.arraycopy(head, 0, bytes, 0, head.length);
        return bytes;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private void upload(Path path, List<String> criteria) {
        field("file").sendKeys(path.toString());
        for (String c : criteria) {
            field("criterion-" + c).click();
        }
        clickAndWait(field("upload-file"));
    }

    @Test
    void theAssessorUploadsAPdfAndAnImageForThreeCriteriaSignsOffAndTheIqaOpensThemFromTheQueue() throws Exception {
        byte[] pdf = withHead("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII), 300_000, 11);
        byte[] png = withHead(new byte[]{(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A}, 120_000, 12);
        Path pdfFile = file("observation record.pdf", pdf);
        Path pngFile = file("whiteboard.png", png);

        // Ben Carter works towards his assessor award, so every decision of his is sampled for the IQA.
        String uln = String.valueOf(6_100_000_000L + System.nanoTime() % 100_000_000L);
        login("provider");
        open("/provider/register");
        field("firstName").sendKeys("Evie");
        field("lastName").sendKeys("Dence");
        setValue(field("dateOfBirth"), "1990-02-03");
        field("uln").sendKeys(uln);
        new Select(field("qualification")).selectByValue("610/3751/5");
        new Select(field("assessor")).selectByValue("bcarter");
        clickButton("Register");
        long claimId = jdbc.queryForObject("select c.id from claim c join learner l on l.id = c.learner_id"
                + " where l.uln = ?", Long.class, uln);

        login("bcarter");
        open("/assessor/claims/" + claimId + "/units/L4B1");
        assertThat(page()).contains("No files yet.");
        upload(pdfFile, List.of("1.1", "1.2"));
        assertThat(text("[role=status]")).contains("Uploaded observation record.pdf").contains("1.1, 1.2");
        upload(pngFile, List.of("2.1"));
        assertThat(text("#files")).contains("observation record.pdf").contains("application/pdf")
                .contains(sha256(pdf)).contains("whiteboard.png").contains("image/png").contains(sha256(png));
        assertThat(text("#files-1\\.1")).contains("observation record.pdf").contains(sha256(pdf).substring(0, 12));
        assertThat(text("#files-1\\.2")).contains("observation record.pdf");
        assertThat(text("#files-2\\.1")).contains("whiteboard.png").contains(sha256(png).substring(0, 12));
        screenshot("assessor-evidence-files");

        for (WebElement method : browser.findElements(By.cssSelector("select[id^=method-]"))) {
            new Select(method).selectByValue("PRODUCT_EVIDENCE");
        }
        for (WebElement location : browser.findElements(By.cssSelector("input[id^=location-]"))) {
            setValue(location, "Evidence files, see the uploads");
        }
        // A criterion not yet met needs feedback saying what is still needed: refused beside the field, nothing lost.
        new Select(field("judgement-2.1")).selectByValue("NOT_YET_MET");
        clickAndWait(field("save-progress"));
        assertThat(text("#feedback-error-2\\.1")).contains("what the learner still needs to show");
        assertThat(new Select(field("judgement-2.1")).getFirstSelectedOption().getAttribute("value"))
                .isEqualTo("NOT_YET_MET");
        assertThat(field("location-1.1").getAttribute("value")).isEqualTo("Evidence files, see the uploads");

        field("feedback-2.1").sendKeys("Label the whiteboard plan with the customer's real objections");
        new Select(field("judgement-1.1")).selectByValue("MET");
        field("feedback-1.1").sendKeys("A clear observation record");
        clickAndWait(field("save-progress"));
        assertThat(text("[role=status]")).contains("Progress saved").contains("1 not yet met");
        assertThat(field("feedback-2.1").getAttribute("value"))
                .isEqualTo("Label the whiteboard plan with the customer's real objections");
        assertThat(new Select(field("method-2.1")).getFirstSelectedOption().getAttribute("value"))
                .isEqualTo("PRODUCT_EVIDENCE");

        // Sign-off waits for every criterion to be met, naming the one that is not.
        clickAndWait(field("sign-off"));
        assertThat(text("#problem")).contains("L4B1 cannot be signed off until every criterion is met")
                .contains("2.1 \"").contains("Label the whiteboard plan");
        assertThat(text("#judgement-error-2\\.1")).contains("not yet met");
        screenshot("assessor-criterion-not-yet-met");

        new Select(field("judgement-2.1")).selectByValue("MET");
        setValue(field("feedback-2.1"), "Objections now labelled");
        click("#sign-off");
        assertThat(page()).contains("L4B1 signed off");

        open("/assessor/claims/" + claimId + "/units/L4B1");
        assertThat(browser.findElements(By.id("upload"))).as("no upload once signed off").isEmpty();

        login("iqa");
        open("/iqa");
        WebElement item = browser.findElement(By.xpath("//article[.//a[normalize-space(.)='" + claimId + "']]"));
        List<WebElement> links = item.findElements(By.cssSelector("a.evidence-file"));
        assertThat(links).extracting(WebElement::getText).containsExactly("observation record.pdf", "whiteboard.png");
        assertThat(item.getText()).contains(sha256(pdf)).contains(sha256(png));
        assertThat(item.getAttribute("textContent")).as("each criterion's judgement beside its evidence")
                .contains("1.1: product evidence, Evidence files, see the uploads · met: A clear observation record")
                .contains("2.1: product evidence, Evidence files, see the uploads · met: Objections now labelled");
        screenshot("iqa-queue-evidence-files");
        String pdfHref = links.get(0).getAttribute("href").replace("http://localhost:" + port, "");
        String pngHref = links.get(1).getAttribute("href").replace("http://localhost:" + port, "");
        assertThat(sha256(download(pdfHref))).isEqualTo(sha256(pdf));
        assertThat(sha256(download(pngHref))).isEqualTo(sha256(png));
    }
}
