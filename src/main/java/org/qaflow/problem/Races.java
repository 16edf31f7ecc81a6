package org.qaflow.problem;

import org.kie.kogito.internal.process.workitem.WorkItemNotFoundException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import java.util.Optional;

/**
 * Failures that mean a request lost a race, or gave the database a value it refuses: what the API and the pages both
 * answer for them, so that a lost race is a 409 (and a refused value a 400) whichever way it came in, never a 500.
 */
public final class Races {

    private Races() {
    }

    public static Optional<ProblemDetail> describe(Throwable e) {
        if (e instanceof DataIntegrityViolationException refused) {
            return Optional.of(refusedByDatabase(refused));
        }
        if (e instanceof OptimisticLockingFailureException || e instanceof PessimisticLockingFailureException
                || e instanceof WorkItemNotFoundException) {
            return Optional.of(changedMeanwhile());
        }
        return Optional.empty();
    }

    /**
     * A duplicate (SQL state 23505, on H2 and PostgreSQL alike) usually means someone else saved the same thing a
     * moment earlier: a 409. Anything else (too long for its column) is the caller's input: a 400.
     */
    static ProblemDetail refusedByDatabase(DataIntegrityViolationException e) {
        if (sqlState(e).equals("23505")) {
            return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "The record was not saved: it duplicates one "
                    + "saved meanwhile (perhaps by someone else at the same moment). Nothing was changed; reload to see it.");
        }
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The record was not saved: a value is too long "
                + "or conflicts with an existing record. Nothing was changed.");
    }

    /** Two people changed the same thing at once and this request lost: nothing of it was kept. */
    static ProblemDetail changedMeanwhile() {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, "Someone else changed the same record at the "
                + "same moment, so nothing of this request was kept. Reload to see what is there now, then try again "
                + "if it still applies.");
    }

    private static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return "";
    }
}
