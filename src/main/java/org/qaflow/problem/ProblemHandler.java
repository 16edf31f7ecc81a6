package org.qaflow.problem;

import org.kie.kogito.internal.process.workitem.WorkItemNotFoundException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.util.stream.Collectors;

/**
 * Every API error in one shape: RFC 7807 problem details, with a detail a user can act on. Extends Spring's handler
 * so that its own exceptions (unsupported method, missing parameter, ...) come out in the same shape.
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException e) {
        return problem(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(BadRequestException.class)
    ProblemDetail badRequest(BadRequestException e) {
        return problem(HttpStatus.BAD_REQUEST, e.getMessage());
    }

    @ExceptionHandler(ConflictException.class)
    ProblemDetail conflict(ConflictException e) {
        return problem(HttpStatus.CONFLICT, e.getMessage());
    }

    @ExceptionHandler(AccessDeniedException.class)
    ProblemDetail forbidden(AccessDeniedException e) {
        return problem(HttpStatus.FORBIDDEN, e.getMessage());
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        String detail = e.getBindingResult().getFieldErrors().stream()
                .map(f -> f.getField() + ": " + f.getDefaultMessage())
                .collect(Collectors.joining("; "));
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST,
                detail.isEmpty() ? "The request body is invalid" : detail));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        String cause = e.getMostSpecificCause().getMessage();
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST,
                "The request body is not valid JSON for this call: "
                        + (cause == null ? "unreadable" : cause.lines().findFirst().orElse(cause))));
    }

    /**
     * A value the database refuses. A duplicate (SQL state 23505, on H2 and PostgreSQL alike) usually means someone
     * else saved the same thing a moment earlier: a 409. Anything else (too long for its column) is the caller's
     * input: a 400. Never a 500.
     */
    @ExceptionHandler(DataIntegrityViolationException.class)
    ProblemDetail refusedByDatabase(DataIntegrityViolationException e) {
        if (sqlState(e).equals("23505")) {
            return problem(HttpStatus.CONFLICT, "The record was not saved: it duplicates one saved meanwhile (perhaps "
                    + "by someone else at the same moment). Nothing was changed; reload to see it.");
        }
        return problem(HttpStatus.BAD_REQUEST, "The record was not saved: a value is too long or conflicts with an "
                + "existing record. Nothing was changed.");
    }

    /** Two people changed the same thing at once and this request lost: nothing of it was kept. */
    @ExceptionHandler({OptimisticLockingFailureException.class, PessimisticLockingFailureException.class,
            WorkItemNotFoundException.class})
    ProblemDetail changedMeanwhile(RuntimeException e) {
        return problem(HttpStatus.CONFLICT, "Someone else changed the same record at the same moment, so nothing of "
                + "this request was kept. Reload to see what is there now, then try again if it still applies.");
    }

    private static String sqlState(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return "";
    }

    /**
     * The database is unreachable (restarting, connections cut, pool exhausted): whatever the request did was rolled
     * back, so the caller may simply try again. Every other unexpected error stays a 500.
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) throws Exception {
        if (e instanceof ErrorResponse known) {
            return ResponseEntity.status(known.getStatusCode()).headers(known.getHeaders()).body(known.getBody());
        }
        if (!DatabaseUnavailable.causedBy(e)) {
            throw e;
        }
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header("Retry-After", "10")
                .body(problem(HttpStatus.SERVICE_UNAVAILABLE, DatabaseUnavailable.DETAIL));
    }

    private static ProblemDetail problem(HttpStatus status, String detail) {
        return ProblemDetail.forStatusAndDetail(status, detail);
    }
}
