package org.qaflow.home;

import jakarta.persistence.EntityManagerFactory;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.Test;
import org.qaflow.learner.Claim;
import org.qaflow.learner.ClaimSearch;
import org.qaflow.learner.ClaimStage;
import org.qaflow.security.AppUserRepository;
import org.qaflow.support.Node;
import org.qaflow.support.PageSession;
import org.qaflow.support.TestDatabase;
import org.springframework.http.HttpMethod;

import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboards' counts, and the lists they link to, come from the database: each count equals the total of the list
 * it links to and the rows a query written independently here finds; the lists filter, sort and page in the database;
 * counting loads no claim.
 */
class DashboardQueryTest {

    private static final String ACUMEN_AWARD = "610/3751/5"; // one unit, L4B1

    @Test
    void countsAgreeWithTheirListsAndListsFilterSortAndPageInTheDatabase() throws Exception {
        try (Node node = Node.start(TestDatabase.create("dashboard"), "dashboard",
                "--spring.jpa.properties.hibernate.generate_statistics=true")) {
            // Ben Carter works towards his assessor award, so every decision of his is sampled for the IQA.
            long first = 7_400_000_000L;
            List<Long> bens = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                bens.add(node.register("provider", String.valueOf(first + i), ACUMEN_AWARD, "bcarter"));
            }
            signOff(node, bens.get(0));
            signOff(node, bens.get(1));
            signOff(node, bens.get(2));
            String verify = node.task("iqa", "VerifyDecision", bens.get(2)).orElseThrow().get("id").asText();
            node.ok("iqa", HttpMethod.POST, "/api/tasks/" + verify + "/complete",
                    Map.of("decision", "REFER", "reason", "Evidence for 2.2 is thin"));

            // Every count on the provider's dashboard is the total of the list it links to, and what SQL finds.
            PageSession provider = PageSession.loggedIn(node.port(), "provider");
            String home = ok(provider, "/home");
            Map<String, Long> expected = Map.of(
                    "AWAITING_ASSESSMENT", withUnitIn(node, "'AWAITING_ASSESSMENT'"),
                    "WITH_IQA", withUnitIn(node, "'SAMPLED_FOR_IQA', 'AWAITING_COUNTERSIGNATURE'"),
                    "REFERRED_BACK", withUnitIn(node, "'REFERRED_BACK'"),
                    "AWAITING_EQA", sql(node, "c.status in ('AWAITING_FIRST_EQA_VISIT', 'AWAITING_EQA_RELEASE',"
                            + " 'HELD_BY_EQA')"));
            assertThat(expected.get("WITH_IQA")).isGreaterThanOrEqualTo(2);
            assertThat(expected.get("REFERRED_BACK")).isGreaterThanOrEqualTo(1);
            assertThat(expected.get("AWAITING_ASSESSMENT")).isGreaterThanOrEqualTo(21);
            for (var stage : expected.entrySet()) {
                assertThat(count(home, "/claims?stage=" + stage.getKey())).as(stage.getKey())
                        .isEqualTo(stage.getValue());
                assertThat(total(ok(provider, "/claims?stage=" + stage.getKey()))).as(stage.getKey())
                        .isEqualTo(stage.getValue());
            }
            assertThat(count(home, "/claims?stage=CERTIFICATED_THIS_MONTH")).isEqualTo(
                    total(ok(provider, "/claims?stage=CERTIFICATED_THIS_MONTH")));

            // Counting loads no claim: the database counts.
            Statistics statistics = node.bean(EntityManagerFactory.class).unwrap(SessionFactory.class).getStatistics();
            ClaimSearch search = node.bean(ClaimSearch.class);
            var providerUser = node.bean(AppUserRepository.class).findById("provider").orElseThrow();
            statistics.clear();
            for (ClaimStage stage : ClaimStage.values()) {
                search.count(providerUser, ClaimSearch.Filter.stage(stage));
            }
            assertThat(statistics.getEntityStatistics(Claim.class.getName()).getLoadCount()).isZero();

            // Filtered by assessor: exactly Ben's 24 learners, sorted by name A to Z, a page of 20, then the rest.
            long ben = node.jdbc().queryForObject("select id from staff_member where username = 'bcarter'", Long.class);
            statistics.clear();
            String page1 = ok(provider, "/claims?assessor=" + ben + "&sort=learner&dir=asc");
            assertThat(statistics.getEntityStatistics(Claim.class.getName()).getLoadCount())
                    .isLessThanOrEqualTo(20);
            List<String> bensNames = node.jdbc().queryForList("select l.first_name || ' ' || l.last_name from claim c"
                    + " join learner l on l.id = c.learner_id join staff_member s on s.id = c.assessor_id"
                    + " where s.username = 'bcarter' order by lower(l.last_name), lower(l.first_name), c.id",
                    String.class);
            assertThat(total(page1)).isEqualTo(bensNames.size()).isGreaterThanOrEqualTo(24);
            List<String> names = learners(page1);
            assertThat(names).containsExactlyElementsOf(bensNames.subList(0, 20));
            assertThat(page1).contains("aria-sort=\"ascending\"");
            String page2 = ok(provider, "/claims?assessor=" + ben + "&sort=learner&dir=asc&page=2");
            assertThat(learners(page2)).containsExactlyElementsOf(bensNames.subList(20, bensNames.size()));
            List<String> reversed = learners(ok(provider, "/claims?assessor=" + ben + "&sort=learner&dir=desc"));
            assertThat(reversed.get(0)).isEqualTo(bensNames.get(bensNames.size() - 1));
            // Filters narrow together: Ben's learners referred back.
            assertThat(total(ok(provider, "/claims?assessor=" + ben + "&stage=REFERRED_BACK")))
                    .isEqualTo(1);
            assertThat(total(ok(provider, "/claims?qualification=" + ACUMEN_AWARD.replace("/", "%2F")
                    + "&status=AWAITING_ASSESSMENT&assessor=" + ben)))
                    .isEqualTo(sql(node, "s.username = 'bcarter' and c.qan = '" + ACUMEN_AWARD
                            + "' and c.status = 'AWAITING_ASSESSMENT'"));
            // Progress: units verified of units registered.
            assertThat(page1).contains("0 of 1 units verified").contains("<progress");

            // Ben's tasks: paged by 20, and the count of overdue ones is what the overdue filter lists.
            PageSession bcarter = PageSession.loggedIn(node.port(), "bcarter");
            String bensHome = ok(bcarter, "/home?sort=created&dir=asc");
            long bensTasks = node.jdbc().queryForObject("select count(*) from task_inbox t where t.owner = 'bcarter'"
                    + " or (t.owner is null and exists (select 1 from task_inbox_party p where p.task_id = t.task_id"
                    + " and p.kind = 'USER' and p.name = 'bcarter'))", Long.class);
            assertThat(bensTasks).isGreaterThan(20);
            assertThat(bensHome).contains(bensTasks + " tasks").contains("Page 1 of " + (bensTasks + 19) / 20);

            // The IQA's samples are due 14 days after they were offered: one offered 20 days ago is overdue, one 10
            // days ago is due this week, the third is due later.
            Instant now = Instant.now(node.bean(Clock.class));
            age(node, bens.get(0), now.minus(Duration.ofDays(20)));
            age(node, bens.get(1), now.minus(Duration.ofDays(10)));
            PageSession iqa = PageSession.loggedIn(node.port(), "iqa");
            String iqaHome = ok(iqa, "/home");
            long overdue = count(iqaHome, "/home?due=OVERDUE#tasks");
            long week = count(iqaHome, "/home?due=WEEK#tasks");
            assertThat(overdue).isGreaterThanOrEqualTo(1);
            assertThat(week).isGreaterThanOrEqualTo(1);
            String overdueList = ok(iqa, "/home?due=OVERDUE");
            assertThat(overdueList).contains(overdue == 1 ? "1 task" : overdue + " tasks")
                    .contains("Node " + first).doesNotContain("Node " + (first + 1));
            assertThat(ok(iqa, "/home?due=WEEK")).contains(week == 1 ? "1 task" : week + " tasks")
                    .contains("Node " + (first + 1));
            // Overdue first: the 20-day-old sample heads the default list.
            String byDue = ok(iqa, "/home");
            assertThat(byDue.indexOf("Node " + first)).isLessThan(byDue.indexOf("Node " + (first + 1)));
            assertThat(byDue).contains("overdue: was due");

            // Bad values in the address: a 400 page saying which, never JSON or a 500.
            for (String bad : List.of("/claims?sort=shoe", "/claims?dir=up", "/claims?stage=SOON",
                    "/claims?centre=XYZ99", "/claims?qualification=nope", "/claims?assessor=abc",
                    "/home?due=SOON", "/home?kind=Nap", "/home?sort=shoe")) {
                HttpResponse<String> response = provider.get(bad);
                assertThat(response.statusCode()).as(bad).isEqualTo(400);
                assertThat(response.headers().firstValue("Content-Type").orElse("")).as(bad).startsWith("text/html");
            }
        }
    }

    private static void signOff(Node node, long claimId) {
        node.recordAllEvidence("bcarter", claimId, "L4B1");
        node.ok("bcarter", HttpMethod.POST, "/api/claims/" + claimId + "/sign-off", Map.of("units", List.of("L4B1")));
    }

    /** Moves the claim's IQA sample back in time, as if it had been offered then. */
    private static void age(Node node, long claimId, Instant offered) {
        assertThat(node.jdbc().update("update task_inbox set created_at = ? where claim_id = ? and task_name = ?",
                Timestamp.from(offered), claimId, "VerifyDecision")).isEqualTo(1);
    }

    /** Open claims of NSA01 with a unit in one of the statuses (a SQL list of quoted names). */
    private static long withUnitIn(Node node, String statuses) {
        return sql(node, "c.status not in ('WITHDRAWN', 'CERTIFICATE_ISSUED') and exists (select 1 from claim_unit u"
                + " where u.claim_id = c.id and u.status in (" + statuses + "))");
    }

    private static long sql(Node node, String condition) {
        return node.jdbc().queryForObject("select count(*) from claim c join centre ce on ce.id = c.centre_id"
                + " join staff_member s on s.id = c.assessor_id where ce.code = 'NSA01' and " + condition, Long.class);
    }

    private static String ok(PageSession session, String path) throws Exception {
        HttpResponse<String> response = session.get(path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return response.body();
    }

    /** The number a dashboard shows on the link to the list. */
    private static long count(String html, String href) {
        Matcher m = Pattern.compile("href=\"" + Pattern.quote(href.replace("&", "&amp;"))
                + "\"><span class=\"count\">(\\d+)</span>").matcher(html);
        assertThat(m.find()).as("a count linking to " + href).isTrue();
        return Long.parseLong(m.group(1));
    }

    private static long total(String html) {
        Matcher m = Pattern.compile("<span id=\"total\">(\\d+) claims</span>").matcher(html);
        assertThat(m.find()).as("the list's total").isTrue();
        return Long.parseLong(m.group(1));
    }

    private static List<String> learners(String html) {
        List<String> names = new ArrayList<>();
        Matcher m = Pattern.compile("<td><a href=\"/claims/\\d+\">([^<]+)</a></td>").matcher(html);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }
}
