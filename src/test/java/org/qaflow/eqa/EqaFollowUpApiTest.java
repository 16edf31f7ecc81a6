package org.qaflow.eqa;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.qaflow.support.JourneyTestBase;
import org.qaflow.support.PageSession;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * EQA follow-up over the API: a draft kept across requests, the actual visit date, actions with owner and due date
 * that the centre answers and the EQA closes, each centre's visit history, the quality manager reading every visit,
 * and a sample drawn only from decisions since the last visit, adjustable with a reason. Uses RVT02 (never SUM03).
 */
class EqaFollowUpApiTest extends JourneyTestBase {

    private static final String CERTIFICATE = "610/3769/2";
    private static final String[] UNITS = {"L4B1", "L4B2", "L4C1", "L4C3", "L4S4"};

    /** A visit to RVT02 planned a week ahead, ready to conduct: its id. */
    private long plannedVisit() {
        JsonNode plan = visitToPlan("eqa", "RVT02");
        Response planned = complete("eqa", plan.get("id").asText(), Map.of("date", today().plusDays(7).toString()));
        assertThat(planned.status()).as(planned.raw()).isEqualTo(200);
        return plan.get("visitId").asLong();
    }

    private String conductTask() {
        return visitTask("eqa", "ConductVisit", "RVT02").orElseThrow().get("id").asText();
    }

