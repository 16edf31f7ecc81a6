package org.qaflow.assessment;

import org.qaflow.catalogue.AssessmentCriterion;
import org.qaflow.catalogue.LearningOutcome;
import org.qaflow.catalogue.Qualification;
import org.qaflow.catalogue.QualificationRepository;
import org.qaflow.catalogue.Unit;
import org.qaflow.catalogue.UnitRepository;
import org.qaflow.centre.StaffMember;
import org.qaflow.centre.StaffRepository;
import org.qaflow.centre.StaffRole;
import org.qaflow.learner.*;
import org.qaflow.problem.HumanText;
import org.qaflow.rules.EligibilityResult;
import org.qaflow.security.AppUser;
import org.qaflow.security.AppUserRepository;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.*;

/**
 * A provider's spreadsheet (CSV or XLSX) of unit results for its own centre's learners, one row per unit achieved:
 * the learner's assessor judged every assessment criterion of the unit met, with the evidence method and where the
 * evidence is. Each row is recorded and signed off through {@link AssessmentService}, as the assessor's own form
 * does, so IQA sampling and the rest of the journey follow exactly as from the form. All or nothing: every problem of
 * every row is reported, and nothing is recorded unless every row is valid; then all rows in one transaction.
 */
@Service
public class ResultsUpload {

    public static final List<Spreadsheet.Column> SHEET = List.of(
            new Spreadsheet.Column("uln", "ULN", true, "Unique Learner Number", "learner number"),
            new Spreadsheet.Column("qualification", "Qualification", false, "qualification code", "QAN",
                    "qualification title"),
            new Spreadsheet.Column("unit", "Unit", true, "unit reference", "unit ref", "unit code"),
            new Spreadsheet.Column("outcome", "Outcome", true, "result", "judgement"),
            new Spreadsheet.Column("dateAssessed", "Date assessed", true, "assessment date", "assessed on",
                    "date"),
            new Spreadsheet.Column("assessor", "Assessor", true, "assessor user name", "assessor username",
                    "assessor name"),
            new Spreadsheet.Column("method", "Evidence method", true, "method", "assessment method"),
            new Spreadsheet.Column("location", "Evidence location", true, "location", "portfolio location",
                    "where the evidence is"));

    /** The words a centre writes for a unit achieved; anything else is not a result this upload can record. */
    private static final Set<String> ACHIEVED = Set.of("achieved", "met", "pass", "passed", "competent");

    private final LearnerRepository learners;
    private final ClaimRepository claims;
    private final UnitRepository units;
    private final QualificationRepository qualifications;
    private final StaffRepository staff;
    private final AppUserRepository users;
    private final RegistrationService registration;
    private final AssessmentService assessment;
    private final Timeline timeline;
    private final TransactionTemplate tx;
    private final TransactionTemplate readOnly;
    private final Clock clock;

    public ResultsUpload(LearnerRepository learners, ClaimRepository claims, UnitRepository units,
                         QualificationRepository qualifications, StaffRepository staff, AppUserRepository users,
                         RegistrationService registration, AssessmentService assessment, Timeline timeline,
                         TransactionTemplate tx, Clock clock) {
        this.learners = learners;
        this.claims = claims;
        this.units = units;
        this.qualifications = qualifications;
        this.staff = staff;
        this.users = users;
        this.registration = registration;
        this.assessment = assessment;
        this.timeline = timeline;
        this.tx = tx;
        this.readOnly = new TransactionTemplate(tx.getTransactionManager());
        this.readOnly.setReadOnly(true);
        this.clock = clock;
    }

    public record Result(int rows, List<RegistrationUpload.RowError> errors, List<String> signedOff) {
        public boolean imported() {
            return errors.isEmpty() && !signedOff.isEmpty();
        }
    }

    /** A row that passed every check: what will be recorded, and as whom. */
    private record Checked(int row, long claimId, String unitRef, List<AssessmentService.EvidenceEntry> evidence,
                           AppUser assessor, LocalDate assessedOn, String learner) {
    }

