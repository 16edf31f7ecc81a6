package org.qaflow.web;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every role's main pages on a phone (390 px wide) and a laptop (1280 px): nothing scrolls sideways, and both are
 * kept as screenshots (target/screenshots/narrow-*-390.png and -1280.png). Pages reached by id are found through the
 * links a user would follow, so the walk is valid whatever other tests created.
 */
class NarrowScreenPagesTest extends BrowserTestBase {


    private final List<String> overflowing = new ArrayList<>();

    @AfterEach
    void laptopAgain() {
        ((ChromeDriver) browser).executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    }

    @Test
    void noPageOfAnyRoleScrollsSidewaysOnAPhone() {
        open("/login");
        both("login");

        login("provider");
        pages("provider", "/home", "/claims", "/provider/register", "/provider/upload", "/provider/staff");
        followFirst("provider-claim", "/claims", "#claims tbody tr td:first-child a");
        followFirst("provider-staff-person", "/provider/staff", "main table tbody a");

        login("assessor");
        pages("assessor", "/home", "/assessor");
        followFirst("assessor-form", "/assessor", "main table a[href*='/units/']");

        login("iqa");
        pages("iqa", "/home", "/iqa");

        login("eqa");
        pages("eqa", "/home", "/eqa");
        // An open visit if another walk left one, else a centre's visit history (always there).
        followFirst("eqa-visit", "/eqa", "a[href*='/eqa/visits/'], a[href*='/visits/centres/']");

        login("qm");
        pages("qm", "/home", "/qm/rules", "/qm/rules/edit?path=eligibility/role-requirements.yaml", "/qm/centres",
                "/qm/admin/centres", "/processes");
        followFirst("qm-centre", "/qm/admin/centres", "main table a[href*='/qm/admin/centres/']");
        followFirst("qm-version", "/qm/rules", "a[href*='/qm/rules/versions/']");

        assertThat(overflowing).as("pages wider than a %d px screen", PHONE).isEmpty();
    }

    private void pages(String role, String... paths) {
        for (String path : paths) {
            open(path);
            both(role + path.replaceAll("[^a-z0-9]+", "-"));
        }
    }

    /** Opens the first link of that kind on the page, if there is one (a fresh database may have none). */
    private void followFirst(String name, String from, String linkCss) {
        open(from);
        List<WebElement> links = browser.findElements(By.cssSelector(linkCss));
        assertThat(links).as("a link %s on %s to follow", linkCss, from).isNotEmpty();
        clickAndWait(links.get(0));
        both(name);
    }

    /** The page as it is now, at phone width then laptop width; records it if the phone has to scroll sideways. */
    private void both(String name) {
        width(PHONE);
        long scrollWidth = pageWidth();
        if (scrollWidth > PHONE) {
            overflowing.add(browser.getCurrentUrl() + " is " + scrollWidth + " px wide: " + widest());
        }
        screenshot("narrow-" + name + "-" + PHONE);
        width(LAPTOP);
        screenshot("narrow-" + name + "-" + LAPTOP);
    }


    /** The element that sticks out furthest, named so that the failure says what to fix. */
    private String widest() {
        return (String) ((JavascriptExecutor) browser).executeScript("""
                var worst = null, right = 0;
                document.querySelectorAll('body *').forEach(function (e) {
                  var r = e.getBoundingClientRect().right;
                  if (r > right) { right = r; worst = e; }
                });
                if (!worst) return 'nothing';
                return worst.tagName.toLowerCase() + (worst.id ? '#' + worst.id : '')
                    + (worst.className && worst.className.baseVal === undefined ? '.' + worst.className : '')
                    + ' ends at ' + Math.round(right) + ' px';""");
    }
}
