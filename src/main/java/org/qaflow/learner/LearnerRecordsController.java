package org.qaflow.learner;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.qaflow.problem.DateRange;
import org.qaflow.problem.HumanText;
import org.qaflow.problem.Refuses;
import org.qaflow.security.CurrentUser;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.*;

import java.time.LocalDate;
import java.util.List;

/** The provider keeps its learners' records: the assessor, the learner's details, withdrawal. */
@RestController
@Tag(name = "Claims", description = "Registering learners, entering results, following claims")
public class LearnerRecordsController {

    private final LearnerRecords records;
    private final ClaimRepository claims;
    private final CurrentUser currentUser;

    public LearnerRecordsController(LearnerRecords records, ClaimRepository claims, CurrentUser currentUser) {
        this.records = records;
        this.claims = claims;
        this.currentUser = currentUser;
    }

    public record Reassignment(@NotBlank(message = "required: the username of an assessor at your centre")
                               @HumanText(max = 100) String assessor,
                               @NotBlank(message = "required: why the learner changes assessor")
                               @HumanText(max = 500, multiline = true) String reason) {
    }

    public record Withdrawal(@NotBlank(message = "required: why the learner leaves the qualification")
                             @HumanText(max = 500, multiline = true) String reason) {
    }

    public record CorrectionBody(@NotBlank(message = "required") @HumanText(max = 100) String firstName,
                                 @NotBlank(message = "required") @HumanText(max = 100) String lastName,
                                 @NotNull(message = "required (yyyy-mm-dd)") @DateRange(yearsAhead = 0)
                                 LocalDate dateOfBirth,
                                 @NotBlank(message = "required: why the record was wrong (e.g. birth certificate seen)")
                                 @HumanText(max = 500, multiline = true) String reason) {
    }

    public record LearnerView(String uln, String firstName, String lastName, LocalDate dateOfBirth,
                              List<ClaimCertificate> claims) {
    }

    /** replaces: the certificate number this claim's certificate replaced, if it is a replacement. */
    public record ClaimCertificate(long claimId, String qualification, String certificateNumber, String replaces) {
    }

    @PutMapping("/api/claims/{id}/assessor")
    @Transactional
    @Operation(summary = "Reassign the learner to another assessor of the centre (the eligibility rules judge the new "
            + "assessor for this learner; open assessment tasks move to them; the timeline records who, from whom, "
            + "to whom and why)")
    @Refuses(status = 400, when = "Missing assessor or reason; not an assessor of the centre; the rules refuse the "
            + "new assessor (their reasons are given)")
    @Refuses(status = 403, when = "Not the provider of the claim's centre")
    @Refuses(status = 409, when = "The claim is finished (certificate issued, withdrawn) or already with that assessor")
    public ClaimController.ClaimView reassign(@PathVariable long id, @Valid @RequestBody Reassignment body) {
        return ClaimController.ClaimView.of(records.reassignAssessor(id, body.assessor().trim(), body.reason(),
                currentUser.get()));
    }

    @PostMapping("/api/claims/{id}/withdrawal")
    @Transactional
    @Operation(summary = "Withdraw the learner from the qualification: the claim ends without a certificate and its "
            + "open tasks are cancelled")
    @Refuses(status = 403, when = "Not the provider of the claim's centre")
    @Refuses(status = 409, when = "The claim is finished (certificate issued, already withdrawn)")
    public ClaimController.ClaimView withdraw(@PathVariable long id, @Valid @RequestBody Withdrawal body) {
        return ClaimController.ClaimView.of(records.withdraw(id, body.reason(), currentUser.get()));
    }

    @PostMapping("/api/learners/{uln}/corrections")
    @Transactional
    @Operation(summary = "Correct a learner's name or date of birth, with the reason; each claim's timeline records "
            + "it, and an issued certificate is replaced by one that names the number it replaces")
    @Refuses(status = 400, when = "Missing or malformed fields; nothing differs from the record")
    @Refuses(status = 403, when = "Not a provider")
    @Refuses(status = 404, when = "Your centre has no learner with that ULN")
    public LearnerView correct(@PathVariable String uln,
                               @Valid @RequestBody CorrectionBody body) {
        Learner learner = records.correct(uln, new LearnerRecords.Correction(body.firstName(), body.lastName(),
                body.dateOfBirth(), body.reason()), currentUser.get());
        return new LearnerView(learner.getUln(), learner.getFirstName(), learner.getLastName(),
                learner.getDateOfBirth(), claims.findByLearnerIdOrderById(learner.getId()).stream()
                .map(c -> new ClaimCertificate(c.getId(), c.getQan(), c.getCertificateNumber(),
                        c.getReplacesCertificate())).toList());
    }
}
