package org.qaflow.eqa;

import jakarta.persistence.EntityManager;
import org.qaflow.centre.Centre;
import org.qaflow.centre.CentreRepository;
import org.qaflow.rules.DirectClaimRecommendation;
import org.qaflow.rules.ImpactDifference;
import org.qaflow.rules.ImpactSource;
import org.qaflow.rules.RuleSet;
import org.springframework.core.annotation.Order;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Every centre's direct claim status recommendation, before and after, with the reasons the rules give. */
@Component
@Order(5)
public class DirectClaimImpactSource implements ImpactSource {

    private static final int PAGE = 200;

    private final CentreRepository centres;
    private final DirectClaimService directClaims;
    private final EntityManager entities;

    public DirectClaimImpactSource(CentreRepository centres, DirectClaimService directClaims, EntityManager entities) {
        this.centres = centres;
        this.directClaims = directClaims;
        this.entities = entities;
    }

    @Override
    public String name() {
        return "direct claim recommendations";
    }

    @Override
    @Transactional(readOnly = true)
    public Impact impact(RuleSet active, RuleSet candidate) {
        List<ImpactDifference> differences = new ArrayList<>();
        long after = 0;
        long looked = 0;
        List<Centre> page;
        while (!(page = centres.findByIdGreaterThanOrderById(after, Limit.of(PAGE))).isEmpty()) {
            // The facts differ between the rule sets only in which IQAs count as qualified.
            List<DirectClaimRecommendation> before = active.directClaimStatuses(directClaims.facts(page, active));
            List<DirectClaimRecommendation> now = candidate.directClaimStatuses(directClaims.facts(page, candidate));
            for (int i = 0; i < page.size(); i++) {
                difference(page.get(i), before.get(i), now.get(i)).ifPresent(differences::add);
            }
            looked += page.size();
            after = page.get(page.size() - 1).getId();
            entities.clear();
        }
        return new Impact(name(), looked, "centres' direct claim status", differences);
    }

    private Optional<ImpactDifference> difference(Centre centre, DirectClaimRecommendation before,
                                                  DirectClaimRecommendation after) {
        if (before.recommendation() == after.recommendation() && before.reasons().equals(after.reasons())) {
            return Optional.empty();
        }
        String was = before.recommendation().name().toLowerCase();
        String now = after.recommendation().name().toLowerCase();
        String summary = was.equals(now) ? now + ", for different reasons" : was + " -> " + now;
        String why = was.equals(now) || after.reasons().isEmpty()
                ? "now " + said(after) + " (was: " + said(before) + ")" : said(after);
        String sentence = centre.getCode() + " " + centre.getName() + " ("
                + (centre.isDirectClaimStatus() ? "has" : "has no") + " direct claim status): recommendation "
                + (was.equals(now) ? "still " + now : was + " -> " + now) + ": " + why;
        return Optional.of(new ImpactDifference(name(), "centre " + centre.getCode() + " " + centre.getName(), summary,
                decision(before), decision(after), sentence));
    }

    private static String said(DirectClaimRecommendation r) {
        return r.reasons().isEmpty() ? "no reason given by the rules" : String.join("; ", r.reasons());
    }

    private static Map<String, Object> decision(DirectClaimRecommendation r) {
        return Map.of("recommendation", r.recommendation(), "reasons", r.reasons());
    }
}
