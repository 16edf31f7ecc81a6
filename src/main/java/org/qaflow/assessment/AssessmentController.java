package org.qaflow.assessment;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import org.qaflow.assessment.AssessmentService.EvidenceEntry;
import org.qaflow.learner.ClaimAccess;
import org.qaflow.learner.ClaimController.ClaimView;
import org.qaflow.learner.ClaimRepository;
import org.qaflow.problem.HumanText;
import org.qaflow.problem.Refuses;
import org.qaflow.security.CurrentUser;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.*;

import java.util.List;

/**
 * The assessor's part of a claim: evidence and unit results. Under /api/claims with the rest of the claim journey,
 * but here, beside the assessment it drives, since learner sits below assessment.
 */
@RestController
@RequestMapping("/api/claims")
@Tag(name = "Claims", description = "Registering learners, entering results, following claims")
public class AssessmentController {

    private final ClaimRepository claims;
    private final AssessmentService assessment;
    private final ClaimAccess access;
    private final CurrentUser currentUser;

    public AssessmentController(ClaimRepository claims, AssessmentService assessment, ClaimAccess access,
                                CurrentUser currentUser) {
        this.claims = claims;
        this.assessment = assessment;
        this.access = access;
        this.currentUser = currentUser;
    }

    @GetMapping("/{id}/units/{unitRef}/evidence")
    @Operation(summary = "Every assessment criterion of the unit with its latest evidence, judgement and feedback")
    @Transactional(readOnly = true)
    @Refuses(status = 403, when = "A claim of a centre you do not work with, or another assessor's")
    public List<AssessmentService.CriterionState> criteria(@PathVariable long id, @PathVariable String unitRef) {
        return assessment.criteria(access.claim(id), unitRef);
    }

    @PostMapping("/{id}/units/{unitRef}/evidence")
    @PreAuthorize("hasRole('ASSESSOR')")
    @Operation(summary = "Record evidence per assessment criterion: method, where it is, and optionally the "
            + "judgement (MET or NOT_YET_MET) with feedback to the learner (required when NOT_YET_MET); saves "
            + "progress without signing off")
    @Transactional
    @Refuses(status = 403, when = "A claim of a centre you do not work with, or another assessor's")
    @Refuses(status = 409, when = "The unit is not with the assessor now")
    public ClaimView evidence(@PathVariable long id, @PathVariable String unitRef,
                              @RequestBody List<@Valid EvidenceEntry> entries) {
        access.claim(id);
        assessment.recordEvidence(id, unitRef, entries, currentUser.get());
        return ClaimView.of(claims.findById(id).orElseThrow());
    }

    public record SignOff(List<@NotBlank @HumanText(max = 10) String> units) {
    }

    @PostMapping("/{id}/sign-off")
    @PreAuthorize("hasRole('ASSESSOR')")
    @Operation(summary = "Enter unit results: sign off the named units, or every unit still with the assessor; "
            + "refused unless every criterion has evidence and none is judged NOT_YET_MET (one not judged counts as MET)")
    @Transactional
    @Refuses(status = 403, when = "A claim of a centre you do not work with, or another assessor's")
    @Refuses(status = 400, when = "A criterion without evidence or judged not yet met: each is named")
    @Refuses(status = 409, when = "No named unit is waiting for the assessor to sign it off")
    public ClaimView signOff(@PathVariable long id, @Valid @RequestBody(required = false) SignOff request) {
        access.claim(id);
        assessment.signOff(id, request == null ? null : request.units(), currentUser.get());
        return ClaimView.of(claims.findById(id).orElseThrow());
    }
}
