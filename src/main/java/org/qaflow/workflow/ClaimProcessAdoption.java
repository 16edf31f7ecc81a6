package org.qaflow.workflow;

import org.qaflow.learner.Claim;
import org.qaflow.learner.ClaimProgress;
import org.qaflow.learner.ClaimRepository;
import org.qaflow.learner.ClaimStatus;
import org.qaflow.learner.Timeline;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Claims registered before the claim process existed (a database from an older qaflow) have only their unit
 * processes; without a claim process nothing would carry them to a certificate. At start-up each such claim not yet
 * finished joins a claim process where it stands.
 */
@Service
@Transactional
public class ClaimProcessAdoption {

    private final ClaimRepository claims;
    private final ClaimProgress progress;
    private final ProcessGateway processes;
    private final Timeline timeline;

    public ClaimProcessAdoption(ClaimRepository claims, ClaimProgress progress, ProcessGateway processes,
                                Timeline timeline) {
        this.claims = claims;
        this.progress = progress;
        this.processes = processes;
        this.timeline = timeline;
    }

    /** @return how many claims joined a claim process */
    public int adoptClaimsWithoutProcess() {
        int adopted = 0;
        for (Claim claim : claims.findByProcessInstanceIdIsNullAndCertificateNumberIsNullOrderById()) {
            if (claim.getStatus() == ClaimStatus.COMBINATION_NOT_MET) {
                continue;
            }
            boolean verified = claim.allUnitsVerified();
            progress.claimProcessStarted(claim.getId(), processes.adoptClaim(claim.getId(),
                    claim.getAssessor().getUsername(), claim.getCentre().getCode(), verified));
            timeline.record(claim, "workflow", "claim process started for a claim already in progress",
                    verified ? "every unit verified: the rules of combination come next"
                            : "waiting for every unit to be verified");
            adopted++;
        }
        return adopted;
    }
}
