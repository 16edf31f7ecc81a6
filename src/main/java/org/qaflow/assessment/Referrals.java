package org.qaflow.assessment;

import org.qaflow.learner.ClaimUnit;
import org.qaflow.learner.UnitStatus;
import org.qaflow.security.People;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Optional;

/**
 * Why a unit is back with its assessor: the IQA's reason, shown wherever the assessor meets the unit (the form, the
 * list of learners, the home page), not only in the claim's timeline.
 */
@Component
public class Referrals {

    private final AssessmentDecisionRepository decisions;
    private final People people;
    private final Clock clock;

    public Referrals(AssessmentDecisionRepository decisions, People people, Clock clock) {
        this.decisions = decisions;
        this.people = people;
        this.clock = clock;
    }

    /** The referral a unit is waiting on the assessor for; none once the unit is signed off again. */
    public Optional<Referral> of(ClaimUnit unit) {
        if (unit == null || unit.getStatus() != UnitStatus.REFERRED_BACK) {
            return Optional.empty();
        }
        return decisions.findFirstByClaimUnitIdOrderByIdDesc(unit.getId())
                .filter(d -> d.getIqaOutcome() == AssessmentDecision.IqaOutcome.REFERRED)
                .map(d -> new Referral(d.getIqaReason(), people.name(d.getIqaUsername()),
                        d.getIqaDecidedAt() == null ? null : LocalDate.ofInstant(d.getIqaDecidedAt(), clock.getZone())));
    }

    public record Referral(String reason, String by, LocalDate on) {

        /** "Referred back by Ivy Quinn on 2026-11-20: ..." */
        public String words() {
            return "Referred back by " + by + (on == null ? "" : " on " + on) + ": " + reason;
        }
    }
}
