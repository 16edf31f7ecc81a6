package org.qaflow.audit;

import java.util.List;
import java.util.stream.Collectors;

/**
 * CSV that is safe to open in a spreadsheet: every cell quoted, and a cell that a spreadsheet would read as a formula
 * (starting with = + - @, tab or carriage return, e.g. a learner "named" {@code =HYPERLINK("http://evil","click")})
 * prefixed with a single quote, so it shows as the text that was typed and never runs (OWASP "CSV injection").
 */
public final class CsvCells {

    private CsvCells() {
    }

    public static String cell(Object value) {
        if (value == null) {
            return "";
        }
        String text = value.toString();
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }

    public static String row(List<?> values) {
        return values.stream().map(CsvCells::cell).collect(Collectors.joining(",")) + "\r\n";
    }
}
