package org.qaflow.learner;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Dates as centre staff type them: UK day/month/year (12/05/1990, 12-05-1990, 12.05.1990) or ISO (1990-05-12). */
public final class HumanDates {

    public static final String EXAMPLE = "a date such as 12/05/1990 (day/month/year) or 1990-05-12";

    private static final Pattern UK = Pattern.compile("(\\d{1,2})[/.-](\\d{1,2})[/.-](\\d{4})");
    private static final Pattern ISO = Pattern.compile("(\\d{4})-(\\d{1,2})-(\\d{1,2})");

    private HumanDates() {
    }

    /** The date, or empty when the text is not one of the accepted forms or names no real day (31/02/1990). */
    public static Optional<LocalDate> parse(String text) {
        String t = text == null ? "" : text.trim();
        try {
            Matcher m = UK.matcher(t);
            if (m.matches()) {
                return Optional.of(LocalDate.of(Integer.parseInt(m.group(3)), Integer.parseInt(m.group(2)),
                        Integer.parseInt(m.group(1))));
            }
            m = ISO.matcher(t);
            if (m.matches()) {
                return Optional.of(LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                        Integer.parseInt(m.group(3))));
            }
        } catch (DateTimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    public static String notADate(String text) {
        return "'" + text + "' is not a date: enter " + EXAMPLE;
    }
}