    @Test
    void theDraftIsKeptTheActualDateRecordedAndActionsFollowedThroughByTheCentreAndTheEqa() {
        long visitId = plannedVisit();
        JsonNode sample = get("eqa", "/api/visits/" + visitId).body().get("sample");
        List<Map<String, Object>> findings = new ArrayList<>();
        sample.forEach(s -> findings.add(Map.of("sampleId", s.get("id").asLong(), "finding", "Mapped and sufficient")));

        Response badOwner = put("eqa", "/api/visits/" + visitId + "/draft", Map.of("actions", List.of(Map.of(
                "description", "Minute the standardisation meeting", "owner", "provider", "due",
                today().plusDays(30).toString()))));
        assertThat(badOwner.status()).as(badOwner.raw()).isEqualTo(400);
        assertThat(badOwner.detail()).contains("actions[0].owner").contains("not a person at the centre");

        Response draft = put("eqa", "/api/visits/" + visitId + "/draft", Map.of("outcome", "SATISFACTORY",
                "report", "Half-written: sampling plan seen", "findings", findings,
                "actions", List.of(Map.of("description", "Minute the standardisation meeting", "owner", "provider2",
                        "due", today().plusDays(30).toString()))));
        assertThat(draft.status()).as(draft.raw()).isEqualTo(200);
        JsonNode kept = get("eqa", "/api/visits/" + visitId).body();
        assertThat(kept.get("status").asText()).as("a draft does not complete the visit").isEqualTo("PLANNED");
        assertThat(kept.at("/draft/report").asText()).isEqualTo("Half-written: sampling plan seen");
        assertThat(kept.at("/draft/outcome").asText()).isEqualTo("SATISFACTORY");
        assertThat(kept.get("sample").findValuesAsText("finding")).allMatch("Mapped and sufficient"::equals);
        assertThat(kept.get("actions").findValuesAsText("owner")).containsExactly("provider2");
        JsonNode seenByCentre = get("provider2", "/api/visits/" + visitId).body();
        assertThat(seenByCentre.get("draft").isNull()).as("the centre never sees the EQA's draft").isTrue();
        assertThat(seenByCentre.get("actions").isNull()).as("nor actions still being written").isTrue();

        Response future = complete("eqa", conductTask(), Map.of("outcome", "SATISFACTORY", "report", "Done",
                "visitedOn", today().plusDays(1).toString()));
        assertThat(future.status()).as(future.raw()).isEqualTo(400);
        assertThat(future.detail()).contains("visitedOn").contains("in the future");

        Response noOwner = complete("eqa", conductTask(), Map.of("outcome", "SATISFACTORY", "report", "Done",
                "actions", List.of(Map.of("description", "Update the IQA plan", "due", today().plusDays(9).toString()))));
        assertThat(noOwner.status()).as(noOwner.raw()).isEqualTo(400);
        assertThat(noOwner.detail()).contains("actions[0].owner");

        Response done = complete("eqa", conductTask(), Map.of("outcome", "SATISFACTORY",
                "report", "Sampling plan followed", "visitedOn", today().minusDays(1).toString()));
        assertThat(done.status()).as(done.raw()).isEqualTo(200);
        JsonNode visit = get("provider2", "/api/visits/" + visitId).body();
        assertThat(visit.get("visitedOn").asText()).isEqualTo(today().minusDays(1).toString());
        assertThat(visit.get("report").asText()).isEqualTo("Sampling plan followed");
        assertThat(visit.get("sample").findValuesAsText("finding")).as("the draft's findings were completed")
                .allMatch("Mapped and sufficient"::equals);
        JsonNode action = visit.get("actions").get(0);
        assertThat(action.get("owner").asText()).isEqualTo("provider2");
        assertThat(action.get("due").asText()).isEqualTo(today().plusDays(30).toString());
        assertThat(action.get("status").asText()).isEqualTo("OPEN");
        assertThat(action.get("raisedBy").asText()).isEqualTo("eqa");
        long actionId = action.get("id").asLong();

        assertThat(get("provider2", "/api/actions").body().get("actions").findValuesAsText("id"))
                .contains(String.valueOf(actionId));
        assertThat(get("provider", "/api/actions").body().get("actions").findValuesAsText("id"))
                .as("another centre's provider does not see it").doesNotContain(String.valueOf(actionId));
        assertThat(get("provider", "/api/actions/" + actionId).status()).isEqualTo(403);
        assertThat(get("provider", "/api/visits/" + visitId).status()).isEqualTo(403);
        assertThat(post("provider", "/api/actions/" + actionId + "/response", Map.of("response", "Not ours"))
                .status()).isEqualTo(403);
        assertThat(post("assessor2", "/api/actions/" + actionId + "/response", Map.of("response", "Me?"))
                .status()).as("the centre's provider answers for it").isEqualTo(403);
        assertThat(post("provider2", "/api/actions/" + actionId + "/response", Map.of("response", " ")).status())
                .isEqualTo(400);

        Response responded = post("provider2", "/api/actions/" + actionId + "/response",
                Map.of("response", "Minutes now kept in the shared drive"));
        assertThat(responded.status()).as(responded.raw()).isEqualTo(200);
        assertThat(responded.body().get("status").asText()).isEqualTo("RESPONDED");
        assertThat(responded.body().get("respondedBy").asText()).isEqualTo("provider2");

        assertThat(get("eqa", "/api/actions/" + actionId).body().get("overdue").asBoolean()).isFalse();
        // A month passes (the due date moved back rather than the clock forward): the open action is overdue.
        jdbc.update("update eqa_action set due_on = ? where id = ?", today().minusDays(1), actionId);
        assertThat(get("provider2", "/api/actions/" + actionId).body().get("overdue").asBoolean()).isTrue();

        assertThat(get("eqa2", "/api/actions/" + actionId).status()).as("an EQA not appointed").isEqualTo(403);
        assertThat(post("eqa2", "/api/actions/" + actionId + "/close", Map.of("note", "Fine")).status())
                .isEqualTo(403);
        assertThat(post("provider2", "/api/actions/" + actionId + "/close", Map.of("note", "Done")).status())
                .as("the centre cannot close its own action").isEqualTo(403);
        Response noNote = post("eqa", "/api/actions/" + actionId + "/close", Map.of());
        assertThat(noNote.status()).isEqualTo(400);
        assertThat(noNote.detail()).contains("note");
        Response closed = post("eqa", "/api/actions/" + actionId + "/close", Map.of("note", "Minutes seen"));
        assertThat(closed.status()).as(closed.raw()).isEqualTo(200);
        assertThat(closed.body().get("status").asText()).isEqualTo("CLOSED");
        assertThat(jdbc.queryForMap("select closed_by, closing_note, is_open from eqa_action where id = ?", actionId))
                .containsEntry("CLOSED_BY", "eqa").containsEntry("CLOSING_NOTE", "Minutes seen")
                .containsEntry("IS_OPEN", false);
        Response reopened = post("eqa", "/api/actions/" + actionId + "/reopen", null);
        assertThat(reopened.status()).as(reopened.raw()).isEqualTo(200);
        assertThat(reopened.body().get("status").asText()).isEqualTo("RESPONDED");
        assertThat(reopened.body().get("reopenedBy").asText()).isEqualTo("eqa");
        assertThat(post("eqa", "/api/actions/" + actionId + "/close", Map.of("note", "Minutes seen again"))
                .status()).isEqualTo(200);

        // The visit history, for the quality manager and the centre; not for another centre.
        JsonNode history = get("qm", "/api/visits/history?centre=RVT02&size=200").body();
        assertThat(history.get("visits").findValuesAsText("id")).contains(String.valueOf(visitId));
        assertThat(history.get("visits").get(0).get("eqaName").asText()).startsWith("Elaine Quarshie");
        assertThat(get("provider2", "/api/visits/history?centre=RVT02").status()).isEqualTo(200);
        assertThat(get("provider", "/api/visits/history?centre=RVT02").status()).isEqualTo(403);
        assertThat(get("eqa2", "/api/visits/history?centre=RVT02").status()).isEqualTo(403);
        assertThat(get("qm", "/api/visits/history?centre=RVT02&size=0").status()).isEqualTo(400);
        assertThat(get("qm", "/api/visits/" + visitId).status()).as("the quality manager reads every visit")
                .isEqualTo(200);
    }

