package org.qaflow.learner;

import org.apache.poi.ss.usermodel.*;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.*;

/**
 * An uploaded spreadsheet of rows, CSV or XLSX (told apart by content, not by name), read as text cells, with column
 * headings matched the way people write them: "First name", "first_name" and "firstName" are one column.
 */
public final class Spreadsheet {

    /** A file bigger than this is not a centre's batch of learners: refused before it is parsed. */
    public static final int MAX_BYTES = 5 * 1024 * 1024;
    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private Spreadsheet() {
    }

    /** A column the upload knows: its field, the heading a template uses, and the other headings people write. */
    public record Column(String field, String heading, boolean required, List<String> aliases) {
        public Column(String field, String heading, boolean required, String... aliases) {
            this(field, heading, required, List.of(aliases));
        }

        boolean matches(String heading) {
            String k = key(heading);
            return k.equals(key(field)) || k.equals(key(this.heading)) || aliases.stream().anyMatch(a -> key(a).equals(k));
        }
    }

    /** The rows of the file, the header first, as text; a file that cannot be read says why. */
    public static List<List<String>> read(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new Unreadable("the file is empty");
        }
        if (bytes.length > MAX_BYTES) {
            throw new Unreadable("the file is " + bytes.length / 1024 + " KB; an upload is at most "
                    + MAX_BYTES / (1024 * 1024) + " MB (split it into several files)");
        }
        // An .xlsx file is a zip archive: "PK" first.
        if (bytes.length > 1 && bytes[0] == 'P' && bytes[1] == 'K') {
            return readXlsx(bytes);
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        return Csv.parse(text.startsWith("\uFEFF") ? text.substring(1) : text);
    }

    /** Case, spaces, underscores, hyphens and full stops do not matter in a heading. */
    public static String key(String heading) {
        return heading == null ? "" : heading.toLowerCase(Locale.ROOT).replaceAll("[\\s_\\-.'’()]", "");
    }

    /**
     * Where each known column is in the header row, by field; headings that match no column, and required
     * columns that are missing, are added to problems in words.
     */
    public static Map<String, Integer> columns(List<String> header, List<Column> known, List<String> problems) {
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String heading = header.get(i).trim();
            if (heading.isEmpty()) {
                continue;
            }
            Optional<Column> column = known.stream().filter(c -> c.matches(heading)).findFirst();
            if (column.isEmpty()) {
                problems.add("the column \"" + heading + "\" is not one this upload reads; the columns are "
                        + String.join(", ", known.stream().map(Column::heading).toList()));
            } else if (index.putIfAbsent(column.get().field(), i) != null) {
                problems.add("the columns \"" + header.get(index.get(column.get().field())).trim() + "\" and \""
                        + heading + "\" are the same column; keep one");
            }
        }
        for (Column c : known) {
            if (c.required() && !index.containsKey(c.field())) {
                problems.add("the header row has no column \"" + c.heading() + "\"");
            }
        }
        return index;
    }

    /** The cell, trimmed; empty when the row is shorter. */
    public static String cell(List<String> row, Integer index) {
        return index == null || index < 0 || index >= row.size() ? "" : row.get(index).trim();
    }

    public static String csvTemplate(List<Column> columns) {
        return String.join(",", columns.stream().map(c -> SpreadsheetCells.cell(c.heading())).toList()) + "\r\n";
    }

    /** A workbook with the heading row only; every column is text, so ULNs keep their digits and dates their form. */
    public static byte[] xlsxTemplate(String sheetName, List<Column> columns) {
        try (XSSFWorkbook book = new XSSFWorkbook(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = book.createSheet(sheetName);
            CellStyle bold = book.createCellStyle();
            Font font = book.createFont();
            font.setBold(true);
            bold.setFont(font);
            CellStyle text = book.createCellStyle();
            text.setDataFormat(book.createDataFormat().getFormat("@"));
            Row header = sheet.createRow(0);
            for (int i = 0; i < columns.size(); i++) {
                Cell cell = header.createCell(i);
                cell.setCellValue(columns.get(i).heading());
                cell.setCellStyle(bold);
                sheet.setDefaultColumnStyle(i, text);
                sheet.setColumnWidth(i, 20 * 256);
            }
            sheet.createFreezePane(0, 1);
            book.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<List<String>> readXlsx(byte[] bytes) {
        try (Workbook book = open(bytes)) {
            if (book.getNumberOfSheets() == 0) {
                throw new Unreadable("the workbook has no sheet");
            }
            // The first sheet holds the rows; others (notes, lists) are not read.
            Sheet sheet = book.getSheetAt(0);
            DataFormatter formatter = new DataFormatter(Locale.ROOT);
            List<List<String>> rows = new ArrayList<>();
            for (int r = 0; r <= sheet.getLastRowNum(); r++) {
                Row row = sheet.getRow(r);
                List<String> cells = new ArrayList<>();
                if (row != null) {
                    for (int c = 0; c < Math.max(0, row.getLastCellNum()); c++) {
                        cells.add(text(row.getCell(c), formatter));
                    }
                }
                rows.add(cells);
            }
            return rows;
        } catch (IOException e) {
            throw new Unreadable("the file cannot be read as an .xlsx spreadsheet: " + e.getMessage());
        }
    }

    private static Workbook open(byte[] bytes) {
        try {
            return new XSSFWorkbook(new ByteArrayInputStream(bytes));
        } catch (Exception | LinkageError e) {
            // POI answers a non-zip, a truncated zip, a zip bomb or a zip of something else with assorted exceptions.
            throw new Unreadable("the file is neither CSV nor an .xlsx spreadsheet (save it from Excel or LibreOffice "
                    + "as .xlsx or as CSV UTF-8)");
        }
    }

    /** A date cell as an ISO date (its display format is the computer's locale); a number as its plain digits. */
    private static String text(Cell cell, DataFormatter formatter) {
        if (cell == null) {
            return "";
        }
        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
        return switch (type) {
            case NUMERIC -> {
                if (DateUtil.isCellDateFormatted(cell)) {
                    yield cell.getLocalDateTimeCellValue().toLocalDate().toString();
                }
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

    /** The file as a whole cannot be used; the message says why. */
    public static class Unreadable extends RuntimeException {
        public Unreadable(String message) {
            super(message);
        }
    }

    /** Just enough RFC 4180: quoted cells may hold commas, doubled quotes and line breaks. */
    static final class Csv {
        static List<List<String>> parse(String text) {
            List<List<String>> rows = new ArrayList<>();
            List<String> row = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (quoted) {
                    if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        cell.append(c);
                    }
                } else if (c == '"') {
                    quoted = true;
                } else if (c == ',') {
                    row.add(cell.toString());
                    cell.setLength(0);
                } else if (c == '\n' || c == '\r') {
                    if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                        i++;
                    }
                    row.add(cell.toString());
                    cell.setLength(0);
                    rows.add(row);
                    row = new ArrayList<>();
                } else {
                    cell.append(c);
                }
            }
            if (cell.length() > 0 || !row.isEmpty()) {
                row.add(cell.toString());
                rows.add(row);
            }
            return rows;
        }
    }
}
