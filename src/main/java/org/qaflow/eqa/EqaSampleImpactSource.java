package org.qaflow.eqa;

import jakarta.persistence.EntityManager;
import org.qaflow.centre.Centre;
import org.qaflow.centre.CentreRepository;
import org.qaflow.learner.Claim;
import org.qaflow.rules.EqaReleaseDecision;
import org.qaflow.rules.EqaReleaseRequest;
import org.qaflow.rules.EqaSampleRequest;
import org.qaflow.rules.EqaSampleResult;
import org.qaflow.rules.ImpactDifference;
import org.qaflow.rules.ImpactSource;
import org.qaflow.rules.RuleSet;
import org.springframework.core.annotation.Order;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import java.util.*;
import java.util.stream.Collectors;

/**
 * Each centre's EQA sample as it would be drawn now, under the active and the candidate rules: over the claims waiting
 * for release (at a visit, or by remote review where the release rules say so) or else the claims with signed-off
 * units; how many are sampled, and who would be sampled or no longer be.
 */
@Component
@Order(4)
public class EqaSampleImpactSource implements ImpactSource {

    private static final int PAGE = 200;

    private final CentreRepository centres;
    private final VisitService visits;
    private final EntityManager entities;

    public EqaSampleImpactSource(CentreRepository centres, VisitService visits, EntityManager entities) {
        this.centres = centres;
        this.visits = visits;
        this.entities = entities;
    }

    @Override
    public String name() {
        return "EQA sample selection";
    }

    /** One centre's sample under one rule set; remote says whether by remote review rather than at a visit. */
    private record Sample(boolean remote, int size, List<String> selected, List<String> reasons) {
    }

    @Override
    @Transactional(readOnly = true)
    public Impact impact(RuleSet active, RuleSet candidate) {
        List<ImpactDifference> differences = new ArrayList<>();
        long after = 0;
        long looked = 0;
        List<Centre> page;
        while (!(page = centres.findByIdGreaterThanOrderById(after, Limit.of(PAGE))).isEmpty()) {
            List<VisitService.ReviewCohort> cohorts = page.stream().map(visits::reviewCohort).toList();
            List<Sample> before = samples(active, page, cohorts);
            List<Sample> now = samples(candidate, page, cohorts);
            for (int i = 0; i < page.size(); i++) {
                difference(page.get(i), cohorts.get(i), before.get(i), now.get(i)).ifPresent(differences::add);
            }
            looked += page.size();
            after = page.get(page.size() - 1).getId();
            entities.clear();
        }
        return new Impact(name(), looked, "centres' EQA samples", differences);
    }

    /** The page's samples under one rule set: one batch for the release rules and one for the sample sizes. */
    private static List<Sample> samples(RuleSet rules, List<Centre> page, List<VisitService.ReviewCohort> cohorts) {
        List<EqaSampleRequest> requests = new ArrayList<>(page.size());
        for (int i = 0; i < page.size(); i++) {
            requests.add(new EqaSampleRequest(page.get(i).getRiskRating(), cohorts.get(i).seed(),
                    cohorts.get(i).candidates()));
        }
        List<EqaSampleResult> drawn = rules.eqaSamples(requests);
        List<EqaReleaseRequest> releaseRequests = cohorts.stream().map(VisitService.ReviewCohort::release)
                .filter(Objects::nonNull).toList();
        Iterator<EqaReleaseDecision> releases = rules.eqaReleases(releaseRequests).iterator();
        List<Sample> samples = new ArrayList<>(page.size());
        for (int i = 0; i < page.size(); i++) {
            VisitService.ReviewCohort cohort = cohorts.get(i);
            EqaReleaseDecision release = cohort.release() == null ? null : releases.next();
            if (release != null && release.remote()) {
                List<String> chosen = rules.eqaReview(cohort.candidates(), release.reviewCount(), cohort.seed())
                        .stream().map(EqaSampleResult.Selected::id).toList();
                samples.add(new Sample(true, release.reviewCount(), chosen, release.reasons()));
            } else {
                EqaSampleResult result = drawn.get(i);
                samples.add(new Sample(false, result.sampleSize(),
                        result.selected().stream().map(EqaSampleResult.Selected::id).toList(), result.sizeReasons()));
            }
        }
        return samples;
    }

    private Optional<ImpactDifference> difference(Centre centre, VisitService.ReviewCohort cohort, Sample before,
                                                  Sample after) {
        if (before.equals(after)) {
            return Optional.empty();
        }
        Map<String, Claim> claims = cohort.claims().stream()
                .collect(Collectors.toMap(c -> String.valueOf(c.getId()), c -> c));
        List<String> added = after.selected().stream().filter(id -> !before.selected().contains(id)).toList();
        List<String> dropped = before.selected().stream().filter(id -> !after.selected().contains(id)).toList();
        String of = "EQA sample of " + cohort.claims().size() + " claim(s) "
                + (cohort.waiting() ? "waiting for release" : "with signed-off units");
        String summary = before.size() == after.size() ? "sample size " + after.size() + ", different selection"
                : "sample size " + before.size() + " -> " + after.size();
        List<String> parts = new ArrayList<>();
        parts.add(before.size() == after.size() ? "still " + after.size() + " sampled"
                : before.size() + " -> " + after.size() + " sampled");
        if (before.remote() != after.remote()) {
            parts.add(mode(before) + " -> " + mode(after));
        }
        if (!added.isEmpty()) {
            parts.add("would also sample " + names(added, claims));
        }
        if (!dropped.isEmpty()) {
            parts.add("would no longer sample " + names(dropped, claims));
        }
        String sentence = centre.getCode() + " " + centre.getName() + ", " + of + ": " + String.join("; ", parts)
                + ": " + (after.reasons().isEmpty() ? "no sampling rule applies" : String.join("; ", after.reasons()));
        return Optional.of(new ImpactDifference(name(), "centre " + centre.getCode() + " " + centre.getName(), summary,
                decision(before), decision(after), sentence));
    }

    private static String mode(Sample s) {
        return s.remote() ? "by remote release review" : "at a visit";
    }

    private static String names(List<String> ids, Map<String, Claim> claims) {
        return ids.stream().map(claims::get).map(c -> c.getLearner().getFirstName() + " " + c.getLearner().getLastName()
                + " (claim " + c.getId() + ")").collect(Collectors.joining(", "));
    }

    private static Map<String, Object> decision(Sample s) {
        return Map.of("remote", s.remote(), "sampleSize", s.size(), "sampled", s.selected(), "reasons", s.reasons());
    }
}
