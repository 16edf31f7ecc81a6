package org.qaflow.rules;

import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.ss.usermodel.*;
import org.apache.poi.ss.util.CellRangeAddressList;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.qaflow.problem.BadRequestException;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.*;

/**
 * A decision table as an .xlsx workbook, for Excel or LibreOffice: a sheet per kind of row named after it, a header row
 * of column headings, typed cells, and dropdowns where the codes are known. Reading one back checks every cell and
 * reports every problem at once, by sheet, row and column.
 */
final class TableSpreadsheet {

    /** A table is a few dozen rows: anything larger is not an edited table. */
    static final int MAX_BYTES = 1024 * 1024;
    /** Rows below the data that keep the dropdowns and number checks, for rows the quality manager adds. */
    private static final int SPARE_ROWS = 200;

    static {
        // Zip bombs: a small file that inflates without bound is refused while it is read (these are POI's defaults,
        // made explicit and tighter on entry size since a table's sheet is small).
        ZipSecureFile.setMinInflateRatio(0.01);
        ZipSecureFile.setMaxEntrySize(20L * 1024 * 1024);
    }

    private TableSpreadsheet() {
    }

    static byte[] write(DecisionTable table) {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Font bold = book.createFont();
            bold.setBold(true);
            CellStyle header = book.createCellStyle();
            header.setFont(bold);
            for (DecisionTable.Sheet s : table.sheets()) {
                Sheet sheet = book.createSheet(s.kind());
                Row head = sheet.createRow(0);
                for (int c = 0; c < s.columns().size(); c++) {
                    Cell cell = head.createCell(c);
                    cell.setCellValue(s.columns().get(c).heading());
                    cell.setCellStyle(header);
                }
                for (int r = 0; r < s.rows().size(); r++) {
                    Row row = sheet.createRow(r + 1);
                    for (int c = 0; c < s.columns().size(); c++) {
                        TableColumn column = s.columns().get(c);
                        Object value = s.rows().get(r).get(column.field());
                        if (value == null) {
                            continue;
                        }
                        Cell cell = row.createCell(c);
                        if (value instanceof Number n) {
                            cell.setCellValue(n.doubleValue());
                        } else if (value instanceof Boolean b) {
                            cell.setCellValue(b);
                        } else {
                            cell.setCellValue(column.text(value));
                        }
                    }
                }
                validations(sheet, s);
                sheet.createFreezePane(0, 1);
                for (int c = 0; c < s.columns().size(); c++) {
                    sheet.autoSizeColumn(c);
                }
            }
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("Cannot write the spreadsheet of " + table.path(), e);
        }
    }

    private static void validations(Sheet sheet, DecisionTable.Sheet s) {
        DataValidationHelper helper = sheet.getDataValidationHelper();
        int last = s.rows().size() + SPARE_ROWS;
        for (int c = 0; c < s.columns().size(); c++) {
            TableColumn column = s.columns().get(c);
            DataValidationConstraint constraint;
            if (!column.options().isEmpty()) {
                constraint = helper.createExplicitListConstraint(column.options().toArray(String[]::new));
            } else if (column.type() == TableColumn.Type.YES_NO) {
                constraint = helper.createExplicitListConstraint(new String[]{"TRUE", "FALSE"});
            } else if (column.type() == TableColumn.Type.WHOLE_NUMBER) {
                constraint = helper.createIntegerConstraint(DataValidationConstraint.OperatorType.GREATER_OR_EQUAL,
                        "0", null);
            } else if (column.type() == TableColumn.Type.NUMBER) {
                constraint = helper.createDecimalConstraint(DataValidationConstraint.OperatorType.GREATER_OR_EQUAL,
                        "0", null);
            } else {
                continue;
            }
            DataValidation validation = helper.createValidation(constraint, new CellRangeAddressList(1, last, c, c));
            validation.setShowErrorBox(true);
            validation.createErrorBox(column.heading(), column.heading() + " must be "
                    + (column.options().isEmpty() ? column.type().words() : "one of " + String.join(", ", column.options())));
            sheet.addValidationData(validation);
        }
    }

    /**
     * The sheets of an uploaded workbook as the kinds of the given table (its sheets give the expected names and
     * columns). Every problem is collected; a file that is not an .xlsx workbook is one problem.
     */
    static List<DecisionTable.Sheet> read(byte[] bytes, DecisionTable expected) {
        if (bytes == null || bytes.length == 0) {
            throw new TableProblems(List.of("the uploaded file is empty: upload the .xlsx spreadsheet of " + expected.path()));
        }
        if (bytes.length > MAX_BYTES) {
            throw new TableProblems(List.of("the uploaded file is " + bytes.length / 1024 + " KB; a table spreadsheet "
                    + "is at most " + MAX_BYTES / 1024 + " KB"));
        }
        try (Workbook book = open(bytes)) {
            DataFormatter formatter = new DataFormatter(Locale.ROOT);
            List<String> problems = new ArrayList<>();
            Map<String, DecisionTable.Sheet> byKind = new LinkedHashMap<>();
            Set<String> kinds = new LinkedHashSet<>();
            expected.sheets().forEach(s -> kinds.add(s.kind()));
            for (Sheet sheet : book) {
                if (book.isSheetHidden(book.getSheetIndex(sheet)) || book.isSheetVeryHidden(book.getSheetIndex(sheet))) {
                    continue;
                }
                String name = sheet.getSheetName();
                Optional<DecisionTable.Sheet> kind = expected.sheets().stream()
                        .filter(s -> s.kind().equalsIgnoreCase(name.strip())).findFirst();
                if (kind.isEmpty()) {
                    problems.add("sheet '" + name + "' is not a table of " + expected.path() + "; its sheets are "
                            + String.join(", ", kinds));
                    continue;
                }
                byKind.put(kind.get().kind(), readSheet(sheet, kind.get(), formatter, problems));
            }
            for (String kind : kinds) {
                if (!byKind.containsKey(kind)) {
                    problems.add("sheet " + kind + " is missing (to remove every row, keep the sheet with its header row)");
                }
            }
            if (!problems.isEmpty()) {
                throw new TableProblems(problems);
            }
            return kinds.stream().map(byKind::get).toList();
        } catch (IOException e) {
            throw new TableProblems(List.of("the uploaded file cannot be read as an .xlsx spreadsheet: " + e.getMessage()));
        }
    }

    private static Workbook open(byte[] bytes) {
        try {
            return new XSSFWorkbook(new ByteArrayInputStream(bytes));
        } catch (Exception | LinkageError e) {
            // POI answers a non-zip, a truncated zip, a zip bomb or a zip of something else with assorted exceptions.
            throw new TableProblems(List.of("the uploaded file is not an .xlsx spreadsheet (save it from Excel or "
                    + "LibreOffice as Excel 2007-365 .xlsx): " + Objects.requireNonNullElse(e.getMessage(),
                    e.getClass().getSimpleName())));
        }
    }

    private static DecisionTable.Sheet readSheet(Sheet sheet, DecisionTable.Sheet kind, DataFormatter formatter,
                                                 List<String> problems) {
        String where = "sheet " + kind.kind();
        Row head = sheet.getRow(sheet.getFirstRowNum() < 0 ? 0 : sheet.getFirstRowNum());
        if (head == null) {
            problems.add(where + ": the header row with the column headings is missing");
            return kind;
        }
        Map<Integer, TableColumn> byCell = new LinkedHashMap<>();
        for (Cell cell : head) {
            String heading = formatter.formatCellValue(cell).strip();
            if (heading.isEmpty()) {
                continue;
            }
            Optional<TableColumn> column = kind.columns().stream().filter(c -> c.named(heading)).findFirst();
            if (column.isEmpty()) {
                problems.add(where + ", column " + columnLetter(cell.getColumnIndex()) + ": '" + heading
                        + "' is not a column of " + kind.kind() + "; its columns are "
                        + String.join(", ", kind.columns().stream().map(TableColumn::heading).toList()));
            } else if (byCell.containsValue(column.get())) {
                problems.add(where + ", column " + columnLetter(cell.getColumnIndex()) + ": " + column.get().heading()
                        + " appears twice");
            } else {
                byCell.put(cell.getColumnIndex(), column.get());
            }
        }
        for (TableColumn column : kind.columns()) {
            if (column.required() && !byCell.containsValue(column)) {
                problems.add(where + ": column " + column.heading() + " is missing");
            }
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int r = head.getRowNum() + 1; r <= sheet.getLastRowNum(); r++) {
            Row row = sheet.getRow(r);
            if (row == null || isBlank(row, byCell.keySet(), formatter)) {
                continue;
            }
            Map<String, Object> values = new LinkedHashMap<>();
            for (Map.Entry<Integer, TableColumn> at : byCell.entrySet()) {
                TableColumn column = at.getValue();
                Cell cell = row.getCell(at.getKey());
                try {
                    Object value = column.parse(text(cell, formatter));
                    if (value != null) {
                        values.put(column.field(), value);
                    }
                } catch (TableColumn.CellProblem p) {
                    problems.add(where + ", row " + (r + 1) + ", column " + column.heading() + ": " + p.getMessage());
                }
            }
            rows.add(values);
        }
        return new DecisionTable.Sheet(kind.kind(), kind.columns(), List.copyOf(rows));
    }

    /** A numeric cell as its plain number (25, not "25.00" as formatted); a formula as its cached value. */
    private static String text(Cell cell, DataFormatter formatter) {
        if (cell == null) {
            return "";
        }
        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
        return switch (type) {
            case NUMERIC -> {
                double d = cell.getNumericCellValue();
                yield d == Math.rint(d) && Math.abs(d) < 1e15 ? String.valueOf((long) d)
                        : java.math.BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
            }
            case BOOLEAN -> String.valueOf(cell.getBooleanCellValue());
            case STRING -> cell.getStringCellValue();
            case ERROR -> "#ERROR";
            default -> formatter.formatCellValue(cell);
        };
    }

    private static boolean isBlank(Row row, Set<Integer> columns, DataFormatter formatter) {
        return columns.stream().allMatch(c -> text(row.getCell(c), formatter).isBlank());
    }

    private static String columnLetter(int index) {
        StringBuilder letters = new StringBuilder();
        for (int i = index + 1; i > 0; i = (i - 1) / 26) {
            letters.insert(0, (char) ('A' + (i - 1) % 26));
        }
        return letters.toString();
    }

    /** Every problem of an uploaded or submitted table, each naming its sheet, row and column. Answered with 400. */
    static final class TableProblems extends BadRequestException {
        private final List<String> problems;

        TableProblems(List<String> problems) {
            super(problems.size() == 1 ? problems.get(0)
                    : problems.size() + " problems: " + String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }

        List<String> problems() {
            return problems;
        }
    }
}
