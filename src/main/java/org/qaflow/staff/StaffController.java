package org.qaflow.staff;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.qaflow.centre.StaffMember;
import org.qaflow.centre.StaffRole;
import org.qaflow.problem.BadRequestException;
import org.qaflow.problem.DateRange;
import org.qaflow.problem.HumanText;
import org.qaflow.problem.Refuses;
import org.qaflow.rules.EligibilityResult;
import org.qaflow.security.CurrentUser;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.*;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

/** A centre's assessors and IQAs: added and kept by the centre's provider (or a quality manager). */
@RestController
@Tag(name = "Staff", description = "Assessors and IQAs: qualifications, competence, CPD, eligibility")
public class StaffController {

    private final StaffAdministration admin;
    private final StaffEligibility eligibility;
    private final CurrentUser currentUser;
    private final Clock clock;

    public StaffController(StaffAdministration admin, StaffEligibility eligibility, CurrentUser currentUser,
                           Clock clock) {
        this.admin = admin;
        this.eligibility = eligibility;
        this.currentUser = currentUser;
        this.clock = clock;
    }

    /** Booleans and numbers are boxed so that a missing field is refused by name, not read as false or 0. */
    public record NewStaffBody(@NotBlank(message = "required: the login name")
                               @Pattern(regexp = "[a-z0-9][a-z0-9._-]{2,49}",
                                       message = "3 to 50 lower-case letters, digits, '.', '_' or '-'")
                               String username,
                               @NotBlank(message = "required") @HumanText(max = 200) String name,
                               @NotNull(message = "required: ASSESSOR or IQA") StaffRole role,
                               @NotNull(message = "required: the level of occupational competence, e.g. 5")
                               @Min(value = 1, message = "a level from 1 to 8") @Max(value = 8, message = "a level from 1 to 8")
                               Integer occupationalCompetenceLevel,
                               @NotNull(message = "required: true or false") Boolean salesLeadershipCompetence,
                               @HumanText(max = 500, multiline = true) String competenceEvidence) {
    }

    public record QualificationBody(@NotBlank(message = "required, e.g. L3_CAVA") @HumanText(max = 30) String code,
                                    @NotNull(message = "required: HELD, WORKING_TOWARDS or ABANDONED")
                                    StaffMember.QualificationStatus status,
                                    @NotNull(message = "required: the date achieved, or the registration date when "
                                            + "working towards (yyyy-mm-dd)") @DateRange(yearsAhead = 0) LocalDate date) {
    }

    public record CpdBody(@NotNull(message = "required (yyyy-mm-dd)") @DateRange(yearsAhead = 0) LocalDate date,
                          @NotNull(message = "required: hours spent, e.g. 3.5")
                          @DecimalMin(value = "0.25", message = "at least 0.25 hours")
                          @DecimalMax(value = "500", message = "at most 500 hours in one entry") BigDecimal hours,
                          @NotNull(message = "required: true or false") Boolean salesRelated,
                          @NotBlank(message = "required: what the activity was")
                          @HumanText(max = 500, multiline = true) String description) {
    }

    public record Deactivation(@NotBlank(message = "required: why the person no longer works here")
                               @HumanText(max = 500, multiline = true) String reason) {
    }

    public record QualificationView(String code, StaffMember.QualificationStatus status, LocalDate date) {
    }

    /** An entry of the CPD log; file is its certificate, if one was attached (POST .../cpd/{id}/file). */
    public record CpdView(long id, LocalDate date, BigDecimal hours, boolean salesRelated, String description,
                          CpdFileStore.CpdFile file) {
    }

    public record EligibilityView(LocalDate asOf, boolean eligible, List<String> conditions, List<String> warnings,
                                  List<String> reasons, List<String> qualifiedBy, List<String> toBeEligible,
                                  int ruleSetVersion, List<String> firedRules) {
        static EligibilityView of(StaffEligibility.Judgement j) {
            EligibilityResult r = j.result();
            return new EligibilityView(r.asOf(), r.eligible(), r.conditions(), r.warnings(), r.reasons(),
                    r.qualifiedBy(), j.toBeEligible(), r.ruleSetVersion(), r.firedRules());
        }
    }

    public record StaffView(String username, String name, StaffRole role, String centre, boolean active,
                            int occupationalCompetenceLevel, boolean salesLeadershipCompetence,
                            String competenceEvidence, List<QualificationView> qualifications, List<CpdView> cpd,
                            EligibilityView eligibility, String temporaryPassword) {
    }