    public Result importFile(byte[] file, AppUser provider) {
        List<List<String>> lines;
        try {
            lines = Spreadsheet.read(file);
        } catch (Spreadsheet.Unreadable e) {
            return new Result(0, List.of(new RegistrationUpload.RowError(1, "file", "", e.getMessage())), List.of());
        }
        if (lines.isEmpty()) {
            return new Result(0, List.of(new RegistrationUpload.RowError(1, "file", "", "the file is empty")),
                    List.of());
        }
        List<String> header = lines.get(0);
        List<String> headerProblems = new ArrayList<>();
        Map<String, Integer> index = Spreadsheet.columns(header, SHEET, headerProblems);
        if (!headerProblems.isEmpty()) {
            return new Result(0, headerProblems.stream()
                    .map(p -> new RegistrationUpload.RowError(1, "header", "", p)).toList(), List.of());
        }
        Map<String, String> headings = new HashMap<>();
        index.forEach((field, i) -> headings.put(field, header.get(i).trim()));
        List<RegistrationUpload.RowError> errors = new ArrayList<>();
        List<Checked> checked = new ArrayList<>();
        // Every row is checked in one read-only transaction (claims and units load lazily), before anything is written.
        int rows = readOnly.execute(status -> checkRows(lines, index, headings, provider, errors, checked));
        if (!errors.isEmpty() || checked.isEmpty()) {
            if (checked.isEmpty() && errors.isEmpty()) {
                errors.add(new RegistrationUpload.RowError(2, "file", "", "the file has a header but no rows"));
            }
            return new Result(rows, errors, List.of());
        }
        // One transaction, every row through the assessment service: should a row fail now after all (the assessor
        // signed the unit off on the form meanwhile), nothing of the file stays.
        List<String> done = new ArrayList<>();
        Checked[] current = new Checked[1]; // the row being recorded, to name it if recording fails
        try {
            tx.executeWithoutResult(status -> {
                for (Checked c : checked) {
                    current[0] = c;
                    assessment.recordEvidence(c.claimId(), c.unitRef(), c.evidence(), c.assessor());
                    assessment.signOff(c.claimId(), List.of(c.unitRef()), c.assessor());
                    Claim claim = claims.findById(c.claimId()).orElseThrow();
                    timeline.record(claim, c.unitRef(), provider.getUsername(), "result uploaded",
                            "assessed on " + c.assessedOn() + " by " + c.assessor().getDisplayName()
                                    + ": every assessment criterion met", null);
                    done.add(c.learner() + " " + c.unitRef());
                }
            });
        } catch (RuntimeException e) {
            Checked failed = current[0];
            return new Result(rows, List.of(new RegistrationUpload.RowError(failed == null ? 1 : failed.row(), "row",
                    "", "nothing was recorded: " + e.getMessage())), List.of());
        }
        return new Result(rows, List.of(), done);
    }

    private int checkRows(List<List<String>> lines, Map<String, Integer> index, Map<String, String> headings,
                          AppUser provider, List<RegistrationUpload.RowError> errors, List<Checked> checked) {
        List<StaffMember> assessors = staff.findByCentreIdOrderByName(provider.getCentreId()).stream()
                .filter(s -> s.getRole() == StaffRole.ASSESSOR).toList();
        List<Qualification> catalogue = qualifications.findAll();

        Map<String, Integer> seen = new HashMap<>();
        int rows = 0;
        for (int n = 1; n < lines.size(); n++) {
            List<String> cells = lines.get(n);
            if (cells.stream().allMatch(String::isBlank)) {
                continue;
            }
            rows++;
            int row = n + 1;
            Map<String, String> v = new HashMap<>();
            SHEET.forEach(c -> v.put(c.field(), Spreadsheet.cell(cells, index.get(c.field()))));
            RowCheck check = new RowCheck(row, v, headings, errors);
            Checked ok = check(check, provider, assessors, catalogue);
            if (ok != null) {
                Integer earlier = seen.putIfAbsent(ok.claimId() + "|" + ok.unitRef(), row);
                if (earlier != null) {
                    check.problem("unit", "row " + earlier + " already gives this learner's result for "
                            + ok.unitRef());
                } else if (check.clean()) {
                    checked.add(ok);
                }
            }
        }
        return rows;
    }

    /** One row's problems, each under the file's own heading for its column. */
    private static final class RowCheck {
        final int row;
        final Map<String, String> v;
        final Map<String, String> headings;
        final List<RegistrationUpload.RowError> errors;
        int found;

