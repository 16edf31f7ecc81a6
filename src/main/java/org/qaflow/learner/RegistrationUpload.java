package org.qaflow.learner;

import jakarta.validation.Validator;
import org.qaflow.problem.BadRequestException;
import org.qaflow.problem.ConflictException;
import org.qaflow.problem.Violations;
import org.qaflow.security.AppUser;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.*;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A spreadsheet (CSV) of registrations, all or nothing: every row is checked first and errors are reported by row
 * and column; only when every row passes are they registered, in one transaction.
 */
@Service
public class RegistrationUpload {

    public static final List<String> COLUMNS =
            List.of("firstName", "lastName", "dateOfBirth", "uln", "qualification", "units", "assessor");
    private static final Pattern FIELD_MESSAGE = Pattern.compile("^(\\w+): (.*)$", Pattern.DOTALL);

    private final RegistrationService registration;
    private final TransactionTemplate tx;
    private final Validator validator;

    public RegistrationUpload(RegistrationService registration, TransactionTemplate tx, Validator validator) {
        this.registration = registration;
        this.tx = tx;
        this.validator = validator;
    }

    public record RowError(int row, String column, String value, String message) {
    }

    public record Result(int rows, List<RowError> errors, List<Long> claimIds) {
        public boolean imported() {
            return errors.isEmpty() && !claimIds.isEmpty();
        }
    }

    public record FieldError(String field, String message) {
    }

    public Result importCsv(String text, AppUser provider) {
        List<List<String>> lines = Csv.parse(text.startsWith("\uFEFF") ? text.substring(1) : text);
        if (lines.isEmpty()) {
            return new Result(0, List.of(new RowError(1, "file", "", "the file is empty")), List.of());
        }
        List<String> header = lines.get(0).stream().map(String::trim).toList();
        List<RowError> errors = new ArrayList<>();
        Map<String, Integer> index = new HashMap<>();
        for (String column : COLUMNS) {
            int i = header.indexOf(column);
            if (i < 0 && !column.equals("units")) {
                errors.add(new RowError(1, column, "", "the header row has no column " + column + "; expected "
                        + String.join(",", COLUMNS)));
            }
            index.put(column, i);
        }
        if (!errors.isEmpty()) {
            return new Result(0, errors, List.of());
        }
        List<RegistrationService.Registration> registrations = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Map<String, Map.Entry<Integer, String>> people = new HashMap<>();
        for (int n = 1; n < lines.size(); n++) {
            List<String> cells = lines.get(n);
            if (cells.stream().allMatch(String::isBlank)) {
                continue;
            }
            int row = n + 1; // as the spreadsheet numbers it, the header being row 1
            Map<String, String> v = new HashMap<>();
            COLUMNS.forEach(c -> v.put(c, cell(cells, index.get(c))));
            LocalDate dob = null;
            try {
                dob = v.get("dateOfBirth").isBlank() ? null : LocalDate.parse(v.get("dateOfBirth"));
            } catch (DateTimeParseException e) {
                errors.add(new RowError(row, "dateOfBirth", v.get("dateOfBirth"), "not a date (yyyy-mm-dd)"));
                continue;
            }
            var r = new RegistrationService.Registration(v.get("firstName"), v.get("lastName"), dob, v.get("uln"),
                    v.get("qualification"), units(v.get("units")), v.get("assessor"));
            if (!seen.add(v.get("uln") + "|" + v.get("qualification").replace('-', '/'))) {
                errors.add(new RowError(row, "uln", v.get("uln"), "this learner is on this qualification in an "
                        + "earlier row of the file"));
                continue;
            }
            // Every bad cell of the row at once, each under its own column.
            var invalid = Violations.of(validator.validate(r));
            if (!invalid.isEmpty()) {
                invalid.forEach(p -> {
                    String column = p.field().replaceFirst("\\[.*", "");
                    errors.add(new RowError(row, column, v.getOrDefault(column, ""), p.message()));
                });
                continue;
            }
            // One ULN in two rows must be one person: otherwise the second row would join the first row's learner.
            String person = Learner.describe(v.get("firstName"), v.get("lastName"), dob);
            Map.Entry<Integer, String> first = people.putIfAbsent(v.get("uln"), Map.entry(row, person));
            if (first != null && !first.getValue().equalsIgnoreCase(person)) {
                errors.add(new RowError(row, "uln", v.get("uln"), "row " + first.getKey() + " gives this ULN to "
                        + first.getValue() + "; this row names " + person));
                continue;
            }
            try {
                registration.check(r, provider);
                registrations.add(r);
            } catch (BadRequestException | ConflictException e) {
                FieldError field = fieldOf(e.getMessage());
                errors.add(new RowError(row, field.field(), v.getOrDefault(field.field(), ""), field.message()));
            }
        }
        if (!errors.isEmpty() || registrations.isEmpty()) {
            if (registrations.isEmpty() && errors.isEmpty()) {
                errors.add(new RowError(2, "file", "", "the file has a header but no rows"));
            }
            return new Result(lines.size() - 1, errors, List.of());
        }
        // One transaction: should a row fail now after all (someone registered the learner meanwhile), none stays.
        List<Long> ids = tx.execute(status -> registrations.stream()
                .map(r -> registration.register(r, provider).getId()).toList());
        return new Result(registrations.size(), List.of(), ids);
    }

    /** Units as typed: separated by spaces, commas or semicolons. */
    static List<String> units(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.trim().split("[\\s,;]+")).filter(s -> !s.isBlank()).toList();
    }

    /** The service's messages start with the field they are about ("uln: ..."); a few name it in words. */
    static FieldError fieldOf(String message) {
        Matcher m = FIELD_MESSAGE.matcher(message == null ? "" : message);
        if (m.matches() && COLUMNS.contains(m.group(1))) {
            return new FieldError(m.group(1), m.group(2));
        }
        if (message != null && message.contains("is not approved for")) {
            return new FieldError("qualification", message);
        }
        if (message != null && message.contains("already registered")) {
            return new FieldError("uln", message);
        }
        return new FieldError("row", String.valueOf(message));
    }

    private static String cell(List<String> cells, Integer i) {
        return i == null || i < 0 || i >= cells.size() ? "" : cells.get(i).trim();
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
