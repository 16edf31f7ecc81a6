package org.qaflow.audit;

import org.h2.api.Trigger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;

/**
 * H2's guard on claim_event (the PostgreSQL one is a PL/pgSQL trigger, db/vendor/postgresql): no entry is ever
 * changed, and none is deleted until three years after its learner completed (the certificate was issued).
 */
public class AppendOnlyTrigger implements Trigger {

    /** The specification's retention rule: records are kept at least three years after the learner completes. */
    static final int RETENTION_YEARS = 3;

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        // claim_event columns in table order: id, claim_id, ...
        Object id = oldRow[0];
        if (newRow == null && completedBeforeRetention(conn, ((Number) oldRow[1]).longValue())) {
            return;
        }
        throw new SQLException("claim_event is append-only: " + (newRow == null ? "DELETE" : "UPDATE") + " of event "
                + id + " refused (kept until " + RETENTION_YEARS + " years after the learner completes)", "42501");
    }

    private static boolean completedBeforeRetention(Connection conn, long claimId) throws SQLException {
        try (PreparedStatement query = conn.prepareStatement(
                "select certificate_issued_at from claim where id = ?")) {
            query.setLong(1, claimId);
            try (ResultSet rs = query.executeQuery()) {
                Timestamp completed = rs.next() ? rs.getTimestamp(1) : null;
                return completed != null
                        && completed.toLocalDateTime().isBefore(LocalDateTime.now().minusYears(RETENTION_YEARS));
            }
        }
    }
}
