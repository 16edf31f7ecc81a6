package org.qaflow.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The axe-core check every browser walk runs on each page state finds what it should, and passes a good page. */
class AccessibilityCheckTest extends BrowserTestBase {

    @Test
    void aPageWithAnUnlabelledFieldAndAnImageWithoutTextFailsTheWalk() {
        assumeTrue(Accessibility.available(), "node_modules/axe-core is installed by `npm ci` (.ci/run does)");
        open("/login");
        assertThat(Accessibility.violations(browser)).extracting(Accessibility.Violation::impact)
                .doesNotContain("critical", "serious");

        browser.get("data:text/html,<html lang=en><title>bad</title><main><img src=x.png>"
                + "<input type=text name=q></main></html>");
        assertThatThrownBy(() -> Accessibility.check(browser))
                .hasMessageContaining("image-alt")
                .hasMessageContaining("label");
    }
}
