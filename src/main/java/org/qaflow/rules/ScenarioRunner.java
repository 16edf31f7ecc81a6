package org.qaflow.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.qaflow.problem.BadRequestException;

import java.util.*;

/**
 * Runs the scenarios in rules/scenarios/*.yaml against a compiled rule set. A scenario is a named input with the
 * outcome a quality manager expects; "reasonsInclude: [text]" (any list field + Include) asks that some entry
 * contains each text, "error: text" that the input is refused with a message containing it.
 */
public class ScenarioRunner {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()).findAndRegisterModules()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final List<String> KINDS =
            List.of("combination", "staffEligibility", "iqaSampling", "eqaSample", "directClaim", "eqaRelease");

    private static final String TIMED_OUT = "stopped: ";

    public record Result(int scenariosRun, List<RuleProblem> problems, List<ScenarioFailure> failures) {
    }

    private record CombinationInput(String qualification, List<String> units) {
    }

    public Result run(RuleSet rules) {
        int run = 0;
        List<RuleProblem> problems = new ArrayList<>();
        List<ScenarioFailure> failures = new ArrayList<>();
        for (Map.Entry<String, String> file : rules.files().entrySet()) {
            String path = file.getKey();
            if (!path.startsWith("scenarios/") || !path.endsWith(".yaml")) {
                continue;
            }
            JsonNode scenarios;
            try {
                scenarios = YAML.readTree(file.getValue());
            } catch (JsonProcessingException e) {
                problems.add(new RuleProblem(path, e.getLocation() == null ? null : e.getLocation().getLineNr(),
                        e.getOriginalMessage()));
                continue;
            }
            if (scenarios == null || !scenarios.isArray()) {
                problems.add(new RuleProblem(path, 1, "a scenario file is a list of scenarios, each with name, an input ("
                        + String.join(", ", KINDS) + ") and expect"));
                continue;
            }
            for (int i = 0; i < scenarios.size(); i++) {
                JsonNode scenario = scenarios.get(i);
                String name = scenario.path("name").asText("scenario " + (i + 1));
                Optional<String> kind = KINDS.stream().filter(scenario::has).findFirst();
                JsonNode expect = scenario.get("expect");
                if (kind.isEmpty() || expect == null || !expect.isObject()) {
                    problems.add(new RuleProblem(path, null, "\"" + name + "\" needs one input ("
                            + String.join(", ", KINDS) + ") and an expect section"));
                    continue;
                }
                run++;
                List<ScenarioFailure> found = check(path, name, rules, kind.get(), scenario.get(kind.get()), expect);
                failures.addAll(found);
                if (found.stream().anyMatch(f -> f.actual().startsWith(TIMED_OUT))) {
                    // One evaluation stopped at the time limit refuses the set; more would only burn a core each.
                    return new Result(run, problems, failures);
                }
            }
        }
        return new Result(run, problems, failures);
    }

    private List<ScenarioFailure> check(String file, String name, RuleSet rules, String kind, JsonNode input,
                                        JsonNode expect) {
        JsonNode actual;
        String error = null;
        try {
            actual = JSON.valueToTree(evaluate(rules, kind, input));
        } catch (RuleEvaluationException e) {
            // Stopped or failed rules: only qaflow's own account of it, whatever the rule code computed.
            String what = e.getStatusCode().value() == 503 ? TIMED_OUT : "refused: ";
            return List.of(new ScenarioFailure(file, name, "input", "rules that finish", what + e.getMessage()));
        } catch (BadRequestException | IllegalArgumentException | JsonProcessingException e) {
            actual = JSON.createObjectNode();
            error = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
        }
        List<ScenarioFailure> failures = new ArrayList<>();
        if (error != null && !expect.has("error")) {
            failures.add(new ScenarioFailure(file, name, "input", "a valid input", "refused: " + error));
            return failures;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = expect.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String field = e.getKey();
            JsonNode wanted = e.getValue();
            if (field.equals("error")) {
                if (error == null || !error.contains(wanted.asText())) {
                    failures.add(new ScenarioFailure(file, name, "error", "refused with \"" + wanted.asText() + "\"",
                            error == null ? "accepted" : "refused: " + error));
                }
            } else if (field.endsWith("Include")) {
                String listField = field.substring(0, field.length() - "Include".length());
                JsonNode list = actual.path(listField);
                for (JsonNode text : wanted.isArray() ? wanted : JSON.createArrayNode().add(wanted)) {
                    boolean found = false;
                    for (JsonNode entry : list) {
                        found |= entry.toString().contains(text.asText());
                    }
                    if (!found) {
                        failures.add(new ScenarioFailure(file, name, listField, "an entry containing \""
                                + text.asText() + "\"", list.toString()));
                    }
                }
            } else if (!sameValue(wanted, actual.path(field))) {
                failures.add(new ScenarioFailure(file, name, field, wanted.toString(),
                        actual.path(field).isMissingNode() ? "(no such field)" : actual.path(field).toString()));
            }
        }
        return failures;
    }

    private static boolean sameValue(JsonNode wanted, JsonNode actual) {
        if (wanted.isNumber() && actual.isNumber()) {
            return wanted.decimalValue().compareTo(actual.decimalValue()) == 0;
        }
        if (wanted.isTextual() && !actual.isTextual()) {
            return wanted.asText().equals(actual.asText());
        }
        return wanted.equals(actual);
    }

    private static Object evaluate(RuleSet rules, String kind, JsonNode input) throws JsonProcessingException {
        return switch (kind) {
            case "combination" -> {
                CombinationInput in = YAML.treeToValue(input, CombinationInput.class);
                yield rules.combination(in.qualification(), in.units());
            }
            case "staffEligibility" -> rules.staffEligibility(YAML.treeToValue(input, StaffEligibilityRequest.class));
            case "iqaSampling" -> rules.iqaSampling(YAML.treeToValue(input, IqaSamplingRequest.class));
            case "eqaSample" -> rules.eqaSample(YAML.treeToValue(input, EqaSampleRequest.class));
            case "directClaim" -> rules.directClaimStatus(YAML.treeToValue(input, DirectClaimFacts.class));
            case "eqaRelease" -> rules.eqaRelease(YAML.treeToValue(input, EqaReleaseRequest.class));
            default -> throw new IllegalArgumentException("unknown kind of scenario " + kind);
        };
    }
}
