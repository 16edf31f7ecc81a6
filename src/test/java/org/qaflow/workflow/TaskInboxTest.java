package org.qaflow.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.qaflow.security.AppUserRepository;
import org.qaflow.support.ApiTestBase;
import org.qaflow.support.Node;
import org.qaflow.support.TestDatabase;
import org.qaflow.support.TestHttp;
import org.qaflow.task.Tasks;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "My tasks" comes from qaflow's task inbox with database paging: with thousands of open tasks a user gets the right
 * page, count and order, and what each user sees is exactly what the engine offers them (held by them, or offered to
 * them or their group while nobody holds it, never when excluded), through claims, completions, referrals, and a
 * restart on a database whose inbox was lost (as from a qaflow before the inbox).
 */
class TaskInboxTest {

    /** Eleven units, so eleven assessment tasks per registration. */
    private static final String APPRENTICESHIP = "610/3771/0";
    private static final String ACUMEN_AWARD = "610/3751/5";
    private static final int CLAIMS = 200;
    private static final List<String> USERS = List.of("assessor", "bcarter", "iqa", "ohaddad", "eqa", "eqa2",
            "assessor2", "iqa2", "provider", "qm");

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void myTasksArePagedCountedAndOrderedByTheDatabaseAndAgreeWithTheEngineThroughARestart() throws Exception {
        TestDatabase database = TestDatabase.create("task-inbox");
        long referredClaim;
        try (Node node = Node.start(database, "inbox")) {
            long before = total(node, "assessor");
            List<Long> claims = new ArrayList<>();
            for (int i = 0; i < CLAIMS; i++) {
                claims.add(node.register("provider", String.valueOf(7_100_000_000L + i), APPRENTICESHIP, "assessor"));
            }
            long mine = total(node, "assessor");
            assertThat(mine).isEqualTo(before + CLAIMS * 11L);

            // Every page, oldest first: together they are the whole inbox, once each, in registration order.
            List<JsonNode> all = new ArrayList<>();
            for (int page = 0; ; page++) {
                JsonNode body = node.ok("assessor", HttpMethod.GET, "/api/tasks?size=200&page=" + page, null);
                if (body.isEmpty()) {
                    break;
                }
                assertThat(body.size()).isLessThanOrEqualTo(200);
                body.forEach(all::add);
            }
            assertThat(all).hasSize((int) mine);
            assertThat(all.stream().map(t -> t.get("id").asText()).distinct().count()).isEqualTo(mine);
            List<Long> claimOrder = all.stream().filter(t -> t.get("claimId").asLong() >= claims.get(0))
                    .map(t -> t.get("claimId").asLong()).toList();
            assertThat(claimOrder).hasSize(CLAIMS * 11).isSorted();
            assertThat(all.get(all.size() - 1).get("claimId").asLong()).isEqualTo(claims.get(CLAIMS - 1));

            JsonNode page3 = node.ok("assessor", HttpMethod.GET, "/api/tasks?size=7&page=3", null);
            assertThat(ids(page3)).containsExactlyElementsOf(all.subList(21, 28).stream()
                    .map(t -> t.get("id").asText()).toList());
            JsonNode newest = node.ok("assessor", HttpMethod.GET, "/api/tasks?size=11&sort=claim,desc", null);
            assertThat(newest.findValuesAsText("claimId")).containsOnly(String.valueOf(claims.get(CLAIMS - 1)));
            assertThat(newest.get(0).get("unit").asText()).isNotBlank();
            assertThat(newest.get(0).get("learner").asText()).startsWith("Nora Node");
            assertThat(newest.get(0).get("centre").asText()).isEqualTo("NSA01");
            ApiTestBase.Response badSort = node.call("assessor", HttpMethod.GET, "/api/tasks?sort=owner", null);
            assertThat(badSort.status()).isEqualTo(400);
            assertThat(badSort.detail()).contains("sort").contains("owner");
            assertThat(node.call("assessor", HttpMethod.GET, "/api/tasks?page=" + (mine / 50 + 5), null).body())
                    .isEmpty();
            assertAgreesWithTheEngine(node);

            // A completion: the assessor signs one unit off; its task leaves the inbox.
            long first = claims.get(0);
            String unitRef = newest.get(0).get("unit").asText();
            node.recordAllEvidence("assessor", first, unitRef);
            node.ok("assessor", HttpMethod.POST, "/api/claims/" + first + "/sign-off",
                    Map.of("units", List.of(unitRef)));
            assertThat(total(node, "assessor")).isEqualTo(mine - 1);

            // Ben Carter works towards his award: his decision is always sampled, and never his to verify.
            referredClaim = node.register("provider", "7100999999", ACUMEN_AWARD, "bcarter");
            node.recordAllEvidence("bcarter", referredClaim, "L4B1");
            node.ok("bcarter", HttpMethod.POST, "/api/claims/" + referredClaim + "/sign-off", Map.of());
            String verify = node.task("iqa", "VerifyDecision", referredClaim).orElseThrow().get("id").asText();
            assertThat(node.task("ohaddad", "VerifyDecision", referredClaim)).isPresent();
            assertThat(node.task("bcarter", "VerifyDecision", referredClaim)).isEmpty();
            assertAgreesWithTheEngine(node);

            // A claim: the IQA takes it, and it leaves a colleague's inbox.
            node.ok("iqa", HttpMethod.POST, "/api/tasks/" + verify + "/claim", null);
            assertThat(node.task("iqa", "VerifyDecision", referredClaim).orElseThrow().get("owner").asText())
                    .isEqualTo("iqa");
            assertThat(node.task("ohaddad", "VerifyDecision", referredClaim)).isEmpty();
            assertAgreesWithTheEngine(node);

            // A referral: the unit goes back to the assessor.
            node.ok("iqa", HttpMethod.POST, "/api/tasks/" + verify + "/complete",
                    Map.of("decision", "REFER", "reason", "Evidence for 2.2 is not the learner's own"));
            assertThat(node.task("iqa", "VerifyDecision", referredClaim)).isEmpty();
            assertThat(node.task("bcarter", "AssessUnit", referredClaim)).isPresent();
            assertAgreesWithTheEngine(node);

            // As if the database came from a qaflow before the inbox, or the inbox had gone astray.
            node.jdbc().update("delete from task_inbox");
            node.jdbc().update("insert into task_inbox (task_id, task_name, name_in_words, status, created_at) "
                    + "values ('gone', 'AssessUnit', 'Assess the unit', 'Ready', current_timestamp)");
        }
        try (Node node = Node.start(database, "inbox-after-restart")) {
            assertAgreesWithTheEngine(node);
            assertThat(node.jdbc().queryForObject("select count(*) from task_inbox where task_id = 'gone'",
                    Integer.class)).isZero();
            assertThat(total(node, "assessor")).isGreaterThanOrEqualTo(CLAIMS * 11L - 1);
            String resubmit = node.task("bcarter", "AssessUnit", referredClaim).orElseThrow().get("id").asText();
            assertThat(resubmit).isNotBlank();
            node.ok("bcarter", HttpMethod.POST, "/api/claims/" + referredClaim + "/sign-off", Map.of());
            assertThat(node.task("bcarter", "AssessUnit", referredClaim)).isEmpty();
            assertThat(node.task("iqa", "VerifyDecision", referredClaim)).isPresent();
            assertAgreesWithTheEngine(node);
        }
    }

