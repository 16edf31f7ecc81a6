package org.qaflow.rules;

import org.qaflow.problem.BadRequestException;
import org.qaflow.problem.ConflictException;
import org.qaflow.security.CurrentUser;
import org.qaflow.web.WebPage;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.*;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.util.*;

/**
 * A decision table in the console: as a form (typed inputs, dropdowns for codes, add and remove rows, each error beside
 * its cell and in a summary; what was typed comes back on error), as a spreadsheet to download, and an edited
 * spreadsheet to upload. Either makes a candidate, or adds to one (candidate given).
 */
@Controller
@WebPage
@RequestMapping("/qm/rules/tables")
public class TablePages {

    private final DecisionTables tables;
    private final RuleEngine engine;
    private final CurrentUser currentUser;

    public TablePages(DecisionTables tables, RuleEngine engine, CurrentUser currentUser) {
        this.tables = tables;
        this.engine = engine;
        this.currentUser = currentUser;
    }

    /** A cell of the form: its input's name and id, the text typed, and what is wrong with it. */
    public record FormCell(TableColumn column, String name, String text, String error) {
    }

    public record FormSheet(String kind, List<TableColumn> columns, List<List<FormCell>> rows) {
    }

    public record ErrorLink(String target, String message) {
    }

    @GetMapping("/edit")
    public String form(@RequestParam String path, @RequestParam(required = false) Long candidate, Model model) {
        DecisionTable table = tables.table(path, candidate);
        List<FormSheet> sheets = new ArrayList<>();
        for (DecisionTable.Sheet s : table.sheets()) {
            List<List<FormCell>> rows = new ArrayList<>();
            for (Map<String, Object> row : s.rows()) {
                List<String> texts = s.columns().stream().map(c -> c.text(row.get(c.field()))).toList();
                rows.add(cells(s.kind(), rows.size(), s.columns(), texts, Map.of()));
            }
            sheets.add(new FormSheet(s.kind(), s.columns(), rows));
        }
        return page(model, table.path(), candidate, "", sheets, List.of());
    }

    /**
     * Cells arrive as KIND.ROW.FIELD. "add:KIND" adds an empty row, "remove:KIND:ROW" removes one; both come back to
     * the form. "check" reads every cell and proposes the table, or shows each problem beside its cell.
     */
    @PostMapping("/edit")
    public String submit(@RequestParam String path, @RequestParam(required = false) Long candidate,
                         @RequestParam(defaultValue = "") String description,
                         @RequestParam(defaultValue = "check") String action,
                         @RequestParam MultiValueMap<String, String> params, Model model) {
        DecisionTable table = tables.table(path, candidate);
        List<FormSheet> sheets = new ArrayList<>();
        List<DecisionTable.Sheet> read = new ArrayList<>();
        List<ErrorLink> errors = new ArrayList<>();
        for (DecisionTable.Sheet s : table.sheets()) {
            List<List<String>> typed = typedRows(s, params);
            String remove = "remove:" + s.kind() + ":";
            if (action.startsWith(remove)) {
                int index = parseIndex(action.substring(remove.length()));
                if (index >= 0 && index < typed.size()) {
                    typed.remove(index);
                }
            }
            if (action.equals("add:" + s.kind())) {
                typed.add(s.columns().stream().map(c -> "").toList());
            }
            List<List<FormCell>> rows = new ArrayList<>();
            List<Map<String, Object>> values = new ArrayList<>();
            for (List<String> texts : typed) {
                int r = rows.size();
                Map<String, String> cellErrors = new HashMap<>();
                Map<String, Object> row = new LinkedHashMap<>();
                boolean blank = texts.stream().allMatch(String::isBlank);
                for (int c = 0; c < s.columns().size() && !blank; c++) {
                    TableColumn column = s.columns().get(c);
                    try {
                        Object value = column.parse(texts.get(c));
                        if (value != null) {
                            row.put(column.field(), value);
                        }
                    } catch (TableColumn.CellProblem p) {
                        String message = s.kind() + " row " + (r + 1) + ", column " + column.heading() + ": "
                                + p.getMessage();
                        cellErrors.put(column.field(), p.getMessage()); // the summary names row and column
                        errors.add(new ErrorLink(name(s.kind(), r, column.field()), message));
                    }
                }
                if (!blank) {
                    values.add(row);
                }
                rows.add(cells(s.kind(), r, s.columns(), texts, cellErrors));
            }
            sheets.add(new FormSheet(s.kind(), s.columns(), rows));
            read.add(new DecisionTable.Sheet(s.kind(), s.columns(), List.copyOf(values)));
        }
        if (!action.equals("check") || !errors.isEmpty()) {
            return page(model, table.path(), candidate, description, sheets, errors);
        }
        try {
            RuleSetRegistry.Report report = tables.submit(table.path(), read, candidate, user(), description);
            if (!report.refused()) {
                return "redirect:/qm/rules/candidates/" + report.candidate() + "?scenarios=" + report.scenariosRun();
            }
            model.addAttribute("report", report);
        } catch (BadRequestException | ConflictException | AccessDeniedException e) {
            model.addAttribute("problem", e.getMessage());
        }
        return page(model, table.path(), candidate, description, sheets, errors);
    }

