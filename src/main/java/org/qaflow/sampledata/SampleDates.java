package org.qaflow.sampledata;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates in sample-data/ are written relative to the day the database is first filled ("-40d", "+2w", "-3m", "+1y"),
 * so CPD, visits and everything judged against the clock read the same on any load day. A plain ISO date stays fixed.
 */
final class SampleDates {

    private static final Pattern RELATIVE = Pattern.compile("([+-])(\\d{1,5})([dwmy])");

    private final LocalDate loadDay;

    SampleDates(LocalDate loadDay) {
        this.loadDay = loadDay;
    }

    /** @param where names the file and entry, for the error a bad value gets */
    LocalDate parse(String value, String where) {
        if (value == null) {
            return null;
        }
        String text = value.trim();
        Matcher m = RELATIVE.matcher(text);
        if (m.matches()) {
            long n = Long.parseLong(m.group(2)) * ("-".equals(m.group(1)) ? -1 : 1);
            return switch (m.group(3)) {
                case "d" -> loadDay.plusDays(n);
                case "w" -> loadDay.plusWeeks(n);
                case "m" -> loadDay.plusMonths(n);
                default -> loadDay.plusYears(n);
            };
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalStateException(where + ": date \"" + value + "\" is neither relative to the load day"
                    + " (a sign, a number and d, w, m or y, e.g. -40d, +1y) nor an ISO date (2026-03-10)");
        }
    }
}
