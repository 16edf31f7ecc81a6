package org.qaflow.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DatabindException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What is wrong with a JSON body, in words that name the field and what it should hold, never a Java class name
 * (Jackson's own messages name them: "Cannot deserialize value of type `org.qaflow...`").
 */
public final class JsonProblems {

    private JsonProblems() {
    }

    public static String describe(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException u) {
            String known = u.getKnownPropertyIds() == null ? "" : u.getKnownPropertyIds().stream()
                    .map(String::valueOf).sorted().collect(Collectors.joining(", "));
            return where(u, u.getPropertyName()) + ": unknown field"
                    + (known.isEmpty() ? "; nothing else may be given here" : "; the fields here are " + known);
        }
        if (e instanceof InvalidFormatException f && f.getTargetType() != null) {
            return where(f, null) + ": '" + shortened(f.getValue()) + "' is not " + expected(f.getTargetType());
        }
        if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
            String message = String.valueOf(m.getOriginalMessage());
            String got = message.contains("null") ? "missing or null" : message.contains("No content")
                    || message.contains("end-of-input") ? "missing" : "of the wrong kind";
            return where(m, null) + ": " + got + "; expected " + expected(m.getTargetType());
        }
        if (e instanceof DatabindException d && !(e instanceof com.fasterxml.jackson.core.JsonParseException)) {
            return where(d, null) + ": cannot be read";
        }
        String original = e.getOriginalMessage();
        return "The request body is not valid JSON for this call: "
                + (original == null ? "unreadable" : original.lines().findFirst().orElse(original))
                + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column "
                + e.getLocation().getColumnNr() + ")");
    }

    /** The value as given, cut short: it is the caller's own input, and may be long. */
    private static String shortened(Object value) {
        String text = String.valueOf(value);
        return text.length() <= 60 ? text : text.substring(0, 60) + "...";
    }

    /** "findings[0].sampleId", or "body" for the body as a whole. */
    private static String where(DatabindException e, String last) {
        StringBuilder where = new StringBuilder();
        if (e instanceof JsonMappingException m) {
            for (JsonMappingException.Reference ref : m.getPath()) {
                if (ref.getFieldName() != null) {
                    where.append(where.isEmpty() ? "" : ".").append(ref.getFieldName());
                } else if (ref.getIndex() >= 0) {
                    where.append('[').append(ref.getIndex()).append(']');
                }
            }
        }
        if (where.isEmpty() && last != null) {
            where.append(last);
        }
        return where.isEmpty() ? "body" : where.toString();
    }

    /** What the field holds, in words; for a choice, the allowed values. */
    public static String expected(Class<?> type) {
        if (type.isEnum()) {
            return "one of " + Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name())
                    .collect(Collectors.joining(", "));
        }
        if (type == String.class || type == Character.class || type == char.class) {
            return "text (in quotes)";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class
                || type == Short.class || type == short.class || type == BigInteger.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class
                || type == BigDecimal.class) {
            return "a number";
        }
        if (type == LocalDate.class) {
            return "a date (yyyy-mm-dd)";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "a list [...]";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord() || !type.getName().startsWith("java.")) {
            return "an object {...}";
        }
        return "a value of another kind";
    }
}
