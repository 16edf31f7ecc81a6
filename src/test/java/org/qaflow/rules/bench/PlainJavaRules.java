package org.qaflow.rules.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.qaflow.rules.CatalogueFacts;
import org.qaflow.rules.StaffEligibilityRequest;

import java.io.IOException;
import java.time.LocalDate;
import java.util.*;

/**
 * The same combination and eligibility rules written by hand in Java, reading the same data files: the yardstick
 * the benchmark compares Drools with, and a cross-check that both give the same answers.
 */
final class PlainJavaRules {

    record Result(boolean ok, List<String> reasons) {
    }

    private record Requirement(Integer minCredits, Integer maxCredits, boolean allListedUnits) {
    }

    private record Recognised(String code, String role, List<String> requiresAlso) {
    }

    private record RoleRequirement(int levelsAbove, double hours, int months, boolean required, boolean leadership) {
    }

    private final CatalogueFacts catalogue;
    private final Map<String, Requirement> requirements = new HashMap<>();
    private final Map<String, Map<String, Integer>> categoryMinimums = new HashMap<>();
    private final List<Recognised> recognised = new ArrayList<>();
    private final Map<String, RoleRequirement> roles = new HashMap<>();

    PlainJavaRules(CatalogueFacts catalogue, Map<String, String> files) throws IOException {
        this.catalogue = catalogue;
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        JsonNode combination = yaml.readTree(files.get("combination/requirements.yaml"));
        for (JsonNode r : combination.get("CombinationRequirement")) {
            requirements.put(r.get("qualificationType").asText(), new Requirement(
                    r.has("minCredits") ? r.get("minCredits").asInt() : null,
                    r.has("maxCredits") ? r.get("maxCredits").asInt() : null, r.path("allListedUnits").asBoolean()));
        }
        for (JsonNode m : combination.get("CategoryMinimum")) {
            categoryMinimums.computeIfAbsent(m.get("qualificationType").asText(), k -> new LinkedHashMap<>())
                    .put(m.get("category").asText(), m.get("minimum").asInt());
        }
        for (JsonNode q : yaml.readTree(files.get("eligibility/recognised-qualifications.yaml")).get("RecognisedQualification")) {
            List<String> also = new ArrayList<>();
            q.path("requiresAlso").forEach(a -> also.add(a.asText()));
            recognised.add(new Recognised(q.get("code").asText(), q.get("role").asText(), also));
        }
        for (JsonNode r : yaml.readTree(files.get("eligibility/role-requirements.yaml")).get("RoleRequirement")) {
            roles.put(r.get("role").asText(), new RoleRequirement(r.get("levelsAboveQualification").asInt(),
                    r.get("salesCpdHours").asDouble(), r.get("cpdWindowMonths").asInt(), r.get("cpdRequired").asBoolean(),
                    r.path("salesLeadershipForLeadershipUnits").asBoolean()));
        }
    }

    Result combination(String qan, Collection<String> unitRefs) {
        CatalogueFacts.QualificationInfo q = catalogue.qualifications().get(qan);
        Set<String> refs = new LinkedHashSet<>(unitRefs);
        int credits = 0;
        Map<String, Integer> counts = new HashMap<>();
        for (String ref : refs) {
            CatalogueFacts.UnitInfo u = catalogue.units().get(ref);
            credits += u.credit();
            counts.merge(u.category(), 1, Integer::sum);
        }
        List<String> reasons = new ArrayList<>();
        Requirement r = requirements.get(q.type());
        if (r == null) {
            reasons.add("there are no rules of combination for a qualification of type " + q.type());
            return new Result(false, reasons);
        }
        if (r.minCredits() != null && credits < r.minCredits()) {
            reasons.add("needs at least " + r.minCredits() + " credits, has " + credits);
        }
        if (r.maxCredits() != null && credits > r.maxCredits()) {
            reasons.add("allows at most " + r.maxCredits() + " credits, has " + credits);
        }
        for (Map.Entry<String, Integer> m : categoryMinimums.getOrDefault(q.type(), Map.of()).entrySet()) {
            int has = counts.getOrDefault(m.getKey(), 0);
            if (has < m.getValue()) {
                reasons.add("needs at least " + m.getValue() + " " + m.getKey() + " unit(s), has " + has);
            }
        }
        if (r.allListedUnits()) {
            for (String ref : q.units()) {
                if (!refs.contains(ref)) {
                    reasons.add("needs unit " + ref + " (" + catalogue.units().get(ref).title() + ")");
                }
            }
        }
        return new Result(reasons.isEmpty(), reasons);
    }

    Result staffEligibility(StaffEligibilityRequest request) {
        String role = request.role().name();
        Map<String, String> quals = new HashMap<>();
        request.qualifications().forEach(q -> quals.merge(q.code(), q.status().name(),
                (a, b) -> "HELD".equals(a) ? a : b));
        List<String> reasons = new ArrayList<>();
        boolean refused = false;
        RoleRequirement rr = roles.get(role);
        int qualificationLevel = request.qualificationLevel() == null ? 4 : request.qualificationLevel();
        if (request.occupationalCompetenceLevel() < qualificationLevel + rr.levelsAbove()) {
            refused = true;
            reasons.add("competence");
        }
        boolean any = false;
        for (Recognised q : recognised) {
            if (!q.role().equals(role)) {
                continue;
            }
            List<String> all = new ArrayList<>(q.requiresAlso());
            all.add(q.code());
            any |= quals.keySet().containsAll(all);
            if (quals.containsKey(q.code()) && !quals.keySet().containsAll(all)) {
                reasons.add("companion");
            }
        }
        if (!any) {
            refused = true;
            reasons.add("no recognised qualification");
        }
        LocalDate from = request.asOf().minusMonths(rr.months());
        double hours = request.cpd().stream()
                .filter(c -> c.salesRelated() && c.date().isAfter(from) && !c.date().isAfter(request.asOf()))
                .mapToDouble(c -> c.hours().doubleValue()).sum();
        if (hours < rr.hours() && rr.required()) {
            refused = true;
            reasons.add("cpd");
        }
        if (request.declaredInterestInLearner() || ("IQA".equals(role) && request.verifyingOwnDecision())
                || (rr.leadership() && request.assessesLeadershipUnits() && !request.salesLeadershipCompetence())) {
            refused = true;
            reasons.add("assignment");
        }
        return new Result(!refused, reasons);
    }
}
