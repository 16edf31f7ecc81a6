package org.qaflow.rules;

import org.qaflow.problem.NotFoundException;
import org.springframework.stereotype.Service;

import java.util.*;

/**
 * The decision tables of the rules (every YAML data file of known kinds) and their two editors, a spreadsheet and a
 * form: both turn an edited table back into the YAML file and propose it as a candidate, or add it to a candidate
 * already proposed (RuleSetRegistry.amend), through the same compile and scenario checks as any rule change.
 */
@Service
public class DecisionTables {

    private final RuleEngine engine;
    private final RuleSetRegistry registry;

    public DecisionTables(RuleEngine engine, RuleSetRegistry registry) {
        this.engine = engine;
        this.registry = registry;
    }

    public record ColumnView(String field, String heading, TableColumn.Type type, String typeInWords, boolean required,
                             List<String> options) {
    }

    public record SheetView(String kind, List<ColumnView> columns) {
    }

    public record TableView(String path, List<SheetView> sheets) {
    }

    /** The table files of the active version, with their sheets and columns. */
    public List<TableView> tables() {
        List<TableView> tables = new ArrayList<>();
        engine.active().files().forEach((path, content) -> {
            if (DecisionTable.isTable(path, content)) {
                DecisionTable t = DecisionTable.read(path, content);
                tables.add(new TableView(path, t.sheets().stream().map(s -> new SheetView(s.kind(),
                        s.columns().stream().map(c -> new ColumnView(c.field(), c.heading(), c.type(),
                                c.type().words(), c.required(), c.options())).toList())).toList()));
            }
        });
        return tables;
    }

    /** A table as the active version has it, or as a candidate has it (candidate may be null). */
    public DecisionTable table(String path, Long candidate) {
        String clean = RuleSetCompiler.checkPath(path);
        Map<String, String> files = candidate == null ? engine.active().files() : registry.record(candidate).getFiles();
        String where = candidate == null ? "active version " + engine.active().version() : "candidate " + candidate;
        String content = files.get(clean);
        if (content == null) {
            throw new NotFoundException("Rule file " + clean + " is not in " + where);
        }
        if (!DecisionTable.isTable(clean, content)) {
            throw new NotFoundException(clean + " in " + where + " is not a decision table; the tables are "
                    + String.join(", ", files.entrySet().stream()
                    .filter(f -> DecisionTable.isTable(f.getKey(), f.getValue())).map(Map.Entry::getKey).toList()));
        }
        return DecisionTable.read(clean, content);
    }

    public byte[] spreadsheet(String path, Long candidate) {
        return TableSpreadsheet.write(table(path, candidate));
    }

    /** An edited spreadsheet of the table becomes a candidate, or another change of candidate (when given). */
    public RuleSetRegistry.Report upload(String path, byte[] xlsx, Long candidate, String user) {
        DecisionTable table = table(path, candidate);
        List<DecisionTable.Sheet> sheets = TableSpreadsheet.read(xlsx, table);
        return propose(table, sheets, candidate, user, "spreadsheet edit of " + table.path());
    }

    /** The sheets as a form sent them, already checked cell by cell. */
    public RuleSetRegistry.Report submit(String path, List<DecisionTable.Sheet> sheets, Long candidate, String user,
                                         String description) {
        DecisionTable table = table(path, candidate);
        return propose(table, sheets, candidate, user,
                description == null || description.isBlank() ? "table edit of " + table.path() : description.strip());
    }

    private RuleSetRegistry.Report propose(DecisionTable table, List<DecisionTable.Sheet> sheets, Long candidate,
                                           String user, String description) {
        Map<String, String> files = candidate == null ? engine.active().files() : registry.record(candidate).getFiles();
        String yaml = table.with(sheets).toYaml(files.get(table.path()));
        Map<String, String> change = Map.of(table.path(), yaml);
        return candidate == null ? registry.propose(change, description, user) : registry.amend(candidate, change, user);
    }
}