        RowCheck(int row, Map<String, String> v, Map<String, String> headings, List<RegistrationUpload.RowError> errors) {
            this.row = row;
            this.v = v;
            this.headings = headings;
            this.errors = errors;
        }

        void problem(String field, String message) {
            errors.add(new RegistrationUpload.RowError(row, headings.getOrDefault(field, field),
                    v.getOrDefault(field, ""), message));
            found++;
        }

        boolean clean() {
            return found == 0;
        }

        String get(String field) {
            return v.get(field);
        }
    }

    private Checked check(RowCheck r, AppUser provider, List<StaffMember> assessors, List<Qualification> catalogue) {
        // Cells that can be judged on their own first, so a row with several mistakes shows them all.
        String outcome = r.get("outcome");
        if (outcome.isBlank()) {
            r.problem("outcome", "Enter the outcome: Achieved");
        } else if (!ACHIEVED.contains(outcome.toLowerCase(Locale.ROOT).trim())) {
            r.problem("outcome", "'" + outcome + "' cannot be uploaded: only units achieved (every criterion met) "
                    + "are; record criteria not yet met on the assessment form, with feedback for the learner");
        }
        LocalDate assessedOn = null;
        LocalDate today = LocalDate.now(clock);
        if (r.get("dateAssessed").isBlank()) {
            r.problem("dateAssessed", "Enter the date the unit was assessed");
        } else {
            assessedOn = HumanDates.parse(r.get("dateAssessed")).orElse(null);
            if (assessedOn == null) {
                r.problem("dateAssessed", HumanDates.notADate(r.get("dateAssessed")));
            } else if (assessedOn.isAfter(today)) {
                r.problem("dateAssessed", "The date assessed, " + assessedOn + ", is in the future");
            }
        }
        EvidenceMethod method = null;
        if (r.get("method").isBlank()) {
            r.problem("method", "Enter how the evidence was gathered, e.g. Observation");
        } else {
            method = method(r.get("method"));
            if (method == null) {
                r.problem("method", "'" + r.get("method") + "' is not an evidence method; the methods are "
                        + String.join(", ", Arrays.stream(EvidenceMethod.values()).map(ResultsUpload::words).toList()));
            }
        }
        String location = r.get("location");
        if (location.isBlank()) {
            r.problem("location", "Enter where the evidence is in the portfolio");
        } else {
            String text = HumanText.Check.problem(location, 500, false);
            if (text != null) {
                r.problem("location", text);
            }
        }
        String unitRef = r.get("unit").toUpperCase(Locale.ROOT);
        Unit unit = null;
        if (unitRef.isBlank()) {
            r.problem("unit", "Enter the unit reference, e.g. L4B1");
        } else {
            unit = units.findById(unitRef).orElse(null);
            if (unit == null) {
                r.problem("unit", "There is no unit " + r.get("unit") + " in the specification");
            } else if (method == EvidenceMethod.SIMULATION) {
                List<Integer> refused = unit.getOutcomes().stream().filter(o -> !o.isSimulationAllowed())
                        .map(LearningOutcome::getNumber).toList();
                if (!refused.isEmpty()) {
                    r.problem("method", "simulation is not allowed for " + unitRef + " learning outcome(s) "
                            + refused + "; the unit's assessor guidance permits it only where stated");
                }
            }
        }
        StaffMember named = null;
        if (r.get("assessor").isBlank()) {
            r.problem("assessor", "Enter the assessor's user name or name");
        } else {
            named = assessors.stream().filter(s -> s.getUsername() != null
                            && (s.getUsername().equalsIgnoreCase(r.get("assessor"))
                            || s.getName().trim().equalsIgnoreCase(r.get("assessor"))))
                    .findFirst().orElse(null);
            if (named == null) {
                r.problem("assessor", "'" + r.get("assessor") + "' is not an assessor at your centre");
            }
        }
        // The learner: by ULN, at the provider's own centre only (another centre's learners are not found).
        String uln = r.get("uln");
        if (!uln.matches("\\d{10}")) {
            r.problem("uln", uln.isBlank() ? "Enter the learner's ten-digit Unique Learner Number (ULN)"
                    : "a Unique Learner Number is ten digits");
            return null;
        }
        Learner learner = learners.findByCentreIdAndUln(provider.getCentreId(), uln).orElse(null);
        if (learner == null) {
            r.problem("uln", "No learner with ULN " + uln + " is registered at your centre");
            return null;
        }
        if (unit == null) {
            return null;
        }
        String qan = r.get("qualification").isBlank() ? null : catalogue.stream()
                .filter(q -> Spreadsheet.key(q.getTitle()).equals(Spreadsheet.key(r.get("qualification")))
                        || q.getQan().replace("/", "").equals(Spreadsheet.key(r.get("qualification")).replace("/", "")))
                .map(Qualification::getQan).findFirst().orElse("?");
        if ("?".equals(qan)) {
            r.problem("qualification", "There is no qualification " + r.get("qualification"));
            return null;
        }
        String ref = unitRef;
        List<Claim> open = claims.findByLearnerIdOrderById(learner.getId()).stream()
                .filter(c -> c.getStatus() != ClaimStatus.WITHDRAWN && c.getStatus() != ClaimStatus.CERTIFICATE_ISSUED)
                .filter(c -> qan == null || c.getQan().equals(qan))
                .filter(c -> c.unit(ref).isPresent()).toList();
        if (open.isEmpty()) {
            r.problem("unit", learner.describe() + " has no open registration with unit " + ref
                    + (qan == null ? "" : " on " + qan));
            return null;
        }
        if (open.size() > 1) {
            r.problem("qualification", learner.describe() + " takes " + ref + " on " + open.size()
                    + " qualifications (" + String.join(", ", open.stream().map(Claim::getQan).toList())
                    + "); say which in the Qualification column");
            return null;
        }
        Claim claim = open.get(0);
        ClaimUnit claimUnit = claim.unit(ref).orElseThrow();
        if (claimUnit.getSignedOffAt() != null && claimUnit.getStatus() != UnitStatus.REFERRED_BACK) {
            r.problem("unit", ref + " of " + learner.describe() + " is already signed off ("
                    + claimUnit.getStatus().words() + ")");
        }
        if (assessedOn != null && assessedOn.isBefore(LocalDate.ofInstant(claim.getRegisteredAt(), ZoneOffset.UTC))) {
            r.problem("dateAssessed", "The date assessed, " + assessedOn + ", is before the learner was registered"
                    + " on " + LocalDate.ofInstant(claim.getRegisteredAt(), ZoneOffset.UTC));
        }
        AppUser assessorUser = null;
        if (named != null) {
            StaffMember assigned = claim.getAssessor();
            if (!named.getId().equals(assigned.getId())) {
                r.problem("assessor", named.getName() + " is not this learner's assessor (" + assigned.getName()
                        + " is); only the assigned assessor's judgement can be recorded. Reassign the learner first "
                        + "if another assessor assessed them");
            } else {
                EligibilityResult eligibility = registration.assessorEligibility(claim, assigned);
                if (!eligibility.eligible()) {
                    r.problem("assessor", assigned.getName() + " is not eligible to assess this learner today: "
                            + String.join("; ", eligibility.reasons()) + " (rule set "
                            + eligibility.ruleSetVersion() + ")");
                }
                assessorUser = users.findById(assigned.getUsername()).orElse(null);
                if (assessorUser == null) {
                    r.problem("assessor", assigned.getName() + " has no qaflow login to sign off with");
                }
            }
        }
        if (!r.clean() || assessorUser == null || method == null) {
            return null;
        }
        EvidenceMethod m = method;
        List<AssessmentService.EvidenceEntry> evidence = new ArrayList<>();
        for (AssessmentCriterion criterion : unit.getCriteria()) {
            evidence.add(new AssessmentService.EvidenceEntry(criterion.getKey(), m, location.trim(), Judgement.MET,
                    null));
        }
        return new Checked(r.row, claim.getId(), ref, evidence, assessorUser, assessedOn, learner.describe());
    }

    /** "Professional discussion", "professional_discussion", "PROFESSIONAL_DISCUSSION" */
    private static EvidenceMethod method(String text) {
        String key = Spreadsheet.key(text);
        return Arrays.stream(EvidenceMethod.values()).filter(m -> Spreadsheet.key(m.name()).equals(key))
                .findFirst().orElse(null);
    }

    private static String words(EvidenceMethod m) {
        String w = m.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(w.charAt(0)) + w.substring(1);
    }
}