    @PostMapping("/api/centres/{code}/staff")
    @ResponseStatus(HttpStatus.CREATED)
    @Transactional
    @Operation(summary = "Add an assessor or IQA to the centre, with a login: the answer carries a temporary "
            + "password, shown once")
    @Refuses(status = 403, when = "Only the centre's provider or a quality manager adds its staff")
    @Refuses(status = 404, when = "There is no such centre")
    @Refuses(status = 409, when = "The username is taken")
    public StaffView add(@PathVariable String code, @Valid @RequestBody NewStaffBody body) {
        var added = admin.add(code, new StaffAdministration.NewStaff(body.username(), body.name(), body.role(),
                body.occupationalCompetenceLevel(), body.salesLeadershipCompetence(), body.competenceEvidence()),
                currentUser.get());
        return view(added.member(), today(), added.temporaryPassword());
    }

    @GetMapping("/api/centres/{code}/staff")
    @Transactional(readOnly = true)
    @Operation(summary = "The centre's assessors and IQAs, each with their eligibility today")
    @Refuses(status = 403, when = "The centre is not one you work with")
    public List<StaffView> list(@PathVariable String code) {
        LocalDate today = today();
        return admin.ofCentre(code, currentUser.get()).stream().map(m -> view(m, today, null)).toList();
    }

    @GetMapping("/api/staff/{username}")
    @Transactional(readOnly = true)
    @Operation(summary = "A staff member with qualifications, CPD and eligibility (today, or on asOf), with what "
            + "would make or keep them eligible")
    @Refuses(status = 403, when = "The person works at a centre you do not work with")
    @Refuses(status = 404, when = "There is no such staff member")
    public StaffView get(@PathVariable String username,
                         @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate asOf) {
        LocalDate today = today();
        if (asOf != null && (asOf.isBefore(today.minusYears(10)) || asOf.isAfter(today.plusYears(10)))) {
            throw new BadRequestException("asOf: " + asOf + " is more than ten years from today");
        }
        return view(admin.visible(username, currentUser.get()), asOf == null ? today : asOf, null);
    }

    @PostMapping("/api/staff/{username}/qualifications")
    @ResponseStatus(HttpStatus.CREATED)
    @Transactional
    @Operation(summary = "Record a qualification held or worked towards (a code the eligibility rules recognise); "
            + "the same code again replaces it")
    @Refuses(status = 403, when = "Only the centre's provider or a quality manager changes its staff")
    public StaffView qualification(@PathVariable String username, @Valid @RequestBody QualificationBody body) {
        return view(admin.recordQualification(username, body.code().trim(), body.status(), body.date(),
                currentUser.get()), today(), null);
    }

    @PostMapping("/api/staff/{username}/cpd")
    @ResponseStatus(HttpStatus.CREATED)
    @Transactional
    @Operation(summary = "Record a CPD activity")
    @Refuses(status = 403, when = "Only the centre's provider or a quality manager changes its staff")
    public StaffView cpd(@PathVariable String username, @Valid @RequestBody CpdBody body) throws IOException {
        return view(admin.recordCpd(username, body.date(), body.hours(), body.salesRelated(), body.description(),
                null, currentUser.get()), today(), null);
    }

    @PostMapping("/api/staff/{username}/deactivation")
    @Transactional
    @Operation(summary = "Deactivate a staff member: no more logins or assignments; their records stay")
    @Refuses(status = 403, when = "Only the centre's provider or a quality manager changes its staff")
    @Refuses(status = 409, when = "Already deactivated")
    public StaffView deactivate(@PathVariable String username, @Valid @RequestBody Deactivation body) {
        return view(admin.deactivate(username, body.reason(), currentUser.get()), today(), null);
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }

    private StaffView view(StaffMember m, LocalDate asOf, String temporaryPassword) {
        var files = admin.cpdFiles(m);
        return new StaffView(m.getUsername(), m.getName(), m.getRole(), m.getCentre().getCode(), m.isActive(),
                m.getOccupationalCompetenceLevel(), m.isSalesLeadershipCompetence(), m.getCompetenceEvidence(),
                m.getQualifications().stream().map(q -> new QualificationView(q.code(), q.status(), q.since())).toList(),
                m.getCpd().stream().map(c -> new CpdView(c.getId(), c.getActivityDate(), c.getHours(),
                        c.isSalesRelated(), c.getDescription(), files.get(c.getId()))).toList(),
                EligibilityView.of(eligibility.judge(m, asOf)), temporaryPassword);
    }
}
