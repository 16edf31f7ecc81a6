package org.qaflow.staff;

import jakarta.validation.Validator;
import org.qaflow.centre.PersonalInterestRepository;
import org.qaflow.centre.StaffMember;
import org.qaflow.centre.StaffRepository;
import org.qaflow.problem.BadRequestException;
import org.qaflow.problem.Violations;
import org.qaflow.security.AppUser;
import org.qaflow.security.CurrentUser;
import org.qaflow.security.Role;
import org.qaflow.web.FormActions.Done;
import org.qaflow.web.WebPage;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

import static org.qaflow.web.FormActions.act;

/**
 * Declaring a personal interest in a learner, as a page: assessors, IQAs and EQAs declare their own; a provider
 * declares for its centre's staff. The same service as POST /api/interests.
 */
@Controller
@WebPage
@RequestMapping("/interests")
public class InterestPages {

    private final Interests interests;
    private final PersonalInterestRepository declared;
    private final StaffRepository staff;
    private final CurrentUser currentUser;
    private final Validator validator;

    public InterestPages(Interests interests, PersonalInterestRepository declared, StaffRepository staff,
                         CurrentUser currentUser, Validator validator) {
        this.interests = interests;
        this.declared = declared;
        this.staff = staff;
        this.currentUser = currentUser;
        this.validator = validator;
    }

    @GetMapping
    @Transactional(readOnly = true)
    public String list(Model model) {
        AppUser me = currentUser.get();
        model.addAttribute("interests", declared.findByUsernameOrDeclaredByOrderByIdAsc(me.getUsername(),
                me.getUsername()).stream().map(InterestController.InterestView::of).toList());
        // Whom the form may declare for: a provider its centre's staff, a quality manager anyone, others themselves.
        List<String> people = switch (me.getRole()) {
            case PROVIDER -> staff.findByCentreIdOrderByName(me.getCentreId()).stream()
                    .filter(s -> s.getUsername() != null && s.isActive()).map(StaffMember::getUsername).toList();
            case QUALITY_MANAGER -> List.of();
            default -> List.of(me.getUsername());
        };
        model.addAttribute("people", people);
        return "staff/interests";
    }

    @PostMapping
    public String declare(@RequestParam Map<String, String> form, RedirectAttributes redirect) {
        return act(redirect, form, "/interests", () -> {
            AppUser me = currentUser.get();
            String person = me.getRole() == Role.ASSESSOR || me.getRole() == Role.IQA || me.getRole() == Role.EQA
                    ? me.getUsername() : blankToNull(form.get("staff"));
            String uln = blankToNull(form.get("uln"));
            boolean named = blankToNull(form.get("firstName")) != null || blankToNull(form.get("lastName")) != null
                    || blankToNull(form.get("dateOfBirth")) != null;
            if ((uln == null) == !named) {
                throw new BadRequestException("Give the learner's ULN, or their name and date of birth (one, not both)");
            }
            var learner = named ? new InterestController.LearnerBody(form.get("firstName"), form.get("lastName"),
                    date(form.get("dateOfBirth"))) : null;
            var body = Violations.require(validator, new InterestController.InterestBody(person, uln, learner, null,
                    form.get("reason")));
            var interest = interests.declare(new Interests.Declaration(body.staff().trim(), body.uln(),
                    learner == null ? null : learner.firstName(), learner == null ? null : learner.lastName(),
                    learner == null ? null : learner.dateOfBirth(), null, body.reason()), me);
            return new Done("/interests", "Declared: " + interest.getUsername() + " has an interest in "
                    + interest.describeLearnerOrCentre() + ". They will not be assigned to assess, verify or sample "
                    + "that learner");
        });
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static LocalDate date(String value) {
        try {
            return value == null || value.isBlank() ? null : LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new BadRequestException("dateOfBirth: '" + value + "' is not a date (yyyy-mm-dd)");
        }
    }
}
