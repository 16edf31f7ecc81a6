package org.qaflow.problem;

import java.util.List;

/**
 * Several things wrong at once, each with where it is: a form shows each beside its field, an upload each under its
 * row and column, and the API answers one 400 problem whose {@code errors} lists them all.
 */
public class FieldProblems extends BadRequestException {

    private final transient List<?> errors;

    public FieldProblems(String detail, List<?> errors) {
        super(detail);
        this.errors = List.copyOf(errors);
    }

    public static FieldProblems of(List<Violations.FieldProblem> problems) {
        return new FieldProblems(String.join("; ", problems.stream().map(Violations.FieldProblem::toString).toList()),
                problems);
    }

    /** Each problem as the API shows it (records: field and message, or row, column, value and message). */
    public List<?> errors() {
        return errors;
    }
}