    /**
     * The inbox holds exactly the engine's open tasks, with their owners and status, and each user's inbox (every page
     * of it) is what the engine offers that user.
     */
    private void assertAgreesWithTheEngine(Node node) throws Exception {
        // The engine's own task store, read as it stands (its parties are plain rows; only inputs are serialized).
        Map<String, EngineTask> open = new HashMap<>();
        node.jdbc().query("select id, actual_owner, status from jbpm_user_tasks where termination_type is null",
                rs -> {
                    open.put(rs.getString(1), new EngineTask(rs.getString(2), rs.getString(3), new HashSet<>(),
                            new HashSet<>(), new HashSet<>()));
                });
        party(node, "select task_id, user_id from jbpm_user_tasks_potential_users", open, EngineTask::users);
        party(node, "select task_id, group_id from jbpm_user_tasks_potential_groups", open, EngineTask::groups);
        party(node, "select task_id, user_id from jbpm_user_tasks_excluded_users", open, EngineTask::excluded);
        Map<String, String> engineOwners = new HashMap<>();
        open.forEach((id, t) -> engineOwners.put(id, t.owner() + "/" + t.status()));
        Map<String, String> inboxOwners = new HashMap<>();
        node.jdbc().query("select task_id, owner, status from task_inbox", rs -> {
            inboxOwners.put(rs.getString(1), rs.getString(2) + "/" + rs.getString(3));
        });
        assertThat(inboxOwners).isEqualTo(engineOwners);

        Tasks tasks = node.bean(Tasks.class);
        AppUserRepository users = node.bean(AppUserRepository.class);
        TransactionTemplate tx = new TransactionTemplate(node.bean(PlatformTransactionManager.class));
        for (String username : USERS) {
            Set<String> groups = new HashSet<>(tx.execute(s -> tasks.groupsOf(users.findById(username).orElseThrow())));
            Set<String> expected = new TreeSet<>();
            open.forEach((id, t) -> {
                if (offeredTo(t, username, groups)) {
                    expected.add(id);
                }
            });
            assertThat(allPages(node, username)).as("the inbox of " + username).isEqualTo(expected);
        }
    }

