package org.qaflow.rules;

import org.qaflow.problem.NotFoundException;
import org.qaflow.security.AppUser;
import org.qaflow.security.CurrentUser;
import org.qaflow.security.Role;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * Who may read a recorded rule decision: the quality manager, who owns and audits the rules, and whoever asked for it.
 * A decision is not tied to a centre record and its request may carry staff or learner details, so nobody else.
 */
@Component
public class DecisionAccess {

    private final RuleDecisionRepository decisions;
    private final CurrentUser currentUser;

    public DecisionAccess(RuleDecisionRepository decisions, CurrentUser currentUser) {
        this.decisions = decisions;
        this.currentUser = currentUser;
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
