package org.qaflow.problem;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.validation.Validator;

import java.util.Collection;
import java.util.List;

/** Bean Validation's findings in words, each as "where: what is wrong", in a stable order. */
public final class Violations {

    private Violations() {
    }

    public record FieldProblem(String field, String message) {
        @Override
        public String toString() {
            return field + ": " + message;
        }
    }

    public static List<FieldProblem> of(Collection<? extends ConstraintViolation<?>> violations) {
        return violations.stream().map(v -> new FieldProblem(where(v.getPropertyPath()), v.getMessage()))
                .sorted(java.util.Comparator.comparing(FieldProblem::field).thenComparing(FieldProblem::message))
                .toList();
    }

    public static String describe(Collection<? extends ConstraintViolation<?>> violations) {
        return String.join("; ", of(violations).stream().map(FieldProblem::toString).toList());
    }

    /** Refuses the value with a 400 naming every field that is wrong. */
    public static <T> T require(Validator validator, T value) {
        var violations = validator.validate(value);
        if (!violations.isEmpty()) {
            throw new BadRequestException(describe(violations));
        }
        return value;
    }

    /** "findings[0].finding", "actions[2]": the path as the caller wrote the JSON, not the validator's own names. */
    static String where(Path path) {
        StringBuilder where = new StringBuilder();
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.CONSTRUCTOR
                    || node.getKind() == ElementKind.RETURN_VALUE || node.getKind() == ElementKind.CROSS_PARAMETER) {
                continue;
            }
            if (node.isInIterable()) {
                where.append('[').append(node.getIndex() != null ? node.getIndex() : node.getKey()).append(']');
            }
            if (node.getKind() != ElementKind.CONTAINER_ELEMENT && node.getName() != null) {
                where.append(where.isEmpty() ? "" : ".").append(node.getName());
            }
        }
        return where.isEmpty() ? "body" : where.toString();
    }
}
