package org.qaflow.audit;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Arrays;
import java.util.List;

/**
 * The audit trail: every claim timeline entry (who did what, when, under which rule set), for the quality manager
 * to take away as CSV. The trail is append-only (docs/audit-trail.md): the application has no way to change or
 * delete an entry, and the database refuses to, until three years after the learner completed.
 */
@RestController
@RequestMapping("/api/audit")
@Tag(name = "Audit trail", description = "Who did what and when, for every claim")
public class AuditController {

    private static final List<String> COLUMNS = List.of("event", "occurred_at", "claim", "centre", "learner_uln",
            "learner", "qualification", "unit", "actor", "what", "detail", "rule_set_version");

    private final JdbcTemplate jdbc;

    public AuditController(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping("/claim-events.csv")
    @PreAuthorize("hasRole('QUALITY_MANAGER')")
    @Transactional(readOnly = true)
    @Operation(summary = "Every claim timeline entry as CSV, oldest first (quality managers only)")
    public void claimEvents(HttpServletResponse response) throws IOException {
        response.setContentType("text/csv;charset=UTF-8");
        response.setHeader("Content-Disposition", "attachment; filename=\"qaflow-audit-trail.csv\"");
        Writer out = response.getWriter();
        out.write(CsvCells.row(COLUMNS));
        jdbc.query("select e.id, e.occurred_at, e.claim_id, c2.code, l.uln, l.first_name || ' ' || l.last_name, c.qan,"
                + " e.unit_ref, e.actor, e.what, e.detail, e.rule_set_version from claim_event e"
                + " join claim c on c.id = e.claim_id join learner l on l.id = c.learner_id"
                + " join centre c2 on c2.id = c.centre_id order by e.id", rs -> {
                    Object[] row = new Object[COLUMNS.size()];
                    for (int i = 0; i < row.length; i++) {
                        row[i] = rs.getObject(i + 1);
                    }
                    try {
                        out.write(CsvCells.row(Arrays.asList(row)));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
        out.flush();
    }
}
