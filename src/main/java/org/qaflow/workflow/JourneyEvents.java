package org.qaflow.workflow;

import org.qaflow.centre.DirectClaimStatusChanged;
import org.qaflow.eqa.VisitOpened;
import org.qaflow.eqa.VisitService;
import org.qaflow.eqa.EqaVisitRepository;
import org.qaflow.learner.Claim;
import org.qaflow.learner.ClaimProgress;
import org.qaflow.learner.ClaimRegistered;
import org.qaflow.learner.ClaimRepository;
import org.qaflow.learner.ClaimUnit;
import org.qaflow.task.TaskDone;
import org.qaflow.task.Tasks;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Moves the engine when a feature has done its part: the features record what people did and announce it; the
 * workflow starts, completes and signals the processes, in the same transaction (listeners run synchronously), so a
 * failure anywhere rolls back both the rows and the process state.
 */
@Component
public class JourneyEvents {

    private final ProcessGateway processes;
    private final Tasks tasks;
    private final ClaimRepository claims;
    private final ClaimProgress progress;
    private final EqaVisitRepository visits;

    public JourneyEvents(ProcessGateway processes, Tasks tasks, ClaimRepository claims, ClaimProgress progress,
                         EqaVisitRepository visits) {
        this.processes = processes;
        this.tasks = tasks;
        this.claims = claims;
        this.progress = progress;
        this.visits = visits;
    }

    @EventListener
    public void claimRegistered(ClaimRegistered event) {
        Claim claim = claims.findById(event.claimId()).orElseThrow();
        String instance = processes.startClaim(claim.getId(), claim.getUnits().stream().map(ClaimUnit::getId).toList(),
                claim.getAssessor().getUsername(), claim.getCentre().getCode());
        progress.claimProcessStarted(claim.getId(), instance);
    }

    @EventListener
    public void taskDone(TaskDone event) {
        tasks.complete(event.taskId(), event.user(), event.outputs());
        processes.sendPendingSignals();
    }

    @EventListener
    public void visitOpened(VisitOpened event) {
        String instance = processes.startEqaVisit(event.visitId(), event.eqa(), event.remote());
        visits.findById(event.visitId()).orElseThrow().setProcessInstanceId(instance);
    }

    /** Gaining the status releases every claim waiting for the EQA; losing it needs no signal (see the gateway). */
    @EventListener
    public void directClaimStatusChanged(DirectClaimStatusChanged event) {
        if (!event.granted()) {
            return;
        }
        for (Claim claim : claims.findByCentreIdAndStatusIn(event.centreId(), VisitService.WAITING_FOR_RELEASE)) {
            processes.signalClaim(claim.getProcessInstanceId(), ProcessGateway.DIRECT_CLAIM_GRANTED);
        }
    }
}
