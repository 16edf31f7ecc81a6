package org.qaflow.eqa;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import org.qaflow.centre.Centre;
import org.qaflow.centre.CentreAccess;
import org.qaflow.centre.CentreController.CentreView;
import org.qaflow.problem.HumanText;
import org.qaflow.problem.Refuses;
import org.qaflow.rules.DirectClaimRecommendation;
import org.qaflow.security.CurrentUser;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.*;

import java.time.Instant;
import java.util.List;

/** A centre's direct claim status: what the rules recommend from its EQA record, and the quality manager's decision. */
@RestController
@RequestMapping("/api/centres")
@Tag(name = "Centres", description = "Centres, their risk and direct claim status")
public class DirectClaimController {

    private final DirectClaimService directClaim;
    private final CentreAccess access;
    private final CurrentUser currentUser;

    public DirectClaimController(DirectClaimService directClaim, CentreAccess access, CurrentUser currentUser) {
        this.directClaim = directClaim;
        this.access = access;
        this.currentUser = currentUser;
    }

    @GetMapping("/{code}/direct-claim")
    @PreAuthorize("hasAnyRole('QUALITY_MANAGER', 'EQA')")
    @Transactional(readOnly = true)
    @Operation(summary = "What the rules recommend for the centre's direct claim status, and why")
    @Refuses(status = 403, when = "Only quality managers, and the EQA of the centre, may see this")
    public DirectClaimRecommendation recommendation(@PathVariable String code) {
        Centre centre = directClaim.centre(code);
        access.check(currentUser.get(), centre, "Centre " + code);
        return directClaim.recommend(centre);
    }

    /** granted is a Boolean so that a missing or misspelt field is refused, not read as a withdrawal. */
    public record Decision(@NotNull(message = "required: true to grant direct claim status, false to withdraw it")
                           Boolean granted,
                           @HumanText(max = 500, multiline = true) String reason) {
    }

    @PutMapping("/{code}/direct-claim")
    @PreAuthorize("hasRole('QUALITY_MANAGER')")
    @Transactional
    @Operation(summary = "The quality manager grants or withdraws direct claim status, confirming or overruling what "
            + "the rules recommend (overruling needs a reason); claims in flight follow at once")
    @Refuses(status = 400, when = "The decision overrules the rules' recommendation and gives no reason")
    public CentreView confirm(@PathVariable String code, @Valid @RequestBody Decision decision) {
        directClaim.decide(code, decision.granted(), decision.reason(), currentUser.get());
        return CentreView.of(directClaim.centre(code));
    }

    public record DecisionView(boolean granted, DirectClaimRecommendation.Recommendation recommendation,
                               int ruleSetVersion, boolean overruled, String reason, String decidedBy,
                               Instant decidedAt) {
        static DecisionView of(DirectClaimDecision d) {
            return new DecisionView(d.isGranted(), d.getRecommendation(), d.getRuleSetVersion(), d.isOverruled(),
                    d.getReason(), d.getDecidedBy(), d.getDecidedAt());
        }
    }

    @GetMapping("/{code}/direct-claim/decisions")
    @PreAuthorize("hasAnyRole('QUALITY_MANAGER', 'EQA')")
    @Transactional(readOnly = true)
    @Operation(summary = "The quality managers' decisions on the centre's direct claim status, newest first, each "
            + "with the recommendation it confirmed or overruled and why")
    @Refuses(status = 403, when = "Only quality managers, and the EQA of the centre, may see this")
    public List<DecisionView> decisions(@PathVariable String code) {
        Centre centre = directClaim.centre(code);
        access.check(currentUser.get(), centre, "Centre " + code);
        return directClaim.decisions(centre).stream().map(DecisionView::of).toList();
    }
}
