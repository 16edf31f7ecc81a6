package org.qaflow.eqa;

import org.qaflow.problem.BadRequestException;
import org.qaflow.problem.ConflictException;
import org.qaflow.problem.HumanText;
import org.qaflow.security.AppUser;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.qaflow.centre.CentreAccess;

import java.time.Clock;
import java.util.Set;

/** The EQA's actions followed through: the centre responds, the EQA closes (or reopens) with a note. */
@Service
@Transactional
public class ActionService {

    private final VisitActionRepository actions;
    private final VisitAccess policy;
    private final CentreAccess centres;
    private final Clock clock;

    public ActionService(VisitActionRepository actions, VisitAccess policy, CentreAccess centres, Clock clock) {
        this.actions = actions;
        this.policy = policy;
        this.centres = centres;
        this.clock = clock;
    }

    /** The actions of completed visits to the centres the user may see, the earliest due first. */
    @Transactional(readOnly = true)
    public Page<VisitAction> visible(AppUser user, Pageable page) {
        Set<Long> visible = centres.visibleCentreIds(user);
        return visible.isEmpty() ? Page.empty(page) : actions.ofCompletedVisits(visible, page);
    }

    public VisitAction respond(long id, String text, AppUser user) {
        VisitAction action = policy.action(user, id);
        policy.checkResponds(user, action);
        String response = required("response", text, "say what the centre has done or will do");
        if (action.getStatus() == VisitAction.Status.CLOSED) {
            throw new ConflictException("EQA action " + id + " is closed");
        }
        action.respond(response, user.getUsername(), clock.instant());
        return action;
    }

    public VisitAction close(long id, String note, AppUser user) {
        VisitAction action = policy.action(user, id);
        policy.checkCloses(user, action);
        String closing = required("note", note, "the closing note says why the action is closed");
        if (action.getStatus() == VisitAction.Status.CLOSED) {
            throw new ConflictException("EQA action " + id + " is already closed");
        }
        action.close(closing, user.getUsername(), clock.instant());
        return action;
    }

    public VisitAction reopen(long id, AppUser user) {
        VisitAction action = policy.action(user, id);
        policy.checkCloses(user, action);
        if (action.getStatus() != VisitAction.Status.CLOSED) {
            throw new ConflictException("EQA action " + id + " is not closed");
        }
        action.reopen(user.getUsername(), clock.instant());
        return action;
    }

    private static String required(String field, String text, String why) {
        if (text == null || text.isBlank()) {
            throw new BadRequestException(field + ": " + why);
        }
        HumanText.Check.require(field, text, 2000, true);
        return text.trim();
    }
}
