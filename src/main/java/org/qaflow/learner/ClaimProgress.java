package org.qaflow.learner;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Where a claim and its units stand, as the claim and unit processes reach their nodes: the workflow calls these from
 * its process listener, so the statuses users read are written in one place, from the processes.
 */
@Service
@Transactional
public class ClaimProgress {

    private final ClaimRepository claims;
    private final ClaimUnitRepository claimUnits;

    public ClaimProgress(ClaimRepository claims, ClaimUnitRepository claimUnits) {
        this.claims = claims;
        this.claimUnits = claimUnits;
    }

    public void claimProcessStarted(long claimId, String processInstanceId) {
        claims.findById(claimId).orElseThrow().setProcessInstanceId(processInstanceId);
    }

    public void unitProcessStarted(long claimUnitId, String processInstanceId) {
        claimUnits.findById(claimUnitId).orElseThrow().setProcessInstanceId(processInstanceId);
    }

    public void unitAt(long claimUnitId, UnitStatus status) {
        claimUnits.findById(claimUnitId).orElseThrow().setStatus(status);
    }

    /** @return the claim's process instance, once every unit of the unit's claim is verified */
    public java.util.Optional<String> claimOfVerifiedUnits(long claimUnitId) {
        Claim claim = claimUnits.findById(claimUnitId).orElseThrow().getClaim();
        return claim.allUnitsVerified() ? java.util.Optional.ofNullable(claim.getProcessInstanceId())
                : java.util.Optional.empty();
    }

    /** The assessor's sign-off took a unit out of the assessor's hands: the claim is in assessment. */
    public void unitSignedOff(long claimUnitId) {
        Claim claim = claimUnits.findById(claimUnitId).orElseThrow().getClaim();
        if (claim.getStatus() == ClaimStatus.AWAITING_ASSESSMENT) {
            claim.setStatus(ClaimStatus.IN_ASSESSMENT);
        }
    }
}
