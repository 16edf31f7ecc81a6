package org.qaflow.volume;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.qaflow.support.TestDatabase;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The data-volume fixture at a small size (2 centres, 500 claims, 200 open tasks) on its own H2 database: what it
 * reports is what the database holds, every stage of the journey is there, the inbox agrees with the engine, and the
 * API, over real HTTP as the fixture's own users, shows a busy assessor's tasks and a centre's claims as generated.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "qaflow.volume.claims=500", "qaflow.volume.centres=2", "qaflow.volume.open-tasks=200"})
class VolumeFixtureTest {

    private static final TestDatabase DATABASE = TestDatabase.create("volume");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        DATABASE.properties().forEach((key, value) -> registry.add(key, () -> value));
    }

    @Autowired
    VolumeFixture fixture;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TestRestTemplate http;
    @Autowired
    ObjectMapper json;
    @LocalServerPort
    int port;

    @Test
    void fillsEveryStageWithTheClaimsAndOpenTasksAskedFor() {
        VolumeFixture.Report report = fixture.report();
        assertThat(report.generated()).as("a fresh database is filled, not only checked").isNotNull();
        Map<String, Integer> atFixtureCentres = countBy("select c.status, count(*) from claim c "
                + "join centre x on x.id = c.centre_id where x.code like 'V%' group by c.status");
        assertThat(atFixtureCentres.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(500);
        assertThat(atFixtureCentres.get("CERTIFICATE_ISSUED"))
                .isGreaterThanOrEqualTo(report.generated().get("CERTIFICATE_ISSUED"));
        assertThat(atFixtureCentres.get("WITHDRAWN")).isEqualTo(report.generated().get("WITHDRAWN"));
        assertThat(atFixtureCentres).containsKeys("AWAITING_ASSESSMENT", "IN_ASSESSMENT");
        assertThat(atFixtureCentres.keySet()).as("claims waiting for the EQA").anyMatch(s -> s.startsWith("AWAITING_"
                + "FIRST_EQA") || s.equals("AWAITING_EQA_RELEASE"));
        assertThat(report.claimsByStatus()).containsAllEntriesOf(countBy("select status, count(*) from claim "
                + "group by status"));
        Map<String, Integer> units = countBy("select u.status, count(*) from claim_unit u join claim c "
                + "on c.id = u.claim_id join centre x on x.id = c.centre_id where x.code like 'V%' group by u.status");
        assertThat(units).containsKeys("AWAITING_ASSESSMENT", "SAMPLED_FOR_IQA", "REFERRED_BACK", "VERIFIED");

        // Open work stops as soon as the inbox holds 200 tasks: one registration (at most eleven units) past it.
        assertThat(report.openTasks()).isBetween(200, 211);
        assertThat(report.openTasksByName()).containsKeys("AssessUnit", "VerifyDecision");
        assertThat(jdbc.queryForObject("select count(*) from jbpm_user_tasks where termination_type is null",
                Integer.class)).as("the inbox lists every open task of the engine, no more").isEqualTo(report.openTasks());
    }

    @Test
    void theBusiestAssessorsTasksArePagedCountedAndOrderedAsTheClaimsSay() {
        // Expected from the claims, not from the inbox: every unit of the assessor's open claims not yet signed off,
        // or referred back to them, is one open assessment task.
        List<String> expected = jdbc.queryForList("select c.id || '/' || u.unit_ref from claim_unit u "
                + "join claim c on c.id = u.claim_id join staff_member s on s.id = c.assessor_id "
                + "where s.username = 'v0001a01' and u.status in ('AWAITING_ASSESSMENT', 'REFERRED_BACK') "
                + "and c.status not in ('CERTIFICATE_ISSUED', 'WITHDRAWN') order by c.id, u.unit_ref", String.class);
        assertThat(expected).as("the first centre's first assessor has a long inbox").hasSizeGreaterThan(20);

        ResponseEntity<String> first = get("v0001a01", "/api/tasks?size=20");
        assertThat(first.getStatusCode().value()).isEqualTo(200);
        assertThat(first.getHeaders().getFirst("X-Total-Count")).isEqualTo(String.valueOf(expected.size()));
        assertThat(read(first)).hasSize(20);

        List<String> byClaim = new ArrayList<>();
        List<Long> claimOrder = new ArrayList<>();
        for (int page = 0; page * 20 < expected.size(); page++) {
            JsonNode tasks = read(get("v0001a01", "/api/tasks?size=20&sort=claim&page=" + page));
            tasks.forEach(t -> {
                assertThat(t.path("name").asText()).isEqualTo("AssessUnit");
                byClaim.add(t.path("claimId").asLong() + "/" + t.path("unit").asText());
                claimOrder.add(t.path("claimId").asLong());
            });
        }
        assertThat(byClaim).as("every page together: each task once").doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(claimOrder).isSorted();
        assertThat(read(get("v0001a01", "/api/tasks?size=20&page=" + (expected.size() / 20 + 1)))).isEmpty();
    }

    @Test
    void aCentresClaimsPageByPageAgreeWithWhatWasGenerated() {
        Map<String, Integer> expected = countBy("select c.status, count(*) from claim c join centre x "
                + "on x.id = c.centre_id where x.code = 'V0002' group by c.status");
        Map<String, Integer> seen = new TreeMap<>();
        List<Long> ids = new ArrayList<>();
        for (int page = 0; ; page++) {
            JsonNode claims = read(get("v0002p", "/api/claims?size=200&page=" + page));
            if (claims.isEmpty()) {
                break;
            }
            claims.forEach(c -> {
                seen.merge(c.path("status").asText(), 1, Integer::sum);
                ids.add(c.path("id").asLong());
            });
        }
        assertThat(seen).isEqualTo(expected);
        assertThat(ids).isSorted().doesNotHaveDuplicates();
        JsonNode certificated = read(get("v0002p", "/api/claims?status=CERTIFICATE_ISSUED&size=200"));
        assertThat(certificated).hasSize(Math.min(200, expected.get("CERTIFICATE_ISSUED")));
        assertThat(get("v0002p", "/api/claims/" + ids.get(0) + "/timeline").getStatusCode().value()).isEqualTo(200);
    }

    private ResponseEntity<String> get(String user, String path) {
        return http.withBasicAuth(user, "demo").getForEntity(URI.create("http://localhost:" + port + path), String.class);
    }

    private JsonNode read(ResponseEntity<String> response) {
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
        try {
            return json.readTree(response.getBody());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private Map<String, Integer> countBy(String sql) {
        Map<String, Integer> counts = new HashMap<>();
        jdbc.query(sql, rs -> { counts.put(rs.getString(1), rs.getInt(2)); });
        return new TreeMap<>(counts);
    }
}
