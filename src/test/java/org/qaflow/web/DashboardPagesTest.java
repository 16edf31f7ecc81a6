package org.qaflow.web;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.qaflow.learner.ClaimStatus;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every role's home page is a dashboard: each count links to a list of exactly that many; the claims list shows each
 * learner's progress as a bar with its words, sorts by a column (saying so with aria-sort) and narrows by a filter;
 * the task list pages. Each state is kept as a screenshot at 1280 and 390 px, and none scrolls sideways on a phone.
 */
class DashboardPagesTest extends BrowserTestBase {


    private final List<String> overflowing = new ArrayList<>();

    @AfterEach
    void laptopAgain() {
        ((ChromeDriver) browser).executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }

    @Test
    void eachCountOfEachRolesDashboardLeadsToAListOfThatMany() {
        for (String user : List.of("provider", "assessor", "iqa", "eqa", "qm")) {
            login(user);
            both("dashboard-" + user + "-home");
            // What the dashboard shows, read first; then each list it links to.
            Map<String, Long> counts = new LinkedHashMap<>();
            for (WebElement link : browser.findElements(By.cssSelector("ul.counts a"))) {
                counts.put(link.getAttribute("href").replaceFirst("^https?://[^/]+", ""),
                        Long.parseLong(link.findElement(By.cssSelector(".count")).getText()));
            }
            assertThat(counts).as(user + "'s counts").hasSizeGreaterThanOrEqualTo(3);
            long shown = 0;
            for (var count : counts.entrySet()) {
                shown += count.getValue();
                open(count.getKey());
                assertThat(listed()).as(user + ": " + count.getKey()).isEqualTo(count.getValue());
            }
            if (user.equals("provider")) {
                assertThat(shown).as("the provider's sample centre has claims to count").isPositive();
                // Back to the dashboard, and forward to the same list: the list is in its address.
                open("/home");
                WebElement first = browser.findElements(By.cssSelector("ul.counts a")).get(0);
                clickAndWait(first);
                String list = browser.getCurrentUrl();
                browser.navigate().back();
                assertThat(browser.getCurrentUrl()).endsWith("/home");
                browser.navigate().forward();
                assertThat(browser.getCurrentUrl()).isEqualTo(list);
                both("dashboard-provider-counted-list");
            }
        }
        assertThat(overflowing).as("pages wider than a %d px screen", PHONE).isEmpty();
    }

    @Test
    void theClaimsListShowsProgressSortsAndFilters() {
        for (String user : List.of("provider", "assessor")) {
            login(user);
            open("/claims");
            List<WebElement> bars = browser.findElements(By.cssSelector("#claims td.progress progress"));
            assertThat(bars).as(user + ": progress bars").isNotEmpty();
            WebElement bar = bars.get(0);
            assertThat(bar.getAttribute("aria-label")).startsWith("Units verified for ");
            assertThat(bar.findElement(By.xpath("..")).getText())
                    .matches(bar.getAttribute("value") + " of " + bar.getAttribute("max") + " units verified");
            both("dashboard-" + user + "-claims");
        }

        login("provider");
        open("/claims");
        // Sorted by where each claim stands, in the order of the journey, then the other way.
        clickAndWait(browser.findElement(By.linkText("Where it stands")));
        assertThat(heading("Where it stands").getAttribute("aria-sort")).isEqualTo("ascending");
        List<Integer> ascending = stages();
        assertThat(ascending).isNotEmpty().isSorted();
        both("dashboard-claims-by-status");
        clickAndWait(browser.findElement(By.linkText("Where it stands")));
        assertThat(heading("Where it stands").getAttribute("aria-sort")).isEqualTo("descending");
        assertThat(stages()).isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(heading("Learner").getAttribute("aria-sort")).isNull();

        // A filter narrows: only claims awaiting assessment, fewer than all.
        open("/claims");
        long all = total();
        new Select(field("status")).selectByVisibleText(ClaimStatus.AWAITING_ASSESSMENT.words());
        clickButton("Filter");
        long awaiting = total();
        assertThat(awaiting).isPositive().isLessThan(all);
        assertThat(column(7)).containsOnly(ClaimStatus.AWAITING_ASSESSMENT.words());
        assertThat(browser.getCurrentUrl()).contains("status=AWAITING_ASSESSMENT");
        both("dashboard-claims-filtered");

        // The quality manager sees several centres, and narrows by one.
        login("qm");
        open("/claims");
        long everyCentre = total();
        new Select(field("centre")).selectByValue("NSA01");
        clickButton("Filter");
        assertThat(total()).isPositive().isLessThan(everyCentre);
        assertThat(column(3)).containsOnly("NSA01");
        both("dashboard-qm-claims-centre");
        assertThat(overflowing).as("pages wider than a %d px screen", PHONE).isEmpty();
    }

