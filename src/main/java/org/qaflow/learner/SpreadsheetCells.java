package org.qaflow.learner;

/** CSV cells a spreadsheet opens safely: quoted, and never read as a formula (CSV injection). */
final class SpreadsheetCells {

    private SpreadsheetCells() {
    }

    static String cell(String value) {
        if (value == null) {
            return "";
        }
        String text = value;
        // A learner's name such as "=HYPERLINK(...)" must stay text: a leading quote makes spreadsheets show it as typed.
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }
}
