package org.qaflow.rules;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.qaflow.centre.StaffMember.QualificationStatus;
import org.qaflow.centre.Centre.RiskRating;
import org.qaflow.centre.StaffRole;
import org.qaflow.problem.BadRequestException;
import org.qaflow.rules.bench.SampleCatalogue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.*;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Judging many decisions in one session (the impact preview's way) answers each exactly as judging it alone, with
 * the repository's rules and catalogue and seeded varied inputs: every qualification, random units, staff with every
 * mix of qualifications, CPD and assignments.
 */
class BatchEvaluationTest {

    static CatalogueFacts catalogue;
    static RuleSet rules;

    @BeforeAll
    static void compile() throws Exception {
        catalogue = SampleCatalogue.read(Path.of("sample-data/catalogue"));
        RuleSetCompiler.Outcome outcome = new RuleSetCompiler(catalogue)
                .compile(SampleCatalogue.ruleFiles(Path.of("rules")), 1);
        assertThat(outcome.problems()).isEmpty();
        rules = outcome.ruleSet();
    }

    @Test
    void aBatchOfCombinationsDecidesEachLearnerAsASingleCallDoes() {
        Random random = new Random(7);
        List<String> qans = new ArrayList<>(new TreeSet<>(catalogue.qualifications().keySet()));
        List<String> units = new ArrayList<>(new TreeSet<>(catalogue.units().keySet()));
        List<RuleSet.CombinationQuery> queries = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            String qan = qans.get(i % qans.size());
            List<String> chosen = new ArrayList<>();
            if (random.nextBoolean()) {
                chosen.addAll(catalogue.qualifications().get(qan).units());
            }
            for (int k = random.nextInt(10); k > 0; k--) {
                chosen.add(units.get(random.nextInt(units.size())));
            }
            queries.add(new RuleSet.CombinationQuery(qan, chosen));
        }

        List<CombinationResult> batch = rules.combinations(queries);

        assertThat(batch).hasSize(queries.size());
        int achieved = 0;
        for (int i = 0; i < queries.size(); i++) {
            CombinationResult single = rules.combination(queries.get(i).qan(), queries.get(i).unitRefs());
            CombinationResult batched = batch.get(i);
            assertThat(batched.qualification()).isEqualTo(single.qualification());
            assertThat(batched.achieved()).as("learner %d", i).isEqualTo(single.achieved());
            assertThat(batched.credits()).isEqualTo(single.credits());
            assertThat(batched.reasons()).as("learner %d", i).isEqualTo(single.reasons());
            assertThat(new HashSet<>(batched.firedRules())).as("rules fired for learner %d", i)
                    .isEqualTo(new HashSet<>(single.firedRules()));
            achieved += batched.achieved() ? 1 : 0;
        }
        // Both outcomes occur, or the comparison would prove little.
        assertThat(achieved).isBetween(1, queries.size() - 1);
    }

    @Test
    void aBatchOfEligibilityDecisionsDecidesEachPersonAsASingleCallDoes() {
        Random random = new Random(11);
        String[] codes = {"L3_ACWE", "L3_CAVA", "A1", "D32", "D33", "L4_IQA_AWARD", "L4_IQA_LEAD", "D34", "V1"};
        LocalDate asOf = LocalDate.of(2026, 3, 1);
        List<StaffEligibilityRequest> requests = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            List<StaffEligibilityRequest.QualificationHeld> quals = new ArrayList<>();
            for (int k = random.nextInt(3); k > 0; k--) {
                quals.add(new StaffEligibilityRequest.QualificationHeld(codes[random.nextInt(codes.length)],
                        random.nextInt(3) == 0 ? QualificationStatus.WORKING_TOWARDS : QualificationStatus.HELD));
            }
            List<StaffEligibilityRequest.CpdEntry> cpd = new ArrayList<>();
            for (int k = random.nextInt(5); k > 0; k--) {
                cpd.add(new StaffEligibilityRequest.CpdEntry(asOf.minusDays(random.nextInt(500)),
                        BigDecimal.valueOf(2 + random.nextInt(14)), random.nextInt(5) > 0));
            }
            requests.add(new StaffEligibilityRequest(random.nextBoolean() ? StaffRole.ASSESSOR : StaffRole.IQA, asOf,
                    3 + random.nextInt(4), quals, cpd, null, random.nextInt(4) == 0, random.nextBoolean(),
                    random.nextInt(10) == 0, random.nextInt(10) == 0));
        }

        List<EligibilityResult> batch = rules.staffEligibilities(requests);

        int eligible = 0;
        int withConditions = 0;
        for (int i = 0; i < requests.size(); i++) {
            EligibilityResult single = rules.staffEligibility(requests.get(i));
            EligibilityResult batched = batch.get(i);
            assertThat(batched.eligible()).as("person %d", i).isEqualTo(single.eligible());
            assertThat(batched.reasons()).as("person %d", i).isEqualTo(single.reasons());
            assertThat(batched.conditions()).isEqualTo(single.conditions());
            assertThat(batched.warnings()).isEqualTo(single.warnings());
            assertThat(batched.qualifiedBy()).isEqualTo(single.qualifiedBy());
            assertThat(new HashSet<>(batched.firedRules())).as("rules fired for person %d", i)
                    .isEqualTo(new HashSet<>(single.firedRules()));
            eligible += batched.eligible() ? 1 : 0;
            withConditions += batched.conditions().isEmpty() ? 0 : 1;
        }
        assertThat(eligible).isBetween(1, requests.size() - 1);
        assertThat(withConditions).isPositive();
    }

    @Test
    void batchesOfSamplingReleaseAndDirectClaimDecisionsDecideEachAsAloneDoes() {
        Random random = new Random(13);
        RiskRating[] risks = RiskRating.values();
        List<IqaSamplingRequest> iqa = new ArrayList<>();
        List<EqaSampleRequest> eqa = new ArrayList<>();
        List<EqaReleaseRequest> releases = new ArrayList<>();
        List<DirectClaimFacts> centres = new ArrayList<>();
        VisitOutcome[] outcomes = VisitOutcome.values();
        for (int i = 0; i < 200; i++) {
            iqa.add(new IqaSamplingRequest(i + 1, random.nextInt(5) == 0, random.nextInt(8), random.nextInt(6) == 0,
                    random.nextInt(4), risks[random.nextInt(risks.length)]));
            List<EqaCandidate> candidates = new ArrayList<>();
            for (int k = random.nextInt(40); k > 0; k--) {
                candidates.add(new EqaCandidate("c" + k, "assessor " + random.nextInt(4), List.of("L4B" + (1 + random.nextInt(8))),
                        List.of(random.nextBoolean() ? "OBSERVATION" : "SIMULATION"), "site " + random.nextInt(3)));
            }
            eqa.add(new EqaSampleRequest(risks[random.nextInt(risks.length)], i, candidates));
            List<VisitOutcome> recent = new ArrayList<>();
            for (int k = random.nextInt(4); k > 0; k--) {
                recent.add(outcomes[random.nextInt(outcomes.length)]);
            }
            releases.add(new EqaReleaseRequest(random.nextInt(3), recent.isEmpty() ? null : recent.get(0),
                    1 + random.nextInt(30)));
            centres.add(new DirectClaimFacts(random.nextBoolean(), recent, random.nextInt(2) * random.nextInt(3),
                    random.nextBoolean(), random.nextInt(3)));
        }

        List<IqaSamplingResult> sampled = rules.iqaSamplings(iqa);
        List<EqaSampleResult> samples = rules.eqaSamples(eqa);
        List<EqaReleaseDecision> released = rules.eqaReleases(releases);
        List<DirectClaimRecommendation> recommended = rules.directClaimStatuses(centres);

        Set<Object> seen = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            IqaSamplingResult alone = rules.iqaSampling(iqa.get(i));
            assertThat(sampled.get(i).sampled()).as("decision %d", i).isEqualTo(alone.sampled());
            assertThat(sampled.get(i).reasons()).as("decision %d", i).isEqualTo(alone.reasons());
            EqaSampleResult sample = rules.eqaSample(eqa.get(i));
            assertThat(samples.get(i).sampleSize()).as("centre %d", i).isEqualTo(sample.sampleSize());
            assertThat(samples.get(i).selected()).as("centre %d", i).isEqualTo(sample.selected());
            assertThat(samples.get(i).sizeReasons()).isEqualTo(sample.sizeReasons());
            EqaReleaseDecision release = rules.eqaRelease(releases.get(i));
            assertThat(released.get(i).remote()).as("release %d", i).isEqualTo(release.remote());
            assertThat(released.get(i).reviewCount()).isEqualTo(release.reviewCount());
            assertThat(released.get(i).reasons()).isEqualTo(release.reasons());
            DirectClaimRecommendation recommendation = rules.directClaimStatus(centres.get(i));
            assertThat(recommended.get(i).recommendation()).as("centre %d", i).isEqualTo(recommendation.recommendation());
            assertThat(recommended.get(i).reasons()).isEqualTo(recommendation.reasons());
            seen.add(sampled.get(i).sampled());
            seen.add(recommendation.recommendation());
            seen.add(release.remote());
        }
        // Every outcome occurs, or the comparison would prove little.
        assertThat(seen).contains(true, false, DirectClaimRecommendation.Recommendation.GRANT,
                DirectClaimRecommendation.Recommendation.KEEP, DirectClaimRecommendation.Recommendation.SUSPEND,
                DirectClaimRecommendation.Recommendation.NONE);
    }

    @Test
    void anUnknownQualificationInABatchIsNamed() {
        assertThatThrownBy(() -> rules.combinations(List.of(
                new RuleSet.CombinationQuery("610/3769/2", List.of("L4C1")),
                new RuleSet.CombinationQuery("999/9999/9", List.of()))))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("999/9999/9");
    }

    @Test
    void anEmptyBatchAsksNothing() {
        assertThat(rules.combinations(List.of())).isEmpty();
        assertThat(rules.staffEligibilities(List.of())).isEmpty();
        assertThat(rules.iqaSamplings(List.of())).isEmpty();
        assertThat(rules.eqaSamples(List.of())).isEmpty();
        assertThat(rules.eqaReleases(List.of())).isEmpty();
        assertThat(rules.directClaimStatuses(List.of())).isEmpty();
    }
}
