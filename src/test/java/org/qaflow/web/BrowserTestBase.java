package org.qaflow.web;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.qaflow.support.SuiteOrder;
import org.qaflow.support.TestDirs;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole application on a random port with its own database and its own copy of the rules (the rules console
 * activates versions, which writes the rule files), driven in Debian's headless chromium as the demo users.
 * Screenshots of the main pages go to target/screenshots/.
 * Its subclasses run one at a time (the resource lock): test classes run in parallel (junit-platform.properties).
 */
@ResourceLock(SuiteOrder.BROWSER_APPLICATION)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class BrowserTestBase {

    private static final Path DATA_DIR = TestDirs.newDataDir("web");
    private static final Path RULES_DIR = copyOfRules();
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    protected static WebDriver browser;

    @DynamicPropertySource
    static void dirs(DynamicPropertyRegistry registry) {
        registry.add("qaflow.data-dir", DATA_DIR::toString);
        registry.add("qaflow.rules-dir", RULES_DIR::toString);
    }

    @LocalServerPort
    protected int port;
    @Autowired
    protected JdbcTemplate jdbc;
    @Autowired
    private Clock appClock;

    /** Today by the application's clock: dates a test types are relative to it, never fixed. */
    protected LocalDate today() {
        return LocalDate.now(appClock);
    }

    /**
     * One chromium serves every browser class in this JVM (starting one takes a second or two, 22 times over); each
     * class starts from a blank page with no cookies and the window's own size (see {@link #resetBrowser}).
     */
    @BeforeAll
    static void startBrowser() {
        if (browser != null) {
            try {
                browser.getWindowHandle();
                return;
            } catch (RuntimeException gone) {
                quit();
            }
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("qaflow.chromium", "/usr/bin/chromium"));
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--window-size=1366,900");
        // Keeps the console, where chromium reports what the Content-Security-Policy refused.
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        // Debian's chromium-driver matches Debian's chromium, so Selenium Manager never downloads anything.
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getProperty("qaflow.chromedriver", "/usr/bin/chromedriver")))
                .build();
        ChromeDriver chromium = new ChromeDriver(service, options);
        if (Accessibility.available()) {
            // axe-core is put into every page as it loads rather than sent with each check (half a megabyte each time).
            chromium.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", Accessibility.source()));
        }
        chromium.manage().timeouts().implicitlyWait(Duration.ZERO);
        chromium.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        browser = chromium;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> quit(chromium), "chromium-quit"));
    }

    /** Leaves nothing of this class for the next: no emulated screen, no cookies, no page, no console messages. */
    @AfterAll
    static void resetBrowser() {
        if (browser == null) {
            return;
        }
        try {
            ((ChromeDriver) browser).executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
            browser.manage().deleteAllCookies();
            browser.get("about:blank");
            browser.manage().logs().get(LogType.BROWSER);
        } catch (RuntimeException e) {
            quit();
        }
    }

    private static void quit() {
        quit(browser);
        browser = null;
    }

    private static void quit(WebDriver chromium) {
        try {
            chromium.quit();
        } catch (RuntimeException alreadyGone) {
            // nothing left to stop
        }
    }

    @BeforeEach
    void loggedOut() {
        browser.manage().deleteAllCookies();
    }

    protected void open(String path) {
        browser.get("http://localhost:" + port + path);
        Accessibility.check(browser);
    }

    protected void login(String user) {
        browser.manage().deleteAllCookies();
        open("/login");
        field("username").sendKeys(user);
        field("password").sendKeys("demo");
        clickAndWait(browser.findElement(By.cssSelector("form button[type=submit]")));
        assertThat(browser.getCurrentUrl()).as("logged in as " + user).endsWith("/home");
    }

    protected WebElement field(String id) {
        return browser.findElement(By.id(id));
    }

    protected String text(String css) {
        return browser.findElement(By.cssSelector(css)).getText();
    }

    protected String page() {
        return browser.findElement(By.tagName("body")).getText();
    }

    protected void click(String css) {
        clickAndWait(browser.findElement(By.cssSelector(css)));
    }

    protected void clickButton(String label) {
        clickAndWait(browser.findElement(By.xpath("//button[normalize-space(.)='" + label + "']")));
    }

    protected void clickLink(String label) {
        clickAndWait(browser.findElement(By.linkText(label)));
    }

    /**
     * Clicks, then waits for the page the click leads to: a form submit navigates asynchronously, and reading the page
     * too early reads the old one. Every button and link clicked here navigates. Each render carries its own token
     * (the layout's qaflow-render meta), so the new page is the one whose token differs from the old page's; waiting
     * for an old element to go stale instead broke on chromium 156 under load ("Node with given id does not belong
     * to the document"). Both the token and the load state are read in one script, with no element reference that
     * the navigation could invalidate.
     */
    protected void clickAndWait(WebElement target) {
        andWait(target::click);
    }

    /** Presses Enter in a field, as a user submitting a form from the keyboard does, and waits for the new page. */
    protected void pressEnterAndWait(WebElement field) {
        andWait(() -> field.sendKeys(org.openqa.selenium.Keys.ENTER));
    }

    private void andWait(Runnable action) {
        String before = loadedPageToken();
        assertThat(before).as("the page before the click has loaded and carries a render token: " + browser.getCurrentUrl())
                .isNotBlank();
        action.run();
        try {
            new WebDriverWait(browser, Duration.ofSeconds(30)).until(b -> {
                String after = loadedPageToken();
                return after != null && !after.equals(before);
            });
        } catch (TimeoutException e) {
            throw new AssertionError("The click did not lead to a new page within 30 s; still on "
                    + browser.getCurrentUrl() + ":\n" + page(), e);
        }
        Accessibility.check(browser);
    }

    /** The render token of the page once it has loaded ("" for a page without one), or null while it is loading. */
    private String loadedPageToken() {
        return (String) ((JavascriptExecutor) browser).executeScript("""
                if (document.readyState !== 'complete') return null;
                var token = document.querySelector('meta[name="qaflow-render"]');
                return token ? token.content : '';""");
    }

    /** What the browser refused under the Content-Security-Policy since the last call (chromium logs each refusal). */
    protected List<String> cspViolations() {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage)
                .filter(message -> message.contains("Content Security Policy"))
                .toList();
    }

    /** Sets a field's value directly: date inputs and long textareas are typed differently per locale and slowly. */
    protected void setValue(WebElement element, String value) {
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1];", element, value);
    }

    /** Fetches a download (a PDF) with the browser's session, since headless chromium saves downloads silently. */
    protected byte[] download(String path) {
        var session = browser.manage().getCookieNamed("JSESSIONID");
        try {
            var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                    .newBuilder(java.net.URI.create("http://localhost:" + port + path))
                    .header("Cookie", "JSESSIONID=" + session.getValue()).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).as(path).isEqualTo(200);
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected static final int PHONE = 390;
    protected static final int LAPTOP = 1280;

    /** Emulates a screen that many px wide (a phone below 400). */
    protected void width(int px) {
        Map<String, Object> metrics = new java.util.LinkedHashMap<>();
        metrics.put("width", px);
        metrics.put("height", px == PHONE ? 844 : 900);
        metrics.put("deviceScaleFactor", 1);
        metrics.put("mobile", px == PHONE);
        ((org.openqa.selenium.chrome.ChromeDriver) browser).executeCdpCommand("Emulation.setDeviceMetricsOverride", metrics);
    }

    /** How wide the page is laid out now; wider than the screen means it scrolls sideways. */
    protected long pageWidth() {
        return (Long) ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                "return Math.max(document.documentElement.scrollWidth, document.body.scrollWidth);");
    }

    /** Screenshots name-390 and name-1280 of the page as it is; returns its width at 390 px. */
    protected long phoneAndLaptop(String name) {
        width(PHONE);
        long phoneWidth = pageWidth();
        screenshot(name + "-" + PHONE);
        width(LAPTOP);
        screenshot(name + "-" + LAPTOP);
        return phoneWidth;
    }

    protected void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
            Files.write(SCREENSHOTS.resolve(name + ".png"), png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path copyOfRules() {
        Path target = TestDirs.newDataDir("web-rules");
        Path source = Path.of("rules");
        try (Stream<Path> files = Files.walk(source)) {
            for (Path p : files.toList()) {
                Path to = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(p, to, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }
}
