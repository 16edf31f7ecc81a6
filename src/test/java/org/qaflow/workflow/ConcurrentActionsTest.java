package org.qaflow.workflow;

import org.junit.jupiter.api.Test;
import org.qaflow.support.JourneyTestBase;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.*;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many people (or one impatient person) doing the same thing at the same moment: exactly one of them succeeds, the
 * others are told why with a 409, nobody gets a 500 and nothing is recorded twice.
 */
class ConcurrentActionsTest extends JourneyTestBase {

    private static final int AT_ONCE = 20;
    private static final String ACUMEN_AWARD = "610/3751/5";
    private static final String CUSTOMER_FOCUS_AWARD = "610/3764/3";

    @Test
    void twentySignOffsOfOneUnitAtOnceSignItOffOnce() throws Exception {
        long claimId = registered("provider", ACUMEN_AWARD, "bcarter");
        recordAllEvidence("bcarter", claimId, "L4B1");

        List<Response> answers = atOnce(i -> post("bcarter", "/api/claims/" + claimId + "/sign-off",
                Map.of("units", List.of("L4B1"))));

        assertOneWinner(answers, 200);
        assertThat(answers).filteredOn(r -> r.status() == 409).allSatisfy(r ->
                assertThat(r.detail()).contains("L4B1").contains("not with the assessor now"));
        assertThat(jdbc.queryForObject("select count(*) from assessment_decision d join claim_unit u "
                + "on u.id = d.claim_unit_id where u.claim_id = ?", Integer.class, claimId)).isEqualTo(1);
    }

    @Test
    void twentyVerdictsOnOneSampleAtOnceRecordOneVerdict() throws Exception {
        // Ben Carter works towards his assessor award: every decision of his is sampled, offered to NSA01's IQAs.
        long claimId = registered("provider", ACUMEN_AWARD, "bcarter");
        assessAndSignOff("bcarter", claimId, "L4B1");
        String taskId = task("iqa", "VerifyDecision", claimId).orElseThrow().get("id").asText();

        List<Response> answers = atOnce(i -> complete(i % 2 == 0 ? "iqa" : "ohaddad", taskId,
                Map.of("decision", "ACCEPT")));

        assertOneWinner(answers, 200);
        assertThat(jdbc.queryForObject("select count(*) from claim_event where claim_id = ? and what = ?",
                Integer.class, claimId, "IQA accepted the assessment decision")).isEqualTo(1);
    }

    @Test
    void twentyClaimsOfOneTaskAtOnceGiveItToOnePerson() throws Exception {
        long claimId = registered("provider", ACUMEN_AWARD, "bcarter");
        assessAndSignOff("bcarter", claimId, "L4B1");
        String taskId = task("iqa", "VerifyDecision", claimId).orElseThrow().get("id").asText();

        List<Response> answers = atOnce(i -> post(i % 2 == 0 ? "iqa" : "ohaddad", "/api/tasks/" + taskId + "/claim",
                null));

        // The winner's own second claim is harmless (it is theirs already); every other claimant is told who holds it.
        assertThat(answers).extracting(Response::status).doesNotContain(500).containsOnly(200, 409);
        String winner = jdbc.queryForObject("select actual_owner from jbpm_user_tasks where id = ?", String.class,
                taskId);
        assertThat(answers).filteredOn(r -> r.status() == 409).isNotEmpty()
                .allSatisfy(r -> assertThat(r.detail()).contains(winner + " has claimed it"));
    }

    @Test
    void twentyVisitOpeningsForOneCentreAtOnceOpenOneVisit() throws Exception {
        String code = "RACE" + (System.nanoTime() % 100_000);
        jdbc.update("insert into centre (code, name, direct_claim_status, risk_rating, eqa_username) "
                + "values (?, 'Race College', false, 'LOW', 'eqa2')", code);

        List<Response> answers = atOnce(i -> post("eqa2", "/api/visits", Map.of("centre", code)));

        assertOneWinner(answers, 201);
        assertThat(answers).filteredOn(r -> r.status() == 409).allSatisfy(r ->
                assertThat(r.detail()).contains(code + " already has an EQA visit open"));
        assertThat(jdbc.queryForObject("select count(*) from eqa_visit v join centre c on c.id = v.centre_id "
                + "where c.code = ?", Integer.class, code)).isEqualTo(1);
        assertThat(visitTask("eqa2", "PlanVisit", code)).isPresent();
    }

    @Test
    void twentyRegistrationsOfOneLearnerAtOnceRegisterThemOnce() throws Exception {
        String uln = newUln();

        List<Response> answers = atOnce(i -> register("provider", uln, ACUMEN_AWARD, "bcarter"));

        assertOneWinner(answers, 201);
        assertThat(answers).filteredOn(r -> r.status() == 409).allSatisfy(r ->
                assertThat(r.detail()).contains("already registered"));
        assertThat(jdbc.queryForObject("select count(*) from claim c join learner l on l.id = c.learner_id "
                + "where l.uln = ?", Integer.class, uln)).isEqualTo(1);
    }

    @Test
    void aNewLearnerRegisteredOnTwoQualificationsAtOnceGetsBothAndOneRecord() throws Exception {
        String uln = newUln();

        // Half ask for one award, half for another: the first of each is registered, the same learner record serving
        // both; the rest are told the learner is already registered on that award.
        List<Response> answers = atOnce(i -> register("provider", uln, i % 2 == 0 ? ACUMEN_AWARD : CUSTOMER_FOCUS_AWARD,
                "assessor"));

        assertThat(answers).as("every answer").allSatisfy(r -> assertThat(r.status()).as(r.raw()).isIn(201, 409));
        assertThat(answers).filteredOn(r -> r.status() == 201).as("winners").hasSize(2);
        assertThat(answers).filteredOn(r -> r.status() == 409).allSatisfy(r ->
                assertThat(r.detail()).contains("already registered"));
        assertThat(jdbc.queryForList("select c.qan from claim c join learner l on l.id = c.learner_id "
                + "where l.uln = ? order by c.qan", String.class, uln)).containsExactly(ACUMEN_AWARD,
                CUSTOMER_FOCUS_AWARD);
        assertThat(jdbc.queryForObject("select count(*) from learner where uln = ?", Integer.class, uln)).isEqualTo(1);
    }

    private static void assertOneWinner(List<Response> answers, int won) {
        assertThat(answers).as("every answer").allSatisfy(r -> assertThat(r.status()).as(r.raw()).isIn(won, 409));
        assertThat(answers).filteredOn(r -> r.status() == won).as("winners").hasSize(1);
    }

    /** The same request from AT_ONCE threads released together. */
    private static List<Response> atOnce(IntFunction<Response> request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(AT_ONCE);
        try {
            CyclicBarrier together = new CyclicBarrier(AT_ONCE);
            List<Future<Response>> futures = new ArrayList<>();
            for (int i = 0; i < AT_ONCE; i++) {
                int n = i;
                futures.add(pool.submit(() -> {
                    together.await();
                    return request.apply(n);
                }));
            }
            List<Response> answers = new ArrayList<>();
            for (Future<Response> f : futures) {
                answers.add(f.get(120, TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }
}
