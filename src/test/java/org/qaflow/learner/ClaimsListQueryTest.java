package org.qaflow.learner;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.persistence.EntityManagerFactory;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.Test;
import org.qaflow.support.Node;
import org.qaflow.support.TestDatabase;
import org.qaflow.support.ApiTestBase;
import org.springframework.http.HttpMethod;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The claims list is filtered, paged and counted by the database: a page of the API or of the claims page loads that
 * page's claims, not every claim of the centre, and still shows the right ones in the right order.
 */
class ClaimsListQueryTest {

    private HttpClient browser;

    @Test
    void aPageOfClaimsLoadsOnlyThatPage() throws Exception {
        try (Node node = Node.start(TestDatabase.create("claims-list"), "claims-list",
                "--spring.jpa.properties.hibernate.generate_statistics=true")) {
            List<Long> mine = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                mine.add(node.register("provider", String.valueOf(7_300_000_000L + i), "610/3751/5", "assessor"));
            }
            Statistics statistics = node.bean(EntityManagerFactory.class).unwrap(SessionFactory.class).getStatistics();
            long centreClaims = node.jdbc().queryForObject(
                    "select count(*) from claim c join centre ce on ce.id = c.centre_id where ce.code = 'NSA01'",
                    Long.class);
            assertThat(centreClaims).isGreaterThan(30);

            statistics.clear();
            JsonNode page = node.ok("provider", HttpMethod.GET, "/api/claims?size=5&page=1", null);
            List<Long> all = node.jdbc().queryForList(
                    "select c.id from claim c join centre ce on ce.id = c.centre_id where ce.code = 'NSA01' order by c.id",
                    Long.class);
            assertThat(top(page, "id")).containsExactlyElementsOf(
                    all.subList(5, 10).stream().map(String::valueOf).toList());
            assertThat(claimsLoaded(statistics)).as("claims loaded for one page of five").isLessThanOrEqualTo(5);

            JsonNode awaiting = node.ok("provider", HttpMethod.GET,
                    "/api/claims?status=AWAITING_ASSESSMENT&size=200", null);
            assertThat(top(awaiting, "status")).containsOnly("AWAITING_ASSESSMENT");
            assertThat(top(awaiting, "id")).containsAll(mine.stream().map(String::valueOf).toList());
            // An assessor sees only the learners they assess.
            JsonNode bcarter = node.ok("bcarter", HttpMethod.GET, "/api/claims?size=200", null);
            assertThat(top(bcarter, "id")).doesNotContainAnyElementsOf(
                    mine.stream().map(String::valueOf).toList());

            // The page: newest first, searched by learner, a page counted by the database. (Logging in lands on the
            // home page, which loads claims of its own: log in first.)
            html(node, "/claims");
            statistics.clear();
            String html = html(node, "/claims?q=node+73000000");
            assertThat(html).contains("30 claims").contains("Node 7300000029").doesNotContain("Node 7300000009");
            assertThat(claimsLoaded(statistics)).as("claims loaded for one page of the list")
                    .isLessThanOrEqualTo(ClaimPages.PAGE_SIZE);
            assertThat(html(node, "/claims?q=node+73000000&page=2"))
                    .contains("Node 7300000009").doesNotContain("Node 7300000029");
            assertThat(html(node, "/claims?q=50%25_off")).contains("0 claims");

            // The spreadsheet of a list is that list, every page, filtered and sorted alike: the page's link carries
            // the filters and the sort, and the rows are read from the database a chunk at a time.
            String byName = html(node, "/claims?q=node+73000000&status=AWAITING_ASSESSMENT&sort=learner&dir=desc");
            Matcher link = Pattern.compile("id=\"csv\" href=\"([^\"]+)\"").matcher(byName);
            assertThat(link.find()).isTrue();
            String csvAddress = link.group(1).replace("&amp;", "&");
            assertThat(csvAddress).startsWith("/claims.csv?").contains("status=AWAITING_ASSESSMENT")
                    .contains("q=node+73000000").contains("sort=learner").contains("dir=desc");
            List<String> expected = node.jdbc().queryForList("select l.uln from claim c join learner l"
                    + " on l.id = c.learner_id where l.uln like '73000000%' and c.status = 'AWAITING_ASSESSMENT'"
                    + " order by lower(l.last_name) desc, lower(l.first_name) desc, c.id desc", String.class);
            assertThat(expected).hasSize(30);
            assertThat(ulnsOf(csv(node, csvAddress))).containsExactlyElementsOf(expected);
            assertThat(ulnsOf(csv(node, "/claims.csv?q=node+73000000&status=CERTIFICATE_ISSUED"))).isEmpty();
            assertThat(ulnsOf(csv(node, "/claims.csv?q=node+73000000&assessor=" + node.jdbc().queryForObject(
                    "select id from staff_member where username = 'bcarter'", Long.class)))).isEmpty();

            ClaimSearch search = node.bean(ClaimSearch.class);
            var provider = node.bean(org.qaflow.security.AppUserRepository.class).findById("provider").orElseThrow();
            List<String> chunked = new ArrayList<>();
            statistics.clear();
            new org.springframework.transaction.support.TransactionTemplate(
                    node.bean(org.springframework.transaction.PlatformTransactionManager.class))
                    .executeWithoutResult(tx -> search.each(provider, new ClaimSearch.Filter(
                                    org.qaflow.learner.ClaimStatus.AWAITING_ASSESSMENT, null, null, null, null,
                                    "node 73000000"), ClaimSearch.SortKey.LEARNER, false, 7,
                            found -> chunked.add(found.claim().getLearner().getUln())));
            assertThat(chunked).as("30 rows read 7 at a time").containsExactlyElementsOf(expected);
            assertThat(claimsLoaded(statistics)).isEqualTo(30);
        }
    }

    /** The ULNs of a claims spreadsheet, in its order (second column). */
    private static List<String> ulnsOf(String csv) {
        List<String> ulns = new ArrayList<>();
        String[] lines = csv.split("\r\n");
        assertThat(lines[0]).isEqualTo("learner,uln,centre,qualification,assessor,status,certificate");
        for (int i = 1; i < lines.length; i++) {
            ulns.add(lines[i].split(",")[1].replace("\"", ""));
        }
        return ulns;
    }

    private static long claimsLoaded(Statistics statistics) {
        return statistics.getEntityStatistics(Claim.class.getName()).getLoadCount();
    }

    /** One field of each claim in a list (not of its units). */
    private static List<String> top(JsonNode claims, String field) {
        List<String> values = new ArrayList<>();
        claims.forEach(c -> values.add(c.get(field).asText()));
        return values;
    }

    /** A page as the logged-in provider sees it (pages log in with a form, not HTTP Basic). */
    private String html(Node node, String path) throws Exception {
        String body = fetch(node, path, "text/html");
        assertThat(body).as(path).doesNotContain("Log in to qaflow");
        return body;
    }

    /** A spreadsheet download as the logged-in provider gets it. */
    private String csv(Node node, String path) throws Exception {
        return fetch(node, path, "text/csv");
    }

    private String fetch(Node node, String path, String accept) throws Exception {
        String base = "http://localhost:" + node.bean(org.springframework.core.env.Environment.class)
                .getProperty("local.server.port");
        if (browser == null) {
            browser = HttpClient.newBuilder().cookieHandler(new CookieManager())
                    .followRedirects(HttpClient.Redirect.NORMAL).build();
            String login = browser.send(HttpRequest.newBuilder(URI.create(base + "/login")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(login);
            assertThat(csrf.find()).isTrue();
            browser.send(HttpRequest.newBuilder(URI.create(base + "/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("username=provider&password=" + ApiTestBase.PASSWORD
                            + "&_csrf=" + csrf.group(1))).build(), HttpResponse.BodyHandlers.ofString());
        }
        HttpResponse<String> response = browser.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Accept", accept).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return response.body();
    }
}
