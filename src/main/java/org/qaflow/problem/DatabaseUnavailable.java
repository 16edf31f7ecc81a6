package org.qaflow.problem;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * Recognises "the database went away" however deep the process engine or Hibernate wrapped it: connection failures
 * (SQLState class 08), a server shutting down or terminating the session (57P), an exhausted or unreachable pool.
 */
public final class DatabaseUnavailable {

    public static final String DETAIL = "The database is not available just now, so nothing was saved: please try "
            + "again in a few seconds.";

    private DatabaseUnavailable() {
    }

    public static boolean causedBy(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof CannotCreateTransactionException || t instanceof DataAccessResourceFailureException
                    || t instanceof TransientDataAccessResourceException
                    || t instanceof SQLTransientConnectionException
                    || t instanceof org.hibernate.exception.JDBCConnectionException
                    // A rollback or commit that fails against the connection: the connection is gone (the error that
                    // cut it is lost by then: the pool has already closed it).
                    || (t instanceof org.hibernate.TransactionException
                        && String.valueOf(t.getMessage()).contains("JDBC Connection"))) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }
}
