package org.qaflow.learner;

import org.qaflow.catalogue.Qualification;
import org.qaflow.catalogue.QualificationRepository;
import org.qaflow.centre.StaffMember;
import org.qaflow.centre.StaffRepository;
import org.qaflow.centre.StaffRole;
import org.qaflow.problem.BadRequestException;
import org.qaflow.problem.ConflictException;
import org.qaflow.problem.FieldProblems;
import org.qaflow.problem.Violations;
import org.qaflow.security.AppUser;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.*;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A spreadsheet (CSV or XLSX) of registrations, all or nothing: every row is checked first and every problem of
 * every row is reported, by row and by the file's own column heading; only when every row passes are they
 * registered, in one transaction.
 */
@Service
public class RegistrationUpload {

    public static final List<Spreadsheet.Column> SHEET = List.of(
            new Spreadsheet.Column("firstName", "First name", true, "forename", "given name"),
            new Spreadsheet.Column("lastName", "Last name", true, "surname", "family name"),
            new Spreadsheet.Column("dateOfBirth", "Date of birth", true, "DOB", "birth date"),
            new Spreadsheet.Column("uln", "ULN", true, "Unique Learner Number", "learner number"),
            new Spreadsheet.Column("qualification", "Qualification", true, "qualification code", "QAN",
                    "qualification title", "qualification number"),
            new Spreadsheet.Column("units", "Units", false, "unit", "unit references", "optional units"),
            new Spreadsheet.Column("assessor", "Assessor", true, "assessor user name", "assessor username",
                    "assessor name"));
    /** The fields, in the template's order. */
    public static final List<String> COLUMNS = SHEET.stream().map(Spreadsheet.Column::field).toList();
    private static final Pattern FIELD_MESSAGE = Pattern.compile("^(\\w+): (.*)$", Pattern.DOTALL);

    private final RegistrationService registration;
    private final QualificationRepository qualifications;
    private final StaffRepository staff;
    private final TransactionTemplate tx;

    public RegistrationUpload(RegistrationService registration, QualificationRepository qualifications,
                              StaffRepository staff, TransactionTemplate tx) {
        this.registration = registration;
        this.qualifications = qualifications;
        this.staff = staff;
        this.tx = tx;
    }

