package org.qaflow.learner;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SpreadsheetCellsTest {

    @Test
    void cellsThatASpreadsheetWouldReadAsFormulasAreKeptAsText() {
        assertThat(SpreadsheetCells.cell("=HYPERLINK(\"http://x\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\")\"");
        assertThat(SpreadsheetCells.cell("+44")).isEqualTo("\"'+44\"");
        assertThat(SpreadsheetCells.cell("-1")).isEqualTo("\"'-1\"");
        assertThat(SpreadsheetCells.cell("@SUM(A1)")).isEqualTo("\"'@SUM(A1)\"");
        assertThat(SpreadsheetCells.cell("Ada Lovelace")).isEqualTo("\"Ada Lovelace\"");
        assertThat(SpreadsheetCells.cell(null)).isEmpty();
    }
}
