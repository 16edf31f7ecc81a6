package org.qaflow.eqa;

import org.qaflow.centre.Centre;
import org.qaflow.centre.CentreAccess;
import org.qaflow.centre.CentreRepository;
import org.qaflow.problem.NotFoundException;
import org.qaflow.security.AppUser;
import org.qaflow.security.Role;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Component;

/**
 * Who may see a visit and its actions: whoever may see the centre ({@link CentreAccess}: the quality manager any, an
 * EQA the centres appointed to them, the centre's own people theirs). The centre sees a visit's report, outcome and
 * actions once it is completed, never the EQA's draft. The API and the pages both ask here.
 */
@Component
public class VisitAccess {

    private final EqaVisitRepository visits;
    private final VisitActionRepository actions;
    private final CentreRepository centres;
    private final CentreAccess access;

    public VisitAccess(EqaVisitRepository visits, VisitActionRepository actions, CentreRepository centres,
                       CentreAccess access) {
        this.visits = visits;
        this.actions = actions;
        this.centres = centres;
        this.access = access;
    }

    /** The visit, if the user may read it: 404 when there is none, 403 when its centre is not theirs. */
    public EqaVisit visit(AppUser user, long id) {
        EqaVisit visit = visits.findById(id).orElseThrow(() -> new NotFoundException("There is no EQA visit " + id));
        access.check(user, centreOf(visit), "EQA visit " + id);
        return visit;
    }

    public Centre centreOf(EqaVisit visit) {
        return centres.findById(visit.getCentreId()).orElseThrow();
    }

    /** The EQA's working record (draft, sample changes, actions being written) is the EQA's and the QM's only. */
    public boolean seesWork(AppUser user, EqaVisit visit) {
        return visit.getStatus() == EqaVisit.Status.COMPLETED || user.getRole() == Role.QUALITY_MANAGER
                || user.getRole() == Role.EQA;
    }

    /** The action, if the user may read it: an action of a visit not yet completed is still the EQA's draft. */
    public VisitAction action(AppUser user, long id) {
        VisitAction action = actions.findById(id)
                .orElseThrow(() -> new NotFoundException("There is no EQA action " + id));
        EqaVisit visit = visit(user, action.getVisitId());
        if (!seesWork(user, visit)) {
            throw new NotFoundException("There is no EQA action " + id);
        }
        return action;
    }

    /** Only the centre's provider answers for it. */
    public void checkResponds(AppUser user, VisitAction action) {
        EqaVisit visit = visit(user, action.getVisitId());
        if (user.getRole() != Role.PROVIDER || visit.getStatus() != EqaVisit.Status.COMPLETED) {
            throw new AccessDeniedException("Only the centre's provider may respond to EQA action " + action.getId());
        }
    }

    /** Only the EQA appointed to the centre closes or reopens its actions. */
    public void checkCloses(AppUser user, VisitAction action) {
        EqaVisit visit = visit(user, action.getVisitId());
        Centre centre = centreOf(visit);
        if (user.getRole() != Role.EQA || !user.getUsername().equals(centre.getEqaUsername())
                || visit.getStatus() != EqaVisit.Status.COMPLETED) {
            throw new AccessDeniedException("Only the EQA appointed to centre " + centre.getCode()
                    + " may close or reopen its actions");
        }
    }
}
