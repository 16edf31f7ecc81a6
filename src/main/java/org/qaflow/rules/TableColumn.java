package org.qaflow.rules;

import org.qaflow.catalogue.QualificationType;
import org.qaflow.catalogue.UnitCategory;
import org.qaflow.centre.Centre;
import org.qaflow.centre.StaffRole;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.*;

/**
 * A column of a decision table, derived from a field of the fact class its rows are read into (RuleSetCompiler's
 * DATA_KINDS): one generic description serves the spreadsheet, the form and the YAML writer, so a new field of a fact
 * class is a new column everywhere without more code. Primitive numbers and texts are required; a boxed number, a
 * yes/no flag (blank is no) and a list may be left empty.
 */
public record TableColumn(String field, String heading, Type type, boolean required, List<String> options) {

    public enum Type {
        WHOLE_NUMBER("a whole number"), NUMBER("a number"), YES_NO("yes or no"), TEXT("text"),
        LIST("a list of codes separated by commas");

        private final String words;

        Type(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    /** Fields whose values are a known set of codes, offered as dropdowns. */
    private static final Map<String, List<String>> CODES = Map.of(
            "qualificationType", names(QualificationType.values()),
            "category", names(UnitCategory.values()),
            "role", names(StaffRole.values()),
            "assessorRisk", names(Centre.RiskRating.values()),
            "centreRisk", names(Centre.RiskRating.values()));

    /** Words a heading spells in capitals. */
    private static final Set<String> ACRONYMS = Set.of("cpd", "iqa", "iqas", "eqa");

    public static List<TableColumn> of(Class<?> factClass) {
        List<TableColumn> columns = new ArrayList<>();
        for (Field f : factClass.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) || Modifier.isTransient(f.getModifiers())) {
                continue; // constants and what a row works out from its columns
            }
            Class<?> t = f.getType();
            Type type;
            if (t == int.class || t == Integer.class || t == long.class || t == Long.class) {
                type = Type.WHOLE_NUMBER;
            } else if (t == double.class || t == Double.class) {
                type = Type.NUMBER;
            } else if (t == boolean.class || t == Boolean.class) {
                type = Type.YES_NO;
            } else if (t == String.class) {
                type = Type.TEXT;
            } else if (List.class.isAssignableFrom(t)) {
                type = Type.LIST;
            } else {
                throw new IllegalStateException(factClass.getSimpleName() + "." + f.getName()
                        + " has a type a decision table cannot show: " + t.getName());
            }
            boolean required = type == Type.TEXT || (t.isPrimitive() && type != Type.YES_NO);
            columns.add(new TableColumn(f.getName(), heading(f.getName()), type, required,
                    CODES.getOrDefault(f.getName(), List.of())));
        }
        return List.copyOf(columns);
    }

    /** "salesCpdHours" reads "Sales CPD hours". */
    static String heading(String field) {
        String[] words = field.split("(?<=[a-z])(?=[A-Z])");
        StringBuilder heading = new StringBuilder();
        for (int i = 0; i < words.length; i++) {
            String w = words[i].toLowerCase(Locale.ROOT);
            if (ACRONYMS.contains(w)) {
                w = w.endsWith("s") ? w.substring(0, w.length() - 1).toUpperCase(Locale.ROOT) + "s"
                        : w.toUpperCase(Locale.ROOT);
            } else if (i == 0) {
                w = Character.toUpperCase(w.charAt(0)) + w.substring(1);
            }
            heading.append(i == 0 ? "" : " ").append(w);
        }
        return heading.toString();
    }

    /** Whether a spreadsheet or form heading names this column: its heading or its field name, in any case. */
    boolean named(String text) {
        String t = text.strip();
        return t.equalsIgnoreCase(heading) || t.equalsIgnoreCase(field);
    }

    /**
     * A cell as typed (null or blank: empty) to its value, or a problem in words. Whole numbers may come as 25.0 from a
     * spreadsheet's numeric cell.
     */
    Object parse(String text) throws CellProblem {
        String t = text == null ? "" : text.strip();
        if (t.isEmpty()) {
            if (required) {
                throw new CellProblem("the cell is empty; it needs " + type.words());
            }
            return type == Type.YES_NO ? Boolean.FALSE : null;
        }
        switch (type) {
            case WHOLE_NUMBER -> {
                try {
                    java.math.BigDecimal n = new java.math.BigDecimal(t);
                    return n.longValueExact();
                } catch (NumberFormatException | ArithmeticException e) {
                    throw new CellProblem("'" + t + "' is not a whole number");
                }
            }
            case NUMBER -> {
                try {
                    double d = Double.parseDouble(t);
                    if (Double.isNaN(d) || Double.isInfinite(d) || !t.matches("[-+]?[0-9.eE+-]+")) {
                        throw new NumberFormatException();
                    }
                    return d;
                } catch (NumberFormatException e) {
                    throw new CellProblem("'" + t + "' is not a number");
                }
            }
            case YES_NO -> {
                return switch (t.toLowerCase(Locale.ROOT)) {
                    case "yes", "true", "y", "1" -> Boolean.TRUE;
                    case "no", "false", "n", "0" -> Boolean.FALSE;
                    default -> throw new CellProblem("'" + t + "' is not yes or no");
                };
            }
            case LIST -> {
                List<String> items = Arrays.stream(t.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
                for (String item : items) {
                    checkText(item);
                }
                return items;
            }
            default -> {
                checkText(t);
                if (!options.isEmpty() && !options.contains(t)) {
                    throw new CellProblem("'" + t + "' is not one of " + String.join(", ", options));
                }
                return t;
            }
        }
    }

    private static void checkText(String t) throws CellProblem {
        if (t.length() > 500 || t.chars().anyMatch(c -> c < 0x20)) {
            throw new CellProblem("'" + (t.length() > 40 ? t.substring(0, 40) + "…" : t)
                    + "' is not a line of text of at most 500 characters");
        }
    }

    /** The value as a person types it in a form or a text cell. */
    String text(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof List<?> list) {
            return String.join(", ", list.stream().map(String::valueOf).toList());
        }
        if (value instanceof Boolean b) {
            return b ? "yes" : "no";
        }
        if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
            return String.valueOf(d.longValue());
        }
        return String.valueOf(value);
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }

    /** What is wrong with one cell, in words that follow its sheet, row and column. */
    static final class CellProblem extends Exception {
        CellProblem(String message) {
            super(message, null, false, false);
        }
    }
}
