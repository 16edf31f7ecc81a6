package org.qaflow.web;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The claims list a page at a time: the pager's links can be seen and lead to the next page. */
class ClaimsListPagesTest extends BrowserTestBase {

    @Test
    void theProviderSeesTheNextLinkAndItShowsPageTwo() throws IOException {
        login("provider");
        // More claims than one page holds (20), whatever the other tests registered.
        long first = 8_000_000_000L + (System.nanoTime() % 1_000_000) * 100;
        String rows = IntStream.range(0, 21)
                .mapToObj(i -> String.join(",", "Pager", "Learner" + (char) ('A' + i), "1990-01-01",
                        String.valueOf(first + i), "610/3751/5", "", "assessor"))
                .collect(Collectors.joining("\n"));
        Path file = Files.createTempFile(Path.of("target"), "pager-", ".csv");
        Files.writeString(file, "firstName,lastName,dateOfBirth,uln,qualification,units,assessor\n" + rows + "\n");
        open("/provider/upload");
        field("file").sendKeys(file.toAbsolutePath().toString());
        clickButton("Check and import");
        assertThat(page()).contains("Imported all 21 rows");

        open("/claims");
        assertThat(text("nav.pager")).startsWith("Page 1 of");
        WebElement next = browser.findElement(By.linkText("Next"));
        assertThat(next.isDisplayed()).isTrue();
        double contrast = contrast(next);
        assertThat(contrast).as("contrast of the Next link (%s) with what is behind it (%s)", colour(next),
                backgroundBehind(next)).isGreaterThanOrEqualTo(4.5);
        List<String> pageOne = claimLinks();
        screenshot("claims-pager");

        clickAndWait(next);
        assertThat(browser.getCurrentUrl()).contains("page=2");
        assertThat(text("nav.pager")).contains("Page 2 of");
        assertThat(browser.findElement(By.linkText("Previous")).isDisplayed()).isTrue();
        assertThat(claimLinks()).isNotEmpty().doesNotContainAnyElementsOf(pageOne);
    }

    private List<String> claimLinks() {
        return browser.findElements(By.cssSelector("#claims tbody tr td:first-child a")).stream()
                .map(a -> a.getAttribute("href")).toList();
    }

    private String colour(WebElement element) {
        return element.getCssValue("color");
    }

    /** The first opaque background behind the element, walking up to the page (white when none is set). */
    private String backgroundBehind(WebElement element) {
        return (String) ((JavascriptExecutor) browser).executeScript("""
                for (var e = arguments[0]; e; e = e.parentElement) {
                  var bg = getComputedStyle(e).backgroundColor;
                  if (bg && bg !== 'transparent' && !/rgba\\(.*, 0\\)$/.test(bg)) return bg;
                }
                return 'rgb(255, 255, 255)';""", element);
    }

    /** WCAG contrast ratio of the element's text with its background: 1 (invisible) to 21; 4.5 is readable. */
    private double contrast(WebElement element) {
        double a = luminance(colour(element));
        double b = luminance(backgroundBehind(element));
        return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    }

    private static double luminance(String css) {
        Matcher m = Pattern.compile("rgba?\\((\\d+), (\\d+), (\\d+)").matcher(css);
        assertThat(m.find()).as("a colour: " + css).isTrue();
        double[] c = new double[3];
        for (int i = 0; i < 3; i++) {
            double v = Integer.parseInt(m.group(i + 1)) / 255.0;
            c[i] = v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
    }
}
