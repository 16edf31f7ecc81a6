package org.qaflow.certification;

import org.qaflow.centre.Centre;
import org.qaflow.eqa.EqaVisit;
import org.qaflow.eqa.EqaVisitRepository;
import org.qaflow.learner.*;
import org.qaflow.rules.CombinationResult;
import org.qaflow.rules.RuleEngine;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;

/**
 * Certificate issue. Once every unit is verified the rules of combination are checked; then a centre with direct
 * claim status gets the certificate at once, and any other centre only after its first EQA visit found it
 * satisfactory and while its latest visit is not unsatisfactory. The claim is judged on the centre's status at
 * that moment and judged again whenever that status changes (see README, "Direct claim status in flight").
 */
@Service
@Transactional
public class CertificationService {

    private static final EnumSet<ClaimStatus> WAITING_ON_EQA =
            EnumSet.of(ClaimStatus.AWAITING_FIRST_EQA_VISIT, ClaimStatus.HELD_BY_EQA);

    private final ClaimRepository claims;
    private final EqaVisitRepository visits;
    private final RuleEngine rules;
    private final Timeline timeline;
    private final Clock clock;

    public CertificationService(ClaimRepository claims, EqaVisitRepository visits, RuleEngine rules,
                                Timeline timeline, Clock clock) {
        this.claims = claims;
        this.visits = visits;
        this.rules = rules;
        this.timeline = timeline;
        this.clock = clock;
    }

    public void consider(Claim claim, String actor) {
        if (claim.getStatus() == ClaimStatus.CERTIFICATE_ISSUED) {
            return;
        }
        if (!claim.allUnitsVerified()) {
            claim.setStatus(ClaimStatus.IN_ASSESSMENT);
            return;
        }
        CombinationResult combination = rules.combination(claim.getQan(),
                claim.getUnits().stream().map(ClaimUnit::getUnitRef).toList());
        String version = String.valueOf(combination.ruleSetVersion());
        if (!combination.achieved()) {
            claim.setStatus(ClaimStatus.COMBINATION_NOT_MET);
            timeline.record(claim, null, "rules", "rules of combination not met",
                    String.join("; ", combination.reasons()), version);
            return;
        }
        timeline.record(claim, null, "rules", "rules of combination met",
                combination.credits() + " credits", version);
        Centre centre = claim.getCentre();
        if (centre.isDirectClaimStatus()) {
            issue(claim, actor, "centre has direct claim status");
            return;
        }
        List<EqaVisit> completed = visits.findByCentreIdAndOutcomeIsNotNullOrderByVisitedOnDescIdDesc(centre.getId());
        ClaimStatus waiting = completed.isEmpty() ? ClaimStatus.AWAITING_FIRST_EQA_VISIT
                : completed.get(0).getOutcome() == EqaVisit.Outcome.UNSATISFACTORY ? ClaimStatus.HELD_BY_EQA
                : null;
        if (waiting == null) {
            issue(claim, actor, "centre satisfactorily verified at its EQA visit of " + completed.get(0).getVisitedOn());
        } else if (claim.getStatus() != waiting) {
            claim.setStatus(waiting);
            timeline.record(claim, null, "workflow", waiting.words(), "centre " + centre.getCode()
                    + " has no direct claim status", null);
        }
    }

    /** Judges again every claim of the centre that waits on the EQA, after a visit outcome or a status change. */
    public void reconsiderCentre(Centre centre, String actor) {
        for (Claim claim : claims.findByCentreIdAndStatusIn(centre.getId(), WAITING_ON_EQA)) {
            consider(claim, actor);
        }
    }

    private void issue(Claim claim, String actor, String why) {
        Instant now = Instant.now(clock);
        // One certificate per claim, so the claim id makes the number unique (and the column is unique too).
        String number = String.format("QF-%d-%06d", now.atZone(ZoneOffset.UTC).getYear(), claim.getId());
        claim.issueCertificate(number, now);
        timeline.record(claim, null, actor, "certificate issued", number + ": " + why, null);
    }
}
