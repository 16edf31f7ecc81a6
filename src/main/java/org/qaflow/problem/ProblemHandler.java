package org.qaflow.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.validation.ConstraintViolationException;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
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
import org.springframework.validation.FieldError;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
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
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, e.getMessage());
        if (e instanceof FieldProblems several) {
            problem.setProperty("errors", several.errors());
        }
        return problem;
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
                .sorted()
                .collect(Collectors.joining("; "));
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST,
                detail.isEmpty() ? "The request body is invalid" : detail));
    }

    /**
     * A body that cannot be read as this call's JSON: which field, and what it should hold. A body cut off by the size
     * limit while it was being read (chunked, so no length was declared) is a 413.
     */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        RequestTooLarge tooLarge = RequestTooLarge.in(e);
        if (tooLarge != null) {
            return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).header(HttpHeaders.CONNECTION, "close")
                    .body(problem(HttpStatus.PAYLOAD_TOO_LARGE, tooLarge.getMessage()));
        }
        if (e.getCause() instanceof JsonProcessingException json) {
            return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, JsonProblems.describe(json)));
        }
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST, e.getCause() == null
                ? "The request body is missing: this call needs a JSON body"
                : "The request body is not valid JSON for this call"));
    }

    @org.springframework.beans.factory.annotation.Value("${qaflow.evidence.max-file-size:50MB}")
    private org.springframework.util.unit.DataSize maxFileSize;

    /** A file over the multipart limit (the evidence file limit): how big a file may be, not Spring's bare words. */
    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(
            org.springframework.web.multipart.MaxUploadSizeExceededException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).header(HttpHeaders.CONNECTION, "close")
                .body(problem(HttpStatus.PAYLOAD_TOO_LARGE, tooLarge(maxFileSize.toBytes())));
    }

    /** Says the limit in bytes and MB (the container's own refusal does not carry it); for the error page too. */
    public static String tooLarge(long maxFileBytes) {
        return "The file is larger than " + maxFileBytes + " bytes (" + maxFileBytes / (1024 * 1024) + " MB), the most "
                + "qaflow accepts for one file (qaflow.evidence.max-file-size)";
    }

    /** A query or path parameter of the wrong kind ("?status=DONE"): its name and, for a choice, the values there are. */
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException e, HttpHeaders headers,
                                                        HttpStatusCode status, WebRequest request) {
        String name = e.getPropertyName() == null ? "parameter" : e.getPropertyName();
        String expected = e.getRequiredType() == null ? "a value of another kind"
                : JsonProblems.expected(e.getRequiredType());
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST,
                name + ": '" + e.getValue() + "' is not " + expected));
    }

    /** Constraints on parameters and list elements ("[2].location: ..."), checked by Spring's method validation. */
    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
                                                                            HttpHeaders headers,
                                                                            HttpStatusCode status,
                                                                            WebRequest request) {
        List<String> problems = new ArrayList<>();
        for (ParameterValidationResult result : e.getParameterValidationResults()) {
            String where = result.getContainerIndex() != null ? "[" + result.getContainerIndex() + "]"
                    : result.getContainerKey() != null ? "[" + result.getContainerKey() + "]"
                    : result.getMethodParameter().getParameterName();
            for (MessageSourceResolvable error : result.getResolvableErrors()) {
                String field = error instanceof FieldError f ? f.getField() : null;
                problems.add((field == null ? where : where == null ? field : where + "." + field) + ": "
                        + error.getDefaultMessage());
            }
        }
        Collections.sort(problems);
        return ResponseEntity.badRequest().body(problem(HttpStatus.BAD_REQUEST,
                problems.isEmpty() ? "The request is invalid" : String.join("; ", problems)));
    }

    /** Values checked by Bean Validation outside Spring MVC's own binding (task completion bodies, uploads). */
    @ExceptionHandler(ConstraintViolationException.class)
    ProblemDetail invalid(ConstraintViolationException e) {
        return problem(HttpStatus.BAD_REQUEST, Violations.describe(e.getConstraintViolations()));
    }

    /** A value the database refuses: a 409 for a duplicate saved meanwhile, a 400 for the caller's input (Races). */
    @ExceptionHandler(DataIntegrityViolationException.class)
    ProblemDetail refusedByDatabase(DataIntegrityViolationException e) {
        return Races.refusedByDatabase(e);
    }

    /** Two people changed the same thing at once and this request lost: nothing of it was kept. */
    @ExceptionHandler({OptimisticLockingFailureException.class, PessimisticLockingFailureException.class,
            WorkItemNotFoundException.class})
    ProblemDetail changedMeanwhile(RuntimeException e) {
        return Races.changedMeanwhile();
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