    @Test
    void theSampleIsDrawnFromDecisionsSinceTheLastVisitAndTheEqaAdjustsItWithAReason() throws Exception {
        if (visitTask("eqa", "ConductVisit", "RVT02").isPresent()) {
            eqaVisit("eqa", "RVT02", "SATISFACTORY");
        }
        long before = registered("provider2", CERTIFICATE, "assessor2", UNITS);
        assessAndSignOff("assessor2", before, "L4B1");
        long neverAssessed = registered("provider2", CERTIFICATE, "assessor2", UNITS);
        plannedVisit();
        eqaVisit("eqa", "RVT02", "SATISFACTORY");

        long since = registered("provider2", CERTIFICATE, "assessor2", UNITS);
        assessAndSignOff("assessor2", since, "L4B1");
        long visitId = plannedVisit();
        JsonNode sample = get("eqa", "/api/visits/" + visitId).body().get("sample");
        List<String> sampled = sample.findValuesAsText("claimId");
        assertThat(sampled).as("assessed since the last visit").contains(String.valueOf(since))
                .as("assessed before the last visit, which saw it").doesNotContain(String.valueOf(before))
                .as("nothing assessed, nothing to sample").doesNotContain(String.valueOf(neverAssessed));

        Response nothing = post("eqa", "/api/visits/" + visitId + "/sample",
                Map.of("claimId", neverAssessed, "reason", "Curious"));
        assertThat(nothing.status()).as(nothing.raw()).isEqualTo(400);
        assertThat(nothing.detail()).contains("nothing assessed");
        assertThat(post("eqa", "/api/visits/" + visitId + "/sample", Map.of("claimId", before)).status())
                .as("a reason is required").isEqualTo(400);
        assertThat(post("eqa2", "/api/visits/" + visitId + "/sample",
                Map.of("claimId", before, "reason", "Not mine")).status()).isEqualTo(403);
        Response added = post("eqa", "/api/visits/" + visitId + "/sample",
                Map.of("claimId", before, "reason", "Complaint from the learner about feedback"));
        assertThat(added.status()).as(added.raw()).isEqualTo(200);
        JsonNode addedItem = itemFor(added.body(), before);
        assertThat(addedItem.get("addedBy").asText()).isEqualTo("eqa");
        assertThat(addedItem.get("addedReason").asText()).isEqualTo("Complaint from the learner about feedback");

        long sinceItem = itemFor(added.body(), since).get("id").asLong();
        assertThat(post("eqa", "/api/visits/" + visitId + "/sample/" + sinceItem + "/removal", Map.of("reason", ""))
                .status()).isEqualTo(400);
        Response removed = post("eqa", "/api/visits/" + visitId + "/sample/" + sinceItem + "/removal",
                Map.of("reason", "Learner on long-term sick leave; evidence not available"));
        assertThat(removed.status()).as(removed.raw()).isEqualTo(200);
        JsonNode removedItem = null;
        for (JsonNode item : removed.body().get("sample")) {
            if (item.get("id").asLong() == sinceItem) {
                removedItem = item;
            }
        }
        assertThat(removedItem).as("the removed item stays on the record").isNotNull();
        assertThat(removedItem.get("removed").asBoolean()).isTrue();
        assertThat(removedItem.get("removedReason").asText()).contains("long-term sick leave");
        assertThat(complete("eqa", conductTask(), Map.of("outcome", "SATISFACTORY", "report", "Adjusted sample",
                "findings", List.of(Map.of("sampleId", sinceItem, "finding", "x")))).status())
                .as("no finding for an item taken out of the sample").isEqualTo(400);
        assertThat(complete("eqa", conductTask(), Map.of("outcome", "SATISFACTORY", "report", "Adjusted sample"))
                .status()).isEqualTo(200);

        // The report shows the change and why, to the quality manager, who reads any centre's report.
        PageSession qm = PageSession.loggedIn(port, "qm");
        var report = qm.get("/visits/" + visitId + "/report");
        assertThat(report.statusCode()).isEqualTo(200);
        assertThat(report.body()).contains(PageSession.escaped("Complaint from the learner about feedback"))
                .contains(PageSession.escaped("Learner on long-term sick leave; evidence not available"));
        assertThat(qm.get("/visits/" + visitId).statusCode()).isEqualTo(200);
        assertThat(qm.get("/visits/centres/RVT02").body()).contains("Visit " + visitId);
    }

    private static JsonNode itemFor(JsonNode visit, long claimId) {
        for (JsonNode item : visit.get("sample")) {
            if (item.get("claimId").asLong() == claimId && !item.get("removed").asBoolean()) {
                return item;
            }
        }
        throw new AssertionError("claim " + claimId + " is not in the sample: " + visit.get("sample"));
    }
}
