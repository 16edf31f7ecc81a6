package org.qaflow.staff;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.qaflow.centre.PersonalInterest;
import org.qaflow.problem.BadRequestException;
import org.qaflow.problem.DateRange;
import org.qaflow.problem.HumanText;
import org.qaflow.problem.Refuses;
import org.qaflow.security.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.*;

import java.time.Instant;
import java.time.LocalDate;
import java.util.stream.Stream;

@RestController
@RequestMapping("/api/interests")
@Tag(name = "Staff", description = "Assessors and IQAs: qualifications, competence, CPD, eligibility")
public class InterestController {

    private final Interests interests;
    private final CurrentUser currentUser;

    public InterestController(Interests interests, CurrentUser currentUser) {
        this.interests = interests;
        this.currentUser = currentUser;
    }

    public record LearnerBody(@NotBlank(message = "required") @HumanText(max = 100) String firstName,
                              @NotBlank(message = "required") @HumanText(max = 100) String lastName,
                              @NotNull(message = "required (yyyy-mm-dd)") @DateRange(yearsAhead = 0)
                              LocalDate dateOfBirth) {
    }

    public record InterestBody(@NotBlank(message = "required: the username of the person with the interest")
                               @HumanText(max = 50) String staff,
                               @Pattern(regexp = "\\d{10}", message = "a Unique Learner Number is ten digits") String uln,
                               @Valid LearnerBody learner,
                               @HumanText(max = 20) String centre,
                               @NotBlank(message = "required: what the interest is (relative, friend, line manager)")
                               @HumanText(max = 500, multiline = true) String reason) {
    }

    public record InterestView(long id, String staff, String uln, LearnerBody learner, String centre, String reason,
                               String declaredBy, Instant declaredAt) {
        static InterestView of(PersonalInterest i) {
            return new InterestView(i.getId(), i.getUsername(), i.getUln(), i.getFirstName() == null ? null
                    : new LearnerBody(i.getFirstName(), i.getLastName(), i.getDateOfBirth()),
                    i.getCentre() == null ? null : i.getCentre().getCode(), i.getReason(), i.getDeclaredBy(),
                    i.getDeclaredAt());
        }
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Transactional
    @Operation(summary = "Declare a personal interest in a learner (uln, or learner by name and date of birth, "
            + "registered or not), or for an EQA a link with a centre; the conflict-of-interest rules then keep the "
            + "person away from that learner, and the EQA from being appointed to that centre")
    @Refuses(status = 400, when = "Not exactly one of uln, learner and centre; unknown person")
    @Refuses(status = 403, when = "Declaring for someone else (a provider may declare for its own centre's staff)")
    public InterestView declare(@Valid @RequestBody InterestBody body) {
        long given = Stream.of(body.uln(), body.learner(), body.centre()).filter(x -> x != null).count();
        if (given != 1) {
            throw new BadRequestException("Give exactly one of uln (the learner's ULN), learner ({firstName, lastName, "
                    + "dateOfBirth}) or, for an EQA, centre (a centre code); got " + given);
        }
        LearnerBody l = body.learner();
        return InterestView.of(interests.declare(new Interests.Declaration(body.staff().trim(), body.uln(),
                l == null ? null : l.firstName(), l == null ? null : l.lastName(), l == null ? null : l.dateOfBirth(),
                body.centre() == null ? null : body.centre().trim(), body.reason()), currentUser.get()));
    }
}