    @Test
    void theAssessorsTasksComeAPageAtATimeSortedAndFiltered() throws IOException {
        // More of Asha Patel's learners than a page of tasks holds (20), whatever the other tests did.
        login("provider");
        long firstUln = 8_500_000_000L + (System.nanoTime() % 1_000_000) * 100;
        String rows = IntStream.range(0, 21)
                .mapToObj(i -> String.join(",", "Paged", "Learner" + (char) ('A' + i), "1990-01-01",
                        String.valueOf(firstUln + i), "610/3751/5", "", "assessor"))
                .collect(Collectors.joining("\n"));
        Path file = Files.createTempFile(Path.of("target"), "tasks-", ".csv");
        Files.writeString(file, "firstName,lastName,dateOfBirth,uln,qualification,units,assessor\n" + rows + "\n");
        open("/provider/upload");
        field("file").sendKeys(file.toAbsolutePath().toString());
        clickButton("Check and import");
        assertThat(page()).contains("Imported all 21 rows");

        login("assessor");
        long tasks = Long.parseLong(text("#task-total").replaceAll("\\D", ""));
        assertThat(tasks).as("the assessor's tasks").isGreaterThan(20);
        assertThat(browser.findElements(By.cssSelector("#task-list tbody tr"))).hasSize(20);
        List<String> first = rows();
        clickAndWait(browser.findElement(By.cssSelector("nav.pager")).findElement(By.linkText("Next")));
        assertThat(browser.getCurrentUrl()).contains("page=2");
        assertThat(rows()).isNotEmpty().doesNotContainAnyElementsOf(first);
        both("dashboard-assessor-tasks-page-2");

        open("/home");
        clickAndWait(browser.findElement(By.linkText("Learner / unit")));
        assertThat(heading("Learner / unit").getAttribute("aria-sort")).isEqualTo("ascending");
        List<String> learners = browser.findElements(By.cssSelector("#task-list tbody tr td:nth-child(3)")).stream()
                .map(WebElement::getText).toList();
        assertThat(learners).isSortedAccordingTo(Comparator.comparing(String::toString));
        new Select(field("kind")).selectByVisibleText("Assess the unit");
        clickButton("Show these tasks");
        assertThat(browser.getCurrentUrl()).contains("kind=AssessUnit");
        assertThat(browser.findElements(By.cssSelector("#task-list tbody tr td:first-child > span"))
                .stream().map(WebElement::getText)).allMatch(t -> t.startsWith("Assess unit "));
        both("dashboard-assessor-tasks-assess");
        assertThat(overflowing).as("pages wider than a %d px screen", PHONE).isEmpty();
    }

    /** How many rows the list reached says it has: claims, or tasks. */
    private long listed() {
        if (!browser.findElements(By.id("total")).isEmpty()) {
            return total();
        }
        if (!browser.findElements(By.id("task-total")).isEmpty()) {
            return Long.parseLong(text("#task-total").replaceAll("\\D", ""));
        }
        assertThat(page()).contains("No task of yours matches.");
        return 0;
    }

    private long total() {
        return Long.parseLong(text("#total").replaceAll("\\D", ""));
    }

    private WebElement heading(String label) {
        return browser.findElement(By.xpath("//th[a[normalize-space(.)='" + label + "']]"));
    }

    private List<String> column(int n) {
        return browser.findElements(By.cssSelector("#claims tbody tr td:nth-child(" + n + ")")).stream()
                .map(WebElement::getText).toList();
    }

    /** Each row's status as its place in the journey. */
    private List<Integer> stages() {
        Map<String, Integer> order = new LinkedHashMap<>();
        Arrays.stream(ClaimStatus.values()).forEach(s -> order.put(s.words(), s.ordinal()));
        return column(7).stream().map(order::get).toList();
    }

    private List<String> rows() {
        return browser.findElements(By.cssSelector("#task-list tbody tr td:first-child > span")).stream()
                .map(WebElement::getText).toList();
    }

    /** The page as it is now at phone width then laptop width; records it if the phone has to scroll sideways. */
    private void both(String name) {
        long scrollWidth = phoneAndLaptop(name);
        if (scrollWidth > PHONE) {
            overflowing.add(browser.getCurrentUrl() + " is " + scrollWidth + " px wide");
        }
    }

}