    /** column: the heading as the file writes it ("Date of birth"), or "file" for the file as a whole. */
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
        return importFile(text.getBytes(StandardCharsets.UTF_8), provider);
    }

    public Result importFile(byte[] file, AppUser provider) {
        List<List<String>> lines;
        try {
            lines = Spreadsheet.read(file);
        } catch (Spreadsheet.Unreadable e) {
            return new Result(0, List.of(new RowError(1, "file", "", e.getMessage())), List.of());
        }
        if (lines.isEmpty()) {
            return new Result(0, List.of(new RowError(1, "file", "", "the file is empty")), List.of());
        }
        List<String> header = lines.get(0);
        List<String> headerProblems = new ArrayList<>();
        Map<String, Integer> index = Spreadsheet.columns(header, SHEET, headerProblems);
        if (!headerProblems.isEmpty()) {
            return new Result(0, headerProblems.stream().map(p -> new RowError(1, "header", "", p)).toList(),
                    List.of());
        }
        Map<String, String> headings = new HashMap<>();
        index.forEach((field, i) -> headings.put(field, header.get(i).trim()));
        List<StaffMember> assessors = staff.findByCentreIdOrderByName(provider.getCentreId()).stream()
                .filter(s -> s.getRole() == StaffRole.ASSESSOR).toList();
        List<Qualification> catalogue = qualifications.findAll();

        List<RowError> errors = new ArrayList<>();
        List<RegistrationService.Registration> registrations = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Map<String, Map.Entry<Integer, String>> people = new HashMap<>();
        int rows = 0;
        for (int n = 1; n < lines.size(); n++) {
            List<String> cells = lines.get(n);
            if (cells.stream().allMatch(String::isBlank)) {
                continue;
            }
            rows++;
            int row = n + 1; // as the spreadsheet numbers it, the header being row 1
            Map<String, String> v = new HashMap<>();
            COLUMNS.forEach(c -> v.put(c, Spreadsheet.cell(cells, index.get(c))));
            List<RowError> rowErrors = new ArrayList<>();
            LocalDate dob = null;
            if (!v.get("dateOfBirth").isBlank()) {
                dob = HumanDates.parse(v.get("dateOfBirth")).orElse(null);
                if (dob == null) {
                    rowErrors.add(error(row, headings, "dateOfBirth", v, HumanDates.notADate(v.get("dateOfBirth"))));
                }
            }
            String qan = qan(v.get("qualification"), catalogue);
            var r = new RegistrationService.Registration(v.get("firstName"), v.get("lastName"), dob, v.get("uln"),
                    qan, units(v.get("units")), assessor(v.get("assessor"), assessors));
            if (!v.get("uln").isBlank() && !seen.add(v.get("uln") + "|" + qan.replace('-', '/'))) {
                rowErrors.add(error(row, headings, "uln", v, "this learner is on this qualification in an earlier "
                        + "row of the file"));
            }
            // One ULN in two rows must be one person: otherwise the second row would join the first row's learner.
            if (dob != null && !v.get("uln").isBlank()) {
                String person = Learner.describe(v.get("firstName"), v.get("lastName"), dob);
                Map.Entry<Integer, String> first = people.putIfAbsent(v.get("uln"), Map.entry(row, person));
                if (first != null && !first.getValue().equalsIgnoreCase(person)) {
                    rowErrors.add(error(row, headings, "uln", v, "row " + first.getKey() + " gives this ULN to "
                            + first.getValue() + "; this row names " + person));
                }
            }
            try {
                registration.check(r, provider);
            } catch (FieldProblems e) {
                for (Object o : e.errors()) {
                    var p = (Violations.FieldProblem) o;
                    String field = p.field().replaceFirst("\\[.*", "");
                    if (!(field.equals("dateOfBirth") && dob == null && !v.get("dateOfBirth").isBlank())) {
                        rowErrors.add(error(row, headings, field, v, p.message()));
                    }
                }
            } catch (BadRequestException | ConflictException e) {
                FieldError field = fieldOf(e.getMessage());
                rowErrors.add(error(row, headings, field.field(), v, field.message()));
            }
            if (rowErrors.isEmpty()) {
                registrations.add(r);
            }
            errors.addAll(rowErrors);
        }
        if (!errors.isEmpty() || registrations.isEmpty()) {
            if (registrations.isEmpty() && errors.isEmpty()) {
                errors.add(new RowError(2, "file", "", "the file has a header but no rows"));
            }
            return new Result(rows, errors, List.of());
        }
        // One transaction: should a row fail now after all (someone registered the learner meanwhile), none stays.
        List<Long> ids = tx.execute(status -> registrations.stream()
                .map(r -> registration.register(r, provider).getId()).toList());
        return new Result(registrations.size(), List.of(), ids);
    }

    /** The qualification as the row names it: its number (610/3769/2 or 610-3769-2) or its title. */
    private static String qan(String given, List<Qualification> catalogue) {
        String key = Spreadsheet.key(given);
        return catalogue.stream().filter(q -> Spreadsheet.key(q.getTitle()).equals(key)
                        || Spreadsheet.key(q.getQan().replace("/", "")).equals(key.replace("/", "")))
                .map(Qualification::getQan).findFirst().orElse(given);
    }

    /** The assessor as the row names them: user name or full name, among the centre's assessors. */
    private static String assessor(String given, List<StaffMember> assessors) {
        return assessors.stream().filter(s -> s.getUsername() != null && (s.getUsername().equalsIgnoreCase(given)
                        || s.getName().trim().equalsIgnoreCase(given.trim())))
                .map(StaffMember::getUsername).findFirst().orElse(given);
    }

    private static RowError error(int row, Map<String, String> headings, String field, Map<String, String> values,
                                  String message) {
        return new RowError(row, headings.getOrDefault(field, field), values.getOrDefault(field, ""), message);
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
}
