package org.qaflow.staff;

import static org.qaflow.web.FormActions.act;
import org.qaflow.web.FormActions.Done;
import jakarta.validation.Validator;
import org.qaflow.centre.Centre;
import org.qaflow.centre.CentreRepository;
import org.qaflow.centre.StaffMember;
import org.qaflow.centre.StaffRole;
import org.qaflow.problem.BadRequestException;
import org.qaflow.problem.Violations;
import org.qaflow.rules.RuleEngine;
import org.qaflow.security.AppUser;
import org.qaflow.security.CurrentUser;
import org.qaflow.web.WebPage;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.*;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.function.Supplier;

/** The provider's staff pages: its assessors and IQAs, each with the rules' eligibility and what would keep it. */
@Controller
@WebPage
@RequestMapping("/provider/staff")
public class StaffPages {

    private final StaffAdministration admin;
    private final StaffEligibility eligibility;
    private final CentreRepository centres;
    private final RuleEngine rules;
    private final CurrentUser currentUser;
    private final Validator validator;
    private final Clock clock;

    public StaffPages(StaffAdministration admin, StaffEligibility eligibility, CentreRepository centres,
                      RuleEngine rules, CurrentUser currentUser, Validator validator, Clock clock) {
        this.admin = admin;
        this.eligibility = eligibility;
        this.centres = centres;
        this.rules = rules;
        this.currentUser = currentUser;
        this.validator = validator;
        this.clock = clock;
    }

    public record Line(StaffMember member, StaffEligibility.Judgement judgement) {
    }

    @GetMapping
    @Transactional(readOnly = true)
    public String list(Model model) {
        Centre centre = myCentre();
        LocalDate today = LocalDate.now(clock);
        model.addAttribute("centre", centre);
        model.addAttribute("staff", admin.ofCentre(centre.getCode(), currentUser.get()).stream()
                .map(m -> new Line(m, eligibility.judge(m, today))).toList());
        model.addAttribute("roles", StaffRole.values());
        return "staff/list";
    }

    @GetMapping("/{username}")
    @Transactional(readOnly = true)
    public String person(@PathVariable String username, Model model) {
        StaffMember member = admin.visible(username, currentUser.get());
        model.addAttribute("member", member);
        model.addAttribute("cpdFiles", admin.cpdFiles(member));
        model.addAttribute("judgement", eligibility.judge(member, LocalDate.now(clock)));
        model.addAttribute("codes", rules.active().recognisedQualifications().stream()
                .filter(q -> q.getRole().equals(member.getRole().name())).toList());
        model.addAttribute("today", LocalDate.now(clock));
        return "staff/person";
    }

    @PostMapping
    public String add(@RequestParam Map<String, String> form, RedirectAttributes redirect) {
        return act(redirect, form, "/provider/staff", () -> {
            var body = Violations.require(validator, new StaffController.NewStaffBody(form.get("username"),
                    form.get("name"), role(form.get("role")), level(form.get("occupationalCompetenceLevel")),
                    form.containsKey("salesLeadershipCompetence"), blankToNull(form.get("competenceEvidence"))));
            var added = admin.add(myCentre().getCode(), new StaffAdministration.NewStaff(body.username(), body.name(),
                    body.role(), body.occupationalCompetenceLevel(), body.salesLeadershipCompetence(),
                    body.competenceEvidence()), currentUser.get());
            return new Done("/provider/staff/" + body.username(), "Added " + added.member().getName()
                    + ". Their temporary password, shown only now: " + added.temporaryPassword());
        });
    }

    @PostMapping("/{username}/cpd")
    public String cpd(@PathVariable String username, @RequestParam Map<String, String> form,
                      @RequestParam(name = "file", required = false) MultipartFile file,
                      RedirectAttributes redirect) {
        return act(redirect, form, "/provider/staff/" + username, () -> {
            var body = Violations.require(validator, new StaffController.CpdBody(date(form.get("date")),
                    hours(form.get("hours")), form.containsKey("salesRelated"), form.get("description")));
            // The certificate is optional: a form sent without choosing a file has an empty part.
            boolean withFile = file != null && !file.isEmpty();
            try (InputStream in = withFile ? file.getInputStream() : null) {
                admin.recordCpd(username, body.date(), body.hours(), body.salesRelated(), body.description(),
                        withFile ? new StaffAdministration.Upload(file.getOriginalFilename(), in) : null,
                        currentUser.get());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new Done("/provider/staff/" + username, "Recorded " + body.hours().stripTrailingZeros()
                    .toPlainString() + " hours of CPD" + (withFile ? " with its file" : ""));
        });
    }

    @PostMapping("/{username}/qualifications")
    public String qualification(@PathVariable String username, @RequestParam Map<String, String> form,
                                RedirectAttributes redirect) {
        return act(redirect, form, "/provider/staff/" + username, () -> {
            var body = Violations.require(validator, new StaffController.QualificationBody(form.get("code"),
                    status(form.get("status")), date(form.get("date"))));
            admin.recordQualification(username, body.code().trim(), body.status(), body.date(), currentUser.get());
            return new Done("/provider/staff/" + username, "Recorded " + body.code());
        });
    }

    @PostMapping("/{username}/deactivation")
    public String deactivate(@PathVariable String username, @RequestParam Map<String, String> form,
                             RedirectAttributes redirect) {
        return act(redirect, form, "/provider/staff/" + username, () -> {
            var body = Violations.require(validator, new StaffController.Deactivation(form.get("reason")));
            admin.deactivate(username, body.reason(), currentUser.get());
            return new Done("/provider/staff/" + username, "Deactivated " + username);
        });
    }

    private Centre myCentre() {
        AppUser me = currentUser.get();
        return centres.findById(me.getCentreId()).orElseThrow();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static StaffRole role(String value) {
        return value == null || value.isBlank() ? null : parse(() -> StaffRole.valueOf(value), "role: ASSESSOR or IQA");
    }

    private static StaffMember.QualificationStatus status(String value) {
        return value == null || value.isBlank() ? null : parse(() -> StaffMember.QualificationStatus.valueOf(value),
                "status: HELD, WORKING_TOWARDS or ABANDONED");
    }

    private static Integer level(String value) {
        return value == null || value.isBlank() ? null : parse(() -> Integer.valueOf(value.trim()),
                "occupationalCompetenceLevel: a level from 1 to 8");
    }

    private static BigDecimal hours(String value) {
        return value == null || value.isBlank() ? null : parse(() -> new BigDecimal(value.trim()),
                "hours: a number of hours, e.g. 3.5");
    }

    private static LocalDate date(String value) {
        return value == null || value.isBlank() ? null : parse(() -> LocalDate.parse(value.trim()),
                "date: '" + value + "' is not a date (yyyy-mm-dd)");
    }

    private static <T> T parse(Supplier<T> parser, String problem) {
        try {
            return parser.get();
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw new BadRequestException(problem);
        }
    }
}
