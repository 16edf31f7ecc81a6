package org.qaflow.web;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where a claim stands, on its process diagram (drawn on the server as SVG, styled by classes only): every role that
 * can open the claim page sees it with the node it waits at highlighted; the quality manager sees per process how many
 * instances wait at each node.
 */
class ProcessDiagramPagesTest extends BrowserTestBase {

    @Test
    void theClaimPageShowsTheUnitDiagramWithTheNodeItWaitsAtHighlighted() {
        Map<String, Object> waiting = unitWaitingAtAssessUnit("NSA01");
        long claimId = ((Number) waiting.get("claim_id")).longValue();
        String unit = (String) waiting.get("unit_ref");
        String assessor = (String) waiting.get("assessor");

        login("provider");
        open("/claims/" + claimId);
        assertThat(text("#waiting-at")).contains("unit " + unit + ": waits at Assess unit");
        WebElement details = browser.findElement(By.cssSelector("details.unit-process[data-unit='" + unit + "']"));
        assertThat(details.getAttribute("open")).as("collapsed until opened").isNull();
        details.findElement(By.tagName("summary")).click();
        WebElement svg = details.findElement(By.cssSelector("svg.bpmn"));
        assertThat(svg.isDisplayed()).isTrue();
        assertThat(svg.getAttribute("data-process")).isEqualTo("unitAssessment");
        assertThat(svg.findElement(By.tagName("title")).getAttribute("textContent"))
                .contains("waits at Assess unit");
        List<WebElement> active = svg.findElements(By.cssSelector("g.node.active"));
        assertThat(active).extracting(g -> g.getAttribute("data-element")).containsExactly("assessUnit");
        assertThat(svg.findElements(By.cssSelector("g.node.done"))).extracting(g -> g.getAttribute("data-element"))
                .contains("start", "gw_assess");
        // The highlight is the stylesheet's doing: the current node is drawn unlike a node not reached.
        String activeStroke = active.get(0).findElement(By.cssSelector(".shape")).getCssValue("stroke");
        String plainStroke = svg.findElement(By.cssSelector("g.node[data-element='verifyDecision'] .shape"))
                .getCssValue("stroke");
        assertThat(activeStroke).isNotBlank().isNotEqualTo(plainStroke);
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript("arguments[0].scrollIntoView()", details);
        screenshot("claim-process-diagram");
        assertThat(cspViolations()).isEmpty();

        for (String user : List.of(assessor, "iqa", "qm")) {
            login(user);
            open("/claims/" + claimId);
            By highlighted = By.cssSelector("details.unit-process[data-unit='" + unit
                    + "'] svg.bpmn g.node.active[data-element='assessUnit']");
            waitFor(highlighted, user);
            assertThat(browser.findElements(highlighted)).as(user).hasSize(1);
        }
        Map<String, Object> elsewhere = unitWaitingAtAssessUnit("RVT02");
        login("eqa");
        open("/claims/" + elsewhere.get("claim_id"));
        By highlighted = By.cssSelector("details.unit-process[data-unit='" + elsewhere.get("unit_ref")
                + "'] svg.bpmn g.node.active[data-element='assessUnit']");
        waitFor(highlighted, "eqa");
        assertThat(browser.findElements(highlighted)).as("eqa").hasSize(1);
    }

    @Test
    void theQualityManagerSeesHowManyInstancesWaitAtEachNode() {
        long waiting = jdbc.queryForObject("select count(distinct instance_id) from process_trail_node "
                + "where process_id = 'unitAssessment' and element_id = 'assessUnit' and left_at is null", Long.class);
        long active = jdbc.queryForObject("select count(*) from process_trail_instance "
                + "where process_id = 'unitAssessment' and completed_at is null", Long.class);
        assertThat(waiting).as("the sample journeys leave units with their assessors").isPositive();

        login("qm");
        clickLink("Processes");
        assertThat(browser.getCurrentUrl()).endsWith("/processes");
        WebElement unitProcess = browser.findElement(By.cssSelector("[data-process='unitAssessment']"));
        assertThat(unitProcess.findElement(By.cssSelector(".active-count")).getText()).isEqualTo(String.valueOf(active));
        assertThat(unitProcess.findElement(By.cssSelector("tr[data-element='assessUnit'] td.count")).getText())
                .isEqualTo(String.valueOf(waiting));
        assertThat(unitProcess.findElement(By.cssSelector("svg.bpmn g.node[data-element='assessUnit'] g.count"))
                .getText()).isEqualTo(String.valueOf(waiting));
        assertThat(browser.findElements(By.cssSelector("[data-process='eqaVisit'] svg.bpmn"))).hasSize(1);
        screenshot("processes-overview");
        assertThat(cspViolations()).isEmpty();

        login("provider");
        open("/processes");
        assertThat(page()).contains("Not yours to see");
        assertThat(browser.findElements(By.cssSelector("svg.bpmn"))).isEmpty();
    }

    /** The page as this user sees it has the element, or the failure shows what the page said instead. */
    private void waitFor(By element, String user) {
        try {
            new org.openqa.selenium.support.ui.WebDriverWait(browser, java.time.Duration.ofSeconds(10))
                    .until(d -> !d.findElements(element).isEmpty());
        } catch (org.openqa.selenium.TimeoutException e) {
            throw new AssertionError(user + " at " + browser.getCurrentUrl() + " sees no " + element + ":\n" + page());
        }
    }

    private Map<String, Object> unitWaitingAtAssessUnit(String centre) {
        return jdbc.queryForList("select c.id claim_id, u.unit_ref, s.username assessor from claim c "
                + "join claim_unit u on u.claim_id = c.id join centre ce on ce.id = c.centre_id "
                + "join staff_member s on s.id = c.assessor_id "
                + "join process_trail_node n on n.instance_id = u.process_instance_id "
                + "where ce.code = ? and n.element_id = 'assessUnit' and n.left_at is null and s.username is not null "
                + "order by c.id", centre).stream().findFirst()
                .orElseThrow(() -> new AssertionError("no sample claim at " + centre + " waits at assessUnit"));
    }
}
