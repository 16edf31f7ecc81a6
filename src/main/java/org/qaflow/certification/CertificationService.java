package org.qaflow.certification;

import org.qaflow.centre.Centre;
import org.qaflow.learner.*;
import org.qaflow.notification.Notice;
import org.qaflow.rules.CombinationResult;
import org.qaflow.rules.RuleEngine;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The claim process's last steps (processes/qualification-claim.bpmn): the rules of combination over the verified
 * units, the centre's direct claim status at that moment, and the certificate.
 */
@Service
@Transactional
public class CertificationService {

    private final ClaimRepository claims;
    private final RuleEngine rules;
    private final Timeline timeline;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    public CertificationService(ClaimRepository claims, RuleEngine rules, Timeline timeline, Clock clock,
                                ApplicationEventPublisher events) {
        this.events = events;
        this.claims = claims;
        this.rules = rules;
        this.timeline = timeline;
        this.clock = clock;
    }

    /** @return whether the claim's verified units make the qualification */
    public boolean applyCombination(long claimId) {
        Claim claim = claim(claimId);
        CombinationResult combination = rules.combination(claim.getQan(),
                claim.getUnits().stream().map(ClaimUnit::getUnitRef).toList());
        String version = String.valueOf(combination.ruleSetVersion());
        if (!combination.achieved()) {
            claim.setStatus(ClaimStatus.COMBINATION_NOT_MET);
            timeline.record(claim, null, "rules", "rules of combination not met",
                    String.join("; ", combination.reasons()), version);
            return false;
        }
        timeline.record(claim, null, "rules", "rules of combination met", combination.credits() + " credits",
                version);
        return true;
    }

    /** The centre's status now: a claim is judged on it when its units are done, and signalled if it changes later. */
    public boolean hasDirectClaimStatus(long claimId) {
        Centre centre = claim(claimId).getCentre();
        return centre.isDirectClaimStatus();
    }

    public void issue(long claimId, String why) {
        Claim claim = claim(claimId);
        if (claim.getCertificateNumber() != null) {
            return;
        }
        Instant now = Instant.now(clock);
        // One certificate per claim, so the claim id makes the number unique (and the column is unique too).
        String number = String.format("QF-%d-%06d", now.atZone(ZoneOffset.UTC).getYear(), claim.getId());
        claim.issueCertificate(number, now);
        timeline.record(claim, null, "workflow", "certificate issued", number + ": " + why, null);
        events.publishEvent(new Notice.CertificateIssued(claimId));
    }

    private Claim claim(long claimId) {
        return claims.findById(claimId).orElseThrow();
    }
}
