package org.qaflow.eqa;

import jakarta.persistence.EntityManagerFactory;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.Test;
import org.qaflow.centre.Centre;
import org.qaflow.centre.CentreRepository;
import org.qaflow.learner.Claim;
import org.qaflow.rules.CameraCoverage;
import org.qaflow.rules.DirectClaimRecommendation;
import org.qaflow.rules.EqaCandidate;
import org.qaflow.rules.RuleSet;
import org.qaflow.support.Node;
import org.qaflow.support.PageSession;
import org.qaflow.support.TestDatabase;
import org.springframework.data.domain.Sort;
import org.springframework.http.HttpMethod;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The quality manager's centre oversight: each centre's sampling coverage is what the CAMERA set arithmetic finds over
 * its claims as plain SQL reads them, worked out by the database in a fixed number of queries however many claims
 * there are, and both tables (centres, staff) page in the database.
 */
class CentreOversightQueryTest {

    private static final String ACUMEN_AWARD = "610/3751/5"; // one unit, L4B1

    @Test
    void coverageMatchesTheClaimsCostsTheSameQueriesAsClaimsGrowAndBothTablesPage() throws Exception {
        try (Node node = Node.start(TestDatabase.create("oversight"), "oversight",
                "--spring.jpa.properties.hibernate.generate_statistics=true")) {
            // Ben Carter works towards his award, so all his decisions are sampled; one of the fully qualified
            // assessor's claims gets evidence of a method no sampled claim has.
            long uln = 7_500_000_000L;
            List<Long> bens = new ArrayList<>();
            List<Long> others = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                bens.add(node.register("provider", String.valueOf(uln++), ACUMEN_AWARD, "bcarter"));
                others.add(node.register("provider", String.valueOf(uln++), ACUMEN_AWARD, "assessor"));
            }
            signOff(node, "bcarter", bens.get(0));
            signOff(node, "bcarter", bens.get(1));
            node.recordAllEvidence("assessor", others.get(0), "L4B1");
            node.jdbc().update("update evidence set method = 'WITNESS_TESTIMONY' where claim_unit_id in "
                    + "(select id from claim_unit where claim_id = ?)", others.get(0));
            // A decision the sampling rules passed over, and one of Ben's units decided again (after a referral)
            // without a sample: only the latest decision on a unit counts.
            signOff(node, "assessor", others.get(1));
            node.jdbc().update("update assessment_decision set sampled = false where claim_unit_id in "
                    + "(select id from claim_unit where claim_id = ?)", others.get(1));
            node.jdbc().update("insert into assessment_decision (claim_unit_id, assessor_id, decided_at,"
                    + " simulated_evidence, sampled) select claim_unit_id, assessor_id, decided_at, false, false"
                    + " from assessment_decision where claim_unit_id in (select id from claim_unit where claim_id = ?)",
                    bens.get(1));
            String anyDecision = " and exists (select 1 from claim_unit u join assessment_decision d"
                    + " on d.claim_unit_id = u.id where u.claim_id = c.id";
            assertThat(count(node, "NSA01", anyDecision + " and d.sampled = true)"))
                    .isLessThan(count(node, "NSA01", anyDecision + ")"));

            PageSession qm = PageSession.loggedIn(node.port(), "qm");
            String page = ok(qm, "/qm/centres");
            Map<String, CameraCoverage> expected = expectedCoverage(node);
            assertThat(expected.get("NSA01").methodsNotSampled()).contains("WITNESS_TESTIMONY");
            assertThat(expected.get("NSA01").complete()).isFalse();
            for (String code : node.jdbc().queryForList("select code from centre", String.class)) {
                CameraCoverage camera = expected.getOrDefault(code, new CameraCoverage(true, List.of(), List.of(),
                        List.of(), List.of()));
                assertThat(cells(page, "camera-" + code)).as(code).containsExactly(code,
                        camera.complete() ? "yes" : "no", String.join(", ", camera.assessorsNotSampled()),
                        String.join(", ", camera.unitsNotSampled()), String.join(", ", camera.methodsNotSampled()),
                        String.join(", ", camera.locationsNotSampled()));
                long claims = count(node, code, "");
                long sampled = count(node, code, anyDecision + " and d.sampled = true and d.id ="
                        + " (select max(l.id) from assessment_decision l where l.claim_unit_id = u.id))");
                if (code.equals("NSA01")) {
                    assertThat(sampled).isLessThan(count(node, code, anyDecision + " and d.sampled = true)"));
                }
                assertThat(text(page, "coverage-" + code)).as(code).contains((claims == 0 ? 0 : 100 * sampled / claims)
                        + "% (" + sampled + " of " + claims + " claims)");
            }
            assertThat(count(node, "NSA01", "")).isGreaterThanOrEqualTo(8);

            // The centres' direct claim recommendations, judged together as the page does, are each centre's own.
            DirectClaimService directClaim = node.bean(DirectClaimService.class);
            List<Centre> centres = node.bean(CentreRepository.class).findAll(Sort.by("code"));
            List<DirectClaimRecommendation> together = directClaim.recommend(centres);
            assertThat(together).containsExactlyElementsOf(centres.stream().map(directClaim::recommend).toList());
            assertThat(together.stream().map(DirectClaimRecommendation::recommendation).distinct()).hasSizeGreaterThan(1);

            // The same number of statements, and no claim loaded, with more claims, decisions and samples.
            Statistics statistics = node.bean(EntityManagerFactory.class).unwrap(SessionFactory.class).getStatistics();
            long statements = statementsPerView(qm, statistics);
            assertThat(statistics.getEntityStatistics(Claim.class.getName()).getLoadCount()).isZero();
            for (int i = 0; i < 6; i++) {
                long claim = node.register("provider", String.valueOf(uln++), ACUMEN_AWARD, "bcarter");
                if (i % 2 == 0) {
                    signOff(node, "bcarter", claim);
                }
            }
            assertThat(statementsPerView(qm, statistics)).isEqualTo(statements);
            assertThat(statistics.getEntityStatistics(Claim.class.getName()).getLoadCount()).isZero();
            String grown = ok(qm, "/qm/centres");
            assertThat(cells(grown, "camera-NSA01")).isEqualTo(cells(page(expectedCoverage(node).get("NSA01")),
                    "camera-NSA01"));

            centresAndStaffPageByCodeAndName(node, qm);
        }
    }

    /**
     * The statements one view of the page prepares: the fewest of three views, because the job scheduler's poll (its
     * first comes five seconds after start) may fall inside one and add its own.
     */
    private static long statementsPerView(PageSession qm, Statistics statistics) throws Exception {
        long fewest = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            statistics.clear();
            ok(qm, "/qm/centres");
            fewest = Math.min(fewest, statistics.getPrepareStatementCount());
        }
        return fewest;
    }

    /** With more centres and staff than a page holds. */
    private static void centresAndStaffPageByCodeAndName(Node node, PageSession qm) throws Exception {
        for (int i = 1; i <= 25; i++) {
            node.jdbc().update("insert into centre (code, name, direct_claim_status, risk_rating, eqa_username)"
                    + " values (?, ?, false, 'LOW', 'eqa2')", String.format("PG%03d", i), "Paged College " + i);
        }
        long pg = node.jdbc().queryForObject("select id from centre where code = 'PG007'", Long.class);
        for (int i = 60; i > 0; i--) {
            node.jdbc().update("insert into staff_member (centre_id, name, role, occupational_competence_level,"
                    + " sales_leadership_competence) values (?, ?, 'ASSESSOR', 4, false)", pg,
                    String.format("Paged Person %02d", i));
        }
        List<String> codes = node.jdbc().queryForList("select code from centre order by code", String.class);
        List<String> staff = node.jdbc().queryForList("select c.code || ' ' || s.name from staff_member s"
                + " join centre c on c.id = s.centre_id order by c.code, s.name, s.id", String.class);
        assertThat(codes).hasSizeGreaterThan(CentreOversightPages.CENTRES_PER_PAGE);
        assertThat(staff).hasSizeGreaterThan(CentreOversightPages.STAFF_PER_PAGE);

        String first = ok(qm, "/qm/centres");
        assertThat(ids(first, "centre-")).containsExactlyElementsOf(codes.subList(0, 20));
        assertThat(ids(first, "camera-")).containsExactlyElementsOf(codes.subList(0, 20));
        assertThat(first).contains(codes.size() + " centres, 20 a page by code").contains("Centres page 1 of 2")
                .contains("href=\"/qm/centres?page=1&amp;staffPage=0\"");
        assertThat(staffRows(first)).containsExactlyElementsOf(staff.subList(0, 50));
        assertThat(first).contains(staff.size() + " staff, by centre and name, 50 a page")
                .contains("href=\"/qm/centres?page=0&amp;staffPage=1\"");

        // Each table pages on its own and keeps the other's place.
        String second = ok(qm, "/qm/centres?page=1&staffPage=1");
        assertThat(ids(second, "centre-")).containsExactlyElementsOf(codes.subList(20, codes.size()));
        assertThat(staffRows(second)).containsExactlyElementsOf(staff.subList(50, staff.size()));
        assertThat(second).contains("href=\"/qm/centres?page=0&amp;staffPage=1\"")
                .contains("href=\"/qm/centres?page=1&amp;staffPage=0\"");
        assertThat(staffRows(ok(qm, "/qm/centres?page=1"))).containsExactlyElementsOf(staff.subList(0, 50));

        for (String bad : List.of("/qm/centres?page=-1", "/qm/centres?staffPage=-2", "/qm/centres?page=x")) {
            HttpResponse<String> response = qm.get(bad);
            assertThat(response.statusCode()).as(bad).isEqualTo(400);
            assertThat(response.body()).as(bad).containsAnyOf("page", "staffPage");
        }
        // Not the quality manager's colleagues' page to read.
        assertThat(PageSession.loggedIn(node.port(), "provider").get("/qm/centres").statusCode()).isEqualTo(403);
    }

    private static void signOff(Node node, String assessor, long claimId) {
        node.recordAllEvidence(assessor, claimId, "L4B1");
        node.ok(assessor, HttpMethod.POST, "/api/claims/" + claimId + "/sign-off", Map.of("units", List.of("L4B1")));
    }

    /** Each centre's claims as plain rows, judged by the rule set's own CAMERA set arithmetic. */
    private static Map<String, CameraCoverage> expectedCoverage(Node node) {
        Map<Long, String> centreOf = new HashMap<>();
        Map<Long, String> assessorOf = new HashMap<>();
        node.jdbc().query("select c.id, ce.code, s.name from claim c join centre ce on ce.id = c.centre_id"
                + " join staff_member s on s.id = c.assessor_id", row -> {
            centreOf.put(row.getLong(1), row.getString(2));
            assessorOf.put(row.getLong(1), row.getString(3));
        });
        Map<Long, Long> claimOfUnit = new HashMap<>();
        Map<Long, List<String>> units = new HashMap<>();
        node.jdbc().query("select id, claim_id, unit_ref from claim_unit", row -> {
            claimOfUnit.put(row.getLong(1), row.getLong(2));
            units.computeIfAbsent(row.getLong(2), k -> new ArrayList<>()).add(row.getString(3));
        });
        Map<Long, LinkedHashSet<String>> methods = new HashMap<>();
        node.jdbc().query("select claim_unit_id, method from evidence order by id", row -> {
            methods.computeIfAbsent(claimOfUnit.get(row.getLong(1)), k -> new LinkedHashSet<>()).add(row.getString(2));
        });
        Map<Long, Boolean> latestSampled = new HashMap<>(); // by unit, in decision order: the last one wins
        node.jdbc().query("select claim_unit_id, sampled from assessment_decision order by id",
                row -> { latestSampled.put(row.getLong(1), row.getBoolean(2)); });
        Map<String, List<EqaCandidate>> population = new HashMap<>();
        Map<String, List<String>> sampledIds = new HashMap<>();
        centreOf.forEach((claim, code) -> {
            population.computeIfAbsent(code, k -> new ArrayList<>()).add(new EqaCandidate(String.valueOf(claim),
                    assessorOf.get(claim), units.getOrDefault(claim, List.of()),
                    List.copyOf(methods.getOrDefault(claim, new LinkedHashSet<>())), code));
            boolean sampled = latestSampled.entrySet().stream()
                    .anyMatch(e -> e.getValue() && claim.equals(claimOfUnit.get(e.getKey())));
            List<String> ids = sampledIds.computeIfAbsent(code, k -> new ArrayList<>());
            if (sampled) {
                ids.add(String.valueOf(claim));
            }
        });
        Map<String, CameraCoverage> coverage = new HashMap<>();
        population.forEach((code, candidates) ->
                coverage.put(code, RuleSet.cameraCoverage(candidates, sampledIds.get(code))));
        return coverage;
    }

    /** A one-row page of the expected coverage, to compare the cells the same way. */
    private static String page(CameraCoverage c) {
        return "<tr id=\"camera-NSA01\"><td>NSA01</td><td>" + (c.complete() ? "yes" : "no") + "</td><td>"
                + String.join(", ", c.assessorsNotSampled()) + "</td><td>" + String.join(", ", c.unitsNotSampled())
                + "</td><td>" + String.join(", ", c.methodsNotSampled()) + "</td><td>"
                + String.join(", ", c.locationsNotSampled()) + "</td></tr>";
    }

    private static long count(Node node, String code, String condition) {
        return node.jdbc().queryForObject("select count(*) from claim c join centre ce on ce.id = c.centre_id"
                + " where ce.code = ?" + condition, Long.class, code);
    }

    private static String ok(PageSession session, String path) throws Exception {
        HttpResponse<String> response = session.get(path);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return response.body();
    }

    private static String row(String html, String id) {
        Matcher m = Pattern.compile("<(tr|div) id=\"" + Pattern.quote(id) + "\">(.*?)</\\1>", Pattern.DOTALL)
                .matcher(html);
        assertThat(m.find()).as(id).isTrue();
        return m.group(2);
    }

    private static List<String> cells(String html, String id) {
        List<String> cells = new ArrayList<>();
        Matcher m = Pattern.compile("<td>(.*?)</td>", Pattern.DOTALL).matcher(row(html, id));
        while (m.find()) {
            cells.add(m.group(1).trim());
        }
        return cells;
    }

    private static String text(String html, String id) {
        return row(html, id).replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ");
    }

    private static List<String> ids(String html, String prefix) {
        List<String> ids = new ArrayList<>();
        Matcher m = Pattern.compile("<tr id=\"" + Pattern.quote(prefix) + "([^\"]+)\"").matcher(html);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    private static List<String> staffRows(String html) {
        List<String> rows = new ArrayList<>();
        String table = html.substring(html.indexOf("<table id=\"staff\""));
        Matcher m = Pattern.compile("<tr>\\s*<td>([^<]*)</td><td>([^<]*)</td>").matcher(table);
        while (m.find()) {
            rows.add(m.group(1) + " " + m.group(2));
        }
        return rows;
    }
}