    @GetMapping("/download")
    public ResponseEntity<byte[]> download(@RequestParam String path, @RequestParam(required = false) Long candidate) {
        String clean = RuleSetCompiler.checkPath(path);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\""
                        + clean.replace('/', '-').replaceFirst("\\.yaml$", "") + ".xlsx\"")
                .body(tables.spreadsheet(clean, candidate));
    }

    /** An edited spreadsheet: its problems, or the refusal, are shown above the table's form. */
    @PostMapping("/upload")
    public String upload(@RequestParam String path, @RequestParam(required = false) Long candidate,
                         @RequestParam(required = false) MultipartFile file, Model model) throws IOException {
        try {
            RuleSetRegistry.Report report = tables.upload(path, file == null ? null : file.getBytes(), candidate, user());
            if (!report.refused()) {
                return "redirect:/qm/rules/candidates/" + report.candidate() + "?scenarios=" + report.scenariosRun();
            }
            model.addAttribute("report", report);
        } catch (TableSpreadsheet.TableProblems e) {
            model.addAttribute("uploadProblems", e.problems());
        } catch (BadRequestException | ConflictException | AccessDeniedException e) {
            model.addAttribute("problem", e.getMessage());
        }
        return form(path, candidate, model);
    }

    private String page(Model model, String path, Long candidate, String description, List<FormSheet> sheets,
                        List<ErrorLink> errors) {
        model.addAttribute("path", path);
        model.addAttribute("candidate", candidate);
        model.addAttribute("description", description);
        model.addAttribute("version", engine.active().version());
        model.addAttribute("sheets", sheets);
        model.addAttribute("errors", errors);
        return "rules/table";
    }

    private static List<List<String>> typedRows(DecisionTable.Sheet s, MultiValueMap<String, String> params) {
        // The rows sent are those whose cells carry an index; they are kept in index order.
        SortedSet<Integer> indexes = new TreeSet<>();
        String prefix = s.kind() + ".";
        for (String key : params.keySet()) {
            if (key.startsWith(prefix)) {
                String[] parts = key.substring(prefix.length()).split("\\.", 2);
                int index = parseIndex(parts[0]);
                if (index >= 0 && index < 1000) {
                    indexes.add(index);
                }
            }
        }
        List<List<String>> rows = new ArrayList<>();
        for (int index : indexes) {
            rows.add(new ArrayList<>(s.columns().stream()
                    .map(c -> Objects.requireNonNullElse(params.getFirst(name(s.kind(), index, c.field())), ""))
                    .toList()));
        }
        return rows;
    }

    private static List<FormCell> cells(String kind, int row, List<TableColumn> columns, List<String> texts,
                                        Map<String, String> errors) {
        List<FormCell> cells = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            TableColumn column = columns.get(c);
            cells.add(new FormCell(column, name(kind, row, column.field()), texts.get(c), errors.get(column.field())));
        }
        return cells;
    }

    private static String name(String kind, int row, String field) {
        return kind + "." + row + "." + field;
    }

    private static int parseIndex(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private String user() {
        return currentUser.get().getUsername();
    }
}