    private record EngineTask(String owner, String status, Set<String> users, Set<String> groups,
                              Set<String> excluded) {
    }

    private static void party(Node node, String sql, Map<String, EngineTask> open,
                              java.util.function.Function<EngineTask, Set<String>> which) {
        node.jdbc().query(sql, rs -> {
            EngineTask task = open.get(rs.getString(1));
            if (task != null) {
                which.apply(task).add(rs.getString(2));
            }
        });
    }

    /** The engine's rule, as qaflow applies it: held by me, or offered to me or my group and not yet held. */
    private static boolean offeredTo(EngineTask t, String user, Set<String> groups) {
        if (t.excluded().contains(user)) {
            return false;
        }
        if (t.owner() != null) {
            return t.owner().equals(user);
        }
        return t.users().contains(user) || t.groups().stream().anyMatch(groups::contains);
    }

    private Set<String> allPages(Node node, String user) {
        Set<String> ids = new TreeSet<>();
        for (int page = 0; ; page++) {
            JsonNode body = node.ok(user, HttpMethod.GET, "/api/tasks?size=200&page=" + page, null);
            if (body.isEmpty()) {
                return ids;
            }
            ids.addAll(ids(body));
        }
    }

    private static List<String> ids(JsonNode tasks) {
        List<String> ids = new ArrayList<>();
        tasks.forEach(t -> ids.add(t.get("id").asText()));
        return ids;
    }

    /** The count the API gives beside the first page. */
    private long total(Node node, String user) throws Exception {
        int port = Integer.parseInt(node.bean(org.springframework.core.env.Environment.class)
                .getProperty("local.server.port"));
        HttpHeaders headers = new HttpHeaders();
        headers.setAccept(List.of(MediaType.APPLICATION_JSON));
        ResponseEntity<String> response = TestHttp.client().withBasicAuth(user, ApiTestBase.PASSWORD)
                .exchange(URI.create("http://localhost:" + port + "/api/tasks?size=1"), HttpMethod.GET,
                        new HttpEntity<>(headers), String.class);
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(200);
        long count = Long.parseLong(response.getHeaders().getFirst("X-Total-Count"));
        assertThat(json.readTree(response.getBody()).size()).isEqualTo(count == 0 ? 0 : 1);
        return count;
    }
}
