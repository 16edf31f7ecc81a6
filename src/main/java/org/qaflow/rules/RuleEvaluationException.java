package org.qaflow.rules;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * An evaluation the rules themselves could not complete: stopped at the time limit (503) or a rule failed (422).
 * The detail is qaflow's own words, never text computed by rule code.
 */
public class RuleEvaluationException extends ErrorResponseException {

    public RuleEvaluationException(HttpStatus status, String detail) {
        super(status, ProblemDetail.forStatusAndDetail(status, detail), null);
    }

    @Override
    public String getMessage() {
        return getBody().getDetail();
    }
}
