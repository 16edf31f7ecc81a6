package org.qaflow.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import java.util.*;

/**
 * A YAML data file of rules/ seen as a decision table: one sheet per kind of row (CombinationRequirement,
 * CategoryMinimum, ...), its columns taken from the fact class. YAML stays the stored form the rules read: it is the one
 * source of truth, its history diffs line by line, and a rule author can still edit it as text; the spreadsheet and
 * the form are two editors that read and write it. Writing keeps the comment lines at the top of the file; comments
 * between rows are not kept.
 *
 * @param comment the file's leading comment lines, each with its '#'
 * @param sheets  in the file's order
 */
public record DecisionTable(String path, String comment, List<Sheet> sheets) {

    /** Rows hold each column's value by field name; an empty cell is absent. */
    public record Sheet(String kind, List<TableColumn> columns, List<Map<String, Object>> rows) {

        public TableColumn column(String field) {
            return columns.stream().filter(c -> c.field().equals(field)).findFirst().orElseThrow();
        }
    }

    /** Rows wrap after this many characters, as the hand-written files do. */
    private static final int WIDTH = 141;
    private static final Set<String> YAML_WORDS = Set.of("true", "false", "yes", "no", "on", "off", "y", "n", "null",
            "~");

    /** Whether a rule file is a table: a .yaml data file (not a scenario) of known kinds only. */
    public static boolean isTable(String path, String content) {
        if (!path.endsWith(".yaml") || path.startsWith("scenarios/")) {
            return false;
        }
        try {
            JsonNode root = RuleSetCompiler.YAML.readTree(content);
            if (root == null || !root.isObject() || root.isEmpty()) {
                return false;
            }
            for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
                if (!RuleSetCompiler.DATA_KINDS.containsKey(it.next())) {
                    return false;
                }
            }
            return true;
        } catch (JsonProcessingException e) {
            return false;
        }
    }

    /** The columns of a kind of row, from its fact class. */
    public static List<TableColumn> columns(String kind) {
        Class<?> type = RuleSetCompiler.DATA_KINDS.get(kind);
        if (type == null) {
            throw new IllegalArgumentException("unknown kind " + kind);
        }
        return TableColumn.of(type);
    }

    /** Reads a table file (isTable is true of it). */
    public static DecisionTable read(String path, String content) {
        JsonNode root;
        try {
            root = RuleSetCompiler.YAML.readTree(content);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(path + " is not a table: " + e.getOriginalMessage(), e);
        }
        List<Sheet> sheets = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> kind = it.next();
            List<TableColumn> columns = columns(kind.getKey());
            List<Map<String, Object>> rows = new ArrayList<>();
            for (JsonNode node : kind.getValue()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (TableColumn c : columns) {
                    JsonNode v = node.get(c.field());
                    if (v == null || v.isNull()) {
                        continue;
                    }
                    row.put(c.field(), switch (c.type()) {
                        case WHOLE_NUMBER -> v.asLong();
                        case NUMBER -> v.asDouble();
                        case YES_NO -> v.asBoolean();
                        case LIST -> {
                            List<String> items = new ArrayList<>();
                            v.forEach(i -> items.add(i.asText()));
                            yield List.copyOf(items);
                        }
                        case TEXT -> v.asText();
                    });
                }
                rows.add(row);
            }
            sheets.add(new Sheet(kind.getKey(), columns, rows));
        }
        return new DecisionTable(path, leadingComment(content), List.copyOf(sheets));
    }

    /** This table with other sheets, as a quality manager edited them. */
    public DecisionTable with(List<Sheet> edited) {
        return new DecisionTable(path, comment, List.copyOf(edited));
    }

    /**
     * The YAML text, in the style of the hand-written files: a flow mapping per row, wrapped at the page width. A no
     * flag is written only where the file it replaces wrote one for that kind (previous, may be null), so an edit does
     * not add "false" to every row.
     */
    public String toYaml(String previous) {
        Map<String, Set<String>> written = previous == null ? Map.of() : keysWritten(previous);
        StringBuilder out = new StringBuilder(comment);
        for (int s = 0; s < sheets.size(); s++) {
            Sheet sheet = sheets.get(s);
            if (s > 0) {
                out.append('\n');
            }
            out.append(sheet.kind()).append(":");
            if (sheet.rows().isEmpty()) {
                out.append(" []\n");
                continue;
            }
            out.append('\n');
            for (Map<String, Object> row : sheet.rows()) {
                List<String> pairs = new ArrayList<>();
                for (TableColumn c : sheet.columns()) {
                    Object v = row.get(c.field());
                    if (v == null || (v instanceof List<?> l && l.isEmpty())
                            || (Boolean.FALSE.equals(v) && !written.getOrDefault(sheet.kind(), Set.of()).contains(c.field()))) {
                        continue;
                    }
                    pairs.add(c.field() + ": " + scalar(v));
                }
                StringBuilder line = new StringBuilder("  - {");
                for (int i = 0; i < pairs.size(); i++) {
                    String piece = pairs.get(i) + (i == pairs.size() - 1 ? "}" : ",");
                    if (i > 0 && line.length() + 1 + piece.length() > WIDTH) {
                        out.append(line).append('\n');
                        line = new StringBuilder("     ").append(piece);
                    } else {
                        line.append(i == 0 ? "" : " ").append(piece);
                    }
                }
                out.append(line).append('\n');
            }
        }
        return out.toString();
    }

    private static String scalar(Object v) {
        if (v instanceof List<?> list) {
            return "[" + String.join(", ", list.stream().map(DecisionTable::scalar).toList()) + "]";
        }
        if (v instanceof Double d) {
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf(d.longValue()) : String.valueOf(d);
        }
        if (v instanceof Number || v instanceof Boolean) {
            return String.valueOf(v);
        }
        String s = String.valueOf(v);
        // Plain where YAML reads it back as the same text inside a flow mapping; quoted (JSON escapes) otherwise.
        if (s.matches("[A-Za-z][A-Za-z0-9 _.()'/&-]*") && !s.endsWith(" ")
                && !YAML_WORDS.contains(s.toLowerCase(Locale.ROOT))) {
            return s;
        }
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(s);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String leadingComment(String content) {
        StringBuilder comment = new StringBuilder();
        for (String line : content.split("\n", -1)) {
            if (!line.startsWith("#")) {
                break;
            }
            comment.append(line).append('\n');
        }
        return comment.toString();
    }

    private static Map<String, Set<String>> keysWritten(String previous) {
        Map<String, Set<String>> keys = new HashMap<>();
        try {
            JsonNode root = RuleSetCompiler.YAML.readTree(previous);
            if (root != null && root.isObject()) {
                root.fields().forEachRemaining(kind -> kind.getValue().forEach(row ->
                        row.fieldNames().forEachRemaining(f -> keys.computeIfAbsent(kind.getKey(), k -> new HashSet<>())
                                .add(f))));
            }
        } catch (JsonProcessingException e) {
            return Map.of();
        }
        return keys;
    }
}
