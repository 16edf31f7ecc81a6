package org.qaflow.learner;

import org.qaflow.centre.CentreAccess;
import org.qaflow.problem.NotFoundException;
import org.qaflow.security.AppUser;
import org.qaflow.security.CurrentUser;
import org.qaflow.security.Role;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;

import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * Who may see a claim: whoever may see its centre ({@link CentreAccess}); an assessor only the learners they assess.
 * The API and the pages both ask here, so the two cannot drift apart.
 */
@Component
public class ClaimAccess {

    private final CentreAccess centres;
    private final ClaimRepository claims;
    private final CurrentUser currentUser;

    public ClaimAccess(CentreAccess centres, ClaimRepository claims, CurrentUser currentUser) {
        this.centres = centres;
        this.claims = claims;
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

    /** A page of the claims the user may see, in one status or any: filtered, sorted and counted in the database. */
    public Page<Claim> claims(AppUser user, ClaimStatus status, Pageable pageable) {
        return claimsIn(user, status == null ? List.of() : List.of(status), pageable, true);
    }

    /** A page of the claims the user may see that are in any of the statuses, counted in the database. */
    public Page<Claim> claimsIn(AppUser user, Collection<ClaimStatus> statuses, Pageable pageable) {
        return claimsIn(user, statuses, pageable, false);
    }

    /** anyWhenEmpty: no statuses means every status, not none. */
    private Page<Claim> claimsIn(AppUser user, Collection<ClaimStatus> statuses, Pageable pageable, boolean anyWhenEmpty) {
        Set<Long> visible = centres.visibleCentreIds(user);
        if (visible.isEmpty() || (statuses.isEmpty() && !anyWhenEmpty)) {
            return Page.empty(pageable);
        }
        return claims.page(ClaimsOf.search(visible, assessorOf(user), statuses), pageable);
    }

    /** An assessor sees only the learners they assess. */
    private static String assessorOf(AppUser user) {
        return user.getRole() == Role.ASSESSOR ? user.getUsername() : null;
    }
}
