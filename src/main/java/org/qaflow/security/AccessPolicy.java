package org.qaflow.security;

import org.qaflow.learner.Claim;
import org.qaflow.learner.ClaimRepository;
import org.qaflow.problem.NotFoundException;
import org.qaflow.rules.RuleDecision;
import org.qaflow.rules.RuleDecisionRepository;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * Who may see a claim or a recorded rule decision; the API and the pages both ask here, so the two cannot drift
 * apart. Centres are decided by {@link CentreAccess}.
 * <ul>
 * <li>A claim: whoever may see its centre; an assessor only the learners they assess.</li>
 * <li>A rule decision: the quality manager, who owns and audits the rules, and whoever asked for it. A decision is
 * not tied to a centre record and its request may carry staff or learner details, so nobody else.</li>
 * </ul>
 */
@Component
public class AccessPolicy {

    private final CentreAccess centres;
    private final ClaimRepository claims;
    private final RuleDecisionRepository decisions;
    private final CurrentUser currentUser;

    public AccessPolicy(CentreAccess centres, ClaimRepository claims, RuleDecisionRepository decisions,
                        CurrentUser currentUser) {
        this.centres = centres;
        this.claims = claims;
        this.decisions = decisions;
        this.currentUser = currentUser;
    }

    public boolean canSee(AppUser user, Claim claim) {
        return centres.canSee(user, claim.getCentre())
                && (user.getRole() != Role.ASSESSOR || user.getUsername().equals(claim.getAssessor().getUsername()));
    }

    /** The claim, if the current user may see it: 404 when there is none, 403 when it is not theirs to see. */
    public Claim claim(long id) {
        Claim claim = claims.findById(id).orElseThrow(() -> new NotFoundException("There is no claim " + id));
        AppUser user = currentUser.get();
        centres.check(user, claim.getCentre(), "Claim " + id);
        if (!canSee(user, claim)) {
            throw new AccessDeniedException("Claim " + id + " is assessed by someone else");
        }
        return claim;
    }

    /** Every claim the user may see, oldest first. */
    public List<Claim> claims(AppUser user) {
        return claims.findByCentreIdInOrderById(centres.visibleCentreIds(user)).stream()
                .filter(c -> canSee(user, c)).toList();
    }

    public boolean canSee(AppUser user, RuleDecision decision) {
        return user.getRole() == Role.QUALITY_MANAGER || user.getUsername().equals(decision.getDecidedBy());
    }

    /** The recorded decision, if the current user may see it. */
    public RuleDecision decision(long id) {
        RuleDecision decision = decisions.findById(id)
                .orElseThrow(() -> new NotFoundException("There is no rule decision " + id));
        if (!canSee(currentUser.get(), decision)) {
            throw new AccessDeniedException("Rule decision " + id + " was asked for by someone else; only they and "
                    + "the quality manager may read it");
        }
        return decision;
    }
}
