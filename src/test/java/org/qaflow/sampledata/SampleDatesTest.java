package org.qaflow.sampledata;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Sample-data dates are read relative to the load day, whichever day that is. */
class SampleDatesTest {

    private final SampleDates dates = new SampleDates(LocalDate.of(2031, 3, 31));

    @Test
    void relativeDatesCountFromTheLoadDayAndIsoDatesStayFixed() {
        assertThat(dates.parse("-40d", "x")).isEqualTo(LocalDate.of(2031, 2, 19));
        assertThat(dates.parse("+2w", "x")).isEqualTo(LocalDate.of(2031, 4, 14));
        assertThat(dates.parse("-1m", "x")).isEqualTo(LocalDate.of(2031, 2, 28));
        assertThat(dates.parse("+1y", "x")).isEqualTo(LocalDate.of(2032, 3, 31));
        assertThat(dates.parse("+0d", "x")).isEqualTo(LocalDate.of(2031, 3, 31));
        assertThat(dates.parse("1994-03-14", "x")).isEqualTo(LocalDate.of(1994, 3, 14));
        assertThat(dates.parse(null, "x")).isNull();
    }

    @Test
    void aBadDateSaysWhereItIsAndWhatIsAccepted() {
        assertThatThrownBy(() -> dates.parse("40 days ago", "centres.yaml: centre NSA01, CPD of Asha Patel"))
                .hasMessageContaining("centres.yaml: centre NSA01, CPD of Asha Patel")
                .hasMessageContaining("\"40 days ago\"").hasMessageContaining("-40d");
        assertThatThrownBy(() -> dates.parse("-40", "x")).hasMessageContaining("\"-40\"");
    }
}
