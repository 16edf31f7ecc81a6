package org.qaflow.web;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Address-bar mistakes in a real chromium: a deep link opened logged out comes back after the login, an unknown
 * address is a page in the app's layout, and no request (the favicon included) asks the browser for a password.
 */
class AddressBarPagesTest extends BrowserTestBase {

    @Test
    void aDeepLinkOpenedLoggedOutIsWhereTheLoginLeads() {
        Long claim = jdbc.query("select min(c.id) from claim c join centre ce on ce.id = c.centre_id "
                + "where ce.code = 'NSA01'", rs -> rs.next() ? rs.getLong(1) : null);
        failedRequests(); // what earlier tests left in the log
        open("/claims/" + claim);
        assertThat(browser.getCurrentUrl()).endsWith("/login");
        field("username").sendKeys("provider");
        field("password").sendKeys("demo");
        clickAndWait(browser.findElement(By.cssSelector("form button[type=submit]")));
        assertThat(browser.getCurrentUrl()).contains("/claims/" + claim);
        assertThat(text("#timeline")).contains("registered");
        assertThat(failedRequests()).isEmpty();
    }

    @Test
    void mistypedAddressesArePagesInTheLayoutWithTheMenu() {
        login("iqa");
        failedRequests();
        open("/no-such-page");
        assertThat(browser.getTitle()).isEqualTo("Not found · qaflow");
        assertThat(text("h1")).isEqualTo("Not found");
        assertThat(text("main")).contains("There is no page at /no-such-page");
        assertThat(text("header nav")).contains("Sampling queue");
        screenshot("not-found");

        open("/claims/abc");
        assertThat(text("h1")).isEqualTo("That address is not right");
        assertThat(text("main")).contains("'id' is 'abc', which is not a whole number");
        open("/claims?status=BOGUS");
        assertThat(text("main")).contains("'status' is 'BOGUS', which is not one of");
        assertThat(failedRequests()).as("only the pages themselves were refused")
                .allMatch(message -> message.contains("no-such-page") || message.contains("/claims"));

        browser.manage().deleteAllCookies();
        open("/no-such-page");
        assertThat(text("h1")).isEqualTo("Not found");
        assertThat(browser.findElements(By.cssSelector("header nav"))).isEmpty();
    }

    /** What chromium failed to load since the last call: a 401 favicon showed here on every page. */
    private List<String> failedRequests() {
        return browser.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage)
                .filter(message -> message.contains("Failed to load resource")).toList();
    }
}
