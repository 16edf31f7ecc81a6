package org.qaflow.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.*;

/**
 * Scenarios (rules/scenarios/*.yaml) as forms: the given facts and the expected outcome of each kind of decision as
 * typed fields, checked field by field, and written back as one YAML entry in place of the old one, so the rest of
 * the file (comments included) stays as it was. Lists are typed one entry a line.
 */
final class ScenarioForms {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    enum Type { TEXT, WHOLE, NUMBER, YES_NO, DATE, CHOICE, LIST, QUALIFICATIONS, CPD }

    /** A field of the form: the key it is written under, what the page calls it, its type, and its choices. */
    record Field(String key, String label, Type type, List<String> choices, boolean required) {

        static Field of(String key, String label, Type type, boolean required) {
            return new Field(key, label, type, List.of(), required);
        }

        static Field choice(String key, String label, boolean required, String... choices) {
            return new Field(key, label, Type.CHOICE, List.of(choices), required);
        }
    }

    private static final String[] RISK = {"LOW", "MEDIUM", "HIGH"};
    private static final String[] OUTCOME = {"SATISFACTORY", "UNSATISFACTORY"};

    /** The given facts of each kind a form covers; eqaSample (a list of candidates) is edited as its file. */
    static final Map<String, List<Field>> GIVEN = new LinkedHashMap<>();
    static final Map<String, List<Field>> EXPECT = new LinkedHashMap<>();

    static {
        GIVEN.put("combination", List.of(Field.of("qualification", "Qualification (QAN)", Type.TEXT, true),
                Field.of("units", "Units, one a line", Type.LIST, true)));
        EXPECT.put("combination", List.of(Field.of("achieved", "Achieved", Type.YES_NO, false),
                Field.of("credits", "Credits", Type.WHOLE, false),
                Field.of("reasonsInclude", "Reasons include, one a line", Type.LIST, false)));
        GIVEN.put("staffEligibility", List.of(Field.choice("role", "Role", true, "ASSESSOR", "IQA"),
                Field.of("asOf", "As of", Type.DATE, true),
                Field.of("occupationalCompetenceLevel", "Occupational competence level", Type.WHOLE, true),
                Field.of("qualificationLevel", "Level of the qualification assessed", Type.WHOLE, false),
                Field.of("qualifications", "Qualifications, one a line: CODE HELD or CODE WORKING_TOWARDS",
                        Type.QUALIFICATIONS, false),
                Field.of("cpd", "CPD, one a line: date hours sales (or other)", Type.CPD, false),
                Field.of("assessesLeadershipUnits", "Assesses leadership units", Type.YES_NO, false),
                Field.of("salesLeadershipCompetence", "Has sales-leadership competence", Type.YES_NO, false),
                Field.of("declaredInterestInLearner", "Declared an interest in the learner", Type.YES_NO, false),
                Field.of("verifyingOwnDecision", "Verifying their own decision", Type.YES_NO, false)));
        EXPECT.put("staffEligibility", List.of(Field.of("eligible", "Eligible", Type.YES_NO, false),
                Field.of("reasonsInclude", "Reasons include, one a line", Type.LIST, false),
                Field.of("conditionsInclude", "Conditions include, one a line", Type.LIST, false),
                Field.of("warningsInclude", "Warnings include, one a line", Type.LIST, false)));
        GIVEN.put("iqaSampling", List.of(Field.of("decisionId", "Decision id (fixes the random draw)", Type.WHOLE, true),
                Field.of("assessorWorkingTowards", "Assessor working towards", Type.YES_NO, true),
                Field.of("assessorPriorDecisions", "Assessor's earlier decisions", Type.WHOLE, true),
                Field.of("simulatedEvidence", "Rests on simulated evidence", Type.YES_NO, true),
                Field.of("assessorRecentReferrals", "Assessor's recent referrals", Type.WHOLE, true),
                Field.choice("assessorRisk", "Assessor risk", true, RISK)));
        EXPECT.put("iqaSampling", List.of(Field.of("sampled", "Sampled", Type.YES_NO, false),
                Field.of("reasonsInclude", "Reasons include, one a line", Type.LIST, false)));
        GIVEN.put("directClaim", List.of(Field.of("currentStatus", "Has direct claim status now", Type.YES_NO, true),
                Field.of("recentVisitOutcomes", "Visit outcomes, newest first, one a line (SATISFACTORY or "
                        + "UNSATISFACTORY)", Type.LIST, false),
                Field.of("openActions", "Open EQA actions", Type.WHOLE, true),
                Field.of("everyAssessorSampled", "Every assessor sampled", Type.YES_NO, true),
                Field.of("qualifiedIqaCount", "Qualified IQAs", Type.WHOLE, true)));
        EXPECT.put("directClaim", List.of(Field.choice("recommendation", "Recommendation", false,
                        "GRANT", "KEEP", "SUSPEND", "NONE"),
                Field.of("reasonsInclude", "Reasons include, one a line", Type.LIST, false)));
        GIVEN.put("eqaRelease", List.of(Field.of("satisfactoryVisits", "Satisfactory visits", Type.WHOLE, true),
                Field.choice("latestOutcome", "Latest visit outcome", false, OUTCOME),
                Field.of("waitingClaims", "Claims waiting", Type.WHOLE, true)));
        EXPECT.put("eqaRelease", List.of(Field.of("remote", "Released remotely", Type.YES_NO, false),
                Field.of("reviewCount", "Claims the EQA reviews", Type.WHOLE, false),
                Field.of("reasonsInclude", "Reasons include, one a line", Type.LIST, false)));
    }

    /** One scenario as the form shows it: every value as typed text, keyed given.KEY and expect.KEY. */
    record Scenario(String file, Integer index, String kind, String name, Map<String, String> values) {
    }

    record Listed(String file, int index, String name, String kind, boolean hasForm) {
    }

    static List<Listed> list(Map<String, String> files) {
        List<Listed> listed = new ArrayList<>();
        files.forEach((path, text) -> {
            if (!path.startsWith("scenarios/") || !path.endsWith(".yaml")) {
                return;
            }
            JsonNode all = tree(text);
            for (int i = 0; all != null && all.isArray() && i < all.size(); i++) {
                String kind = kindOf(all.get(i));
                listed.add(new Listed(path, i, all.get(i).path("name").asText("scenario " + (i + 1)), kind,
                        GIVEN.containsKey(kind)));
            }
        });
        return listed;
    }

    /** The index-th scenario of the file, as form values. */
    static Scenario read(String file, String text, int index) {
        JsonNode all = tree(text);
        if (all == null || !all.isArray() || index < 0 || index >= all.size()) {
            throw new org.qaflow.problem.NotFoundException(file + " has no scenario " + (index + 1));
        }
        JsonNode scenario = all.get(index);
        String kind = kindOf(scenario);
        if (!GIVEN.containsKey(kind)) {
            throw new org.qaflow.problem.BadRequestException("\"" + scenario.path("name").asText() + "\" is an "
                    + kind + " scenario, which is edited in its file " + file);
        }
        Map<String, String> values = new LinkedHashMap<>();
        GIVEN.get(kind).forEach(f -> values.put("given." + f.key(), text(f, scenario.path(kind).path(f.key()))));
        EXPECT.get(kind).forEach(f -> values.put("expect." + f.key(), text(f, scenario.path("expect").path(f.key()))));
        return new Scenario(file, index, kind, scenario.path("name").asText(), values);
    }

    /** An empty form for a new scenario of that kind. */
    static Scenario blank(String file, String kind) {
        if (!GIVEN.containsKey(kind)) {
            throw new org.qaflow.problem.BadRequestException("kind: '" + kind + "' has no form; one of "
                    + String.join(", ", GIVEN.keySet()));
        }
        return new Scenario(file, null, kind, "", new LinkedHashMap<>());
    }

    /**
     * The file with the scenario written in place of the old one (or added at the end), or the errors by field
     * ("given.credits" -> "'lots' is not a whole number"), never both.
     */
    record Written(String text, Map<String, String> errors) {
    }

    static Written write(String fileText, Scenario scenario) {
        Map<String, String> errors = new LinkedHashMap<>();
        if (scenario.name() == null || scenario.name().isBlank()) {
            errors.put("name", "a scenario needs a name: the sentence a quality manager would say");
        }
        Map<String, Object> given = new LinkedHashMap<>();
        Map<String, Object> expect = new LinkedHashMap<>();
        for (Field f : GIVEN.get(scenario.kind())) {
            parse(f, scenario.values().get("given." + f.key()), "given." + f.key(), errors)
                    .ifPresent(v -> given.put(f.key(), v));
        }
        for (Field f : EXPECT.get(scenario.kind())) {
            parse(f, scenario.values().get("expect." + f.key()), "expect." + f.key(), errors)
                    .ifPresent(v -> expect.put(f.key(), v));
        }
        if (expect.isEmpty() && errors.keySet().stream().noneMatch(k -> k.startsWith("expect."))) {
            errors.put("expect", "say at least one thing the rules must answer");
        }
        List<String> names = list(Map.of(scenario.file(), fileText)).stream()
                .filter(l -> !Objects.equals(l.index(), scenario.index())).map(Listed::name).toList();
        if (scenario.name() != null && names.contains(scenario.name().strip())) {
            errors.put("name", "another scenario in " + scenario.file() + " is named \"" + scenario.name().strip() + "\"");
        }
        if (!errors.isEmpty()) {
            return new Written(null, errors);
        }
        keepWhatTheFormDoesNotShow(fileText, scenario, given, expect);
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", scenario.name().strip());
        entry.put(scenario.kind(), given);
        entry.put("expect", expect);
        String block;
        try {
            block = YAML.writeValueAsString(List.of(entry));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return new Written(splice(fileText, scenario.index(), block), Map.of());
    }

    /** Expectations (and inputs) the form has no field for, such as "conditions: []", stay as the file had them. */
    private static void keepWhatTheFormDoesNotShow(String fileText, Scenario scenario, Map<String, Object> given,
                                                   Map<String, Object> expect) {
        JsonNode all = scenario.index() == null ? null : tree(fileText);
        if (all == null || !all.isArray() || scenario.index() >= all.size()) {
            return;
        }
        JsonNode old = all.get(scenario.index());
        keep(old.path(scenario.kind()), GIVEN.get(scenario.kind()), given);
        keep(old.path("expect"), EXPECT.get(scenario.kind()), expect);
    }

    private static void keep(JsonNode old, List<Field> fields, Map<String, Object> into) {
        Set<String> shown = new HashSet<>();
        fields.forEach(f -> shown.add(f.key()));
        for (Iterator<Map.Entry<String, JsonNode>> it = old.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!shown.contains(e.getKey())) {
                into.put(e.getKey(), YAML.convertValue(e.getValue(), Object.class));
            }
        }
    }

    /** What an existing scenario holds that the form does not show, for the page to say it is kept. */
    static List<String> notShown(String fileText, Scenario scenario) {
        List<String> kept = new ArrayList<>();
        JsonNode all = scenario.index() == null ? null : tree(fileText);
        if (all == null || !all.isArray() || scenario.index() >= all.size()) {
            return kept;
        }
        JsonNode old = all.get(scenario.index());
        Map<String, Object> given = new LinkedHashMap<>();
        Map<String, Object> expect = new LinkedHashMap<>();
        keep(old.path(scenario.kind()), GIVEN.get(scenario.kind()), given);
        keep(old.path("expect"), EXPECT.get(scenario.kind()), expect);
        given.forEach((k, v) -> kept.add(k + ": " + v));
        expect.forEach((k, v) -> kept.add("expect " + k + ": " + v));
        return kept;
    }

    /**
     * Replaces the index-th top-level list entry (its "- " line up to the next one, less the comments and blank lines
     * that lead into the next entry) with block, or appends block when index is null.
     */
    static String splice(String text, Integer index, String block) {
        List<String> lines = new ArrayList<>(text.lines().toList());
        if (index == null) {
            String body = String.join("\n", lines).stripTrailing();
            return (body.isEmpty() ? "" : body + "\n\n") + block;
        }
        List<Integer> starts = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("- ")) {
                starts.add(i);
            }
        }
        int from = starts.get(index);
        int to = index + 1 < starts.size() ? starts.get(index + 1) : lines.size();
        while (to > from + 1 && (lines.get(to - 1).isBlank() || lines.get(to - 1).startsWith("#"))) {
            to--;
        }
        List<String> out = new ArrayList<>(lines.subList(0, from));
        out.addAll(block.stripTrailing().lines().toList());
        out.addAll(lines.subList(to, lines.size()));
        return String.join("\n", out) + "\n";
    }

    private static Optional<Object> parse(Field f, String raw, String where, Map<String, String> errors) {
        String value = raw == null ? "" : raw.strip();
        if (value.isEmpty()) {
            if (f.required()) {
                errors.put(where, f.label() + " is required");
            }
            return Optional.empty();
        }
        try {
            return Optional.of(switch (f.type()) {
                case TEXT -> value;
                case WHOLE -> {
                    try {
                        yield Integer.parseInt(value);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("'" + value + "' is not a whole number");
                    }
                }
                case NUMBER -> number(value);
                case YES_NO -> switch (value) {
                    case "yes", "true" -> true;
                    case "no", "false" -> false;
                    default -> throw new IllegalArgumentException("'" + value + "' is not yes or no");
                };
                case DATE -> date(value).toString();
                case CHOICE -> {
                    if (!f.choices().contains(value)) {
                        throw new IllegalArgumentException("'" + value + "' is not one of " + String.join(", ", f.choices()));
                    }
                    yield value;
                }
                case LIST -> lines(value);
                case QUALIFICATIONS -> {
                    List<Map<String, Object>> held = new ArrayList<>();
                    List<String> lines = lines(value);
                    for (int i = 0; i < lines.size(); i++) {
                        String[] parts = lines.get(i).split("\\s+");
                        if (parts.length != 2 || !List.of("HELD", "WORKING_TOWARDS").contains(parts[1])) {
                            throw new IllegalArgumentException("line " + (i + 1) + ": '" + lines.get(i)
                                    + "' is not CODE HELD or CODE WORKING_TOWARDS");
                        }
                        held.add(new LinkedHashMap<>(Map.of("code", parts[0], "status", parts[1])));
                    }
                    yield held;
                }
                case CPD -> {
                    List<Map<String, Object>> cpd = new ArrayList<>();
                    List<String> lines = lines(value);
                    for (int i = 0; i < lines.size(); i++) {
                        String[] parts = lines.get(i).split("\\s+");
                        if (parts.length != 3 || !List.of("sales", "other").contains(parts[2])) {
                            throw new IllegalArgumentException("line " + (i + 1) + ": '" + lines.get(i)
                                    + "' is not: date hours sales (or other)");
                        }
                        Map<String, Object> entry = new LinkedHashMap<>();
                        entry.put("date", date(parts[0]).toString());
                        entry.put("hours", number(parts[1]));
                        entry.put("salesRelated", parts[2].equals("sales"));
                        cpd.add(entry);
                    }
                    yield cpd;
                }
            });
        } catch (IllegalArgumentException e) {
            errors.put(where, e.getMessage());
            return Optional.empty();
        }
    }

    private static Number number(String value) {
        try {
            BigDecimal n = new BigDecimal(value);
            return n.scale() <= 0 ? n.intValueExact() : n;
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("'" + value + "' is not a number");
        }
    }

    private static LocalDate date(String value) {
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + value + "' is not a date (yyyy-mm-dd)");
        }
    }

    private static List<String> lines(String value) {
        return value.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    /** A stored value back as the text its field shows. */
    private static String text(Field f, JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return "";
        }
        return switch (f.type()) {
            case YES_NO -> node.asBoolean() ? "yes" : "no";
            case LIST -> {
                List<String> items = new ArrayList<>();
                (node.isArray() ? node : YAML.createArrayNode().add(node)).forEach(n -> items.add(n.asText()));
                yield String.join("\n", items);
            }
            case QUALIFICATIONS -> {
                List<String> items = new ArrayList<>();
                node.forEach(n -> items.add(n.path("code").asText() + " " + n.path("status").asText()));
                yield String.join("\n", items);
            }
            case CPD -> {
                List<String> items = new ArrayList<>();
                node.forEach(n -> items.add(n.path("date").asText() + " " + n.path("hours").asText() + " "
                        + (n.path("salesRelated").asBoolean() ? "sales" : "other")));
                yield String.join("\n", items);
            }
            default -> node.asText();
        };
    }

    private static String kindOf(JsonNode scenario) {
        for (Iterator<String> it = scenario.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!key.equals("name") && !key.equals("expect")) {
                return key;
            }
        }
        return "unknown";
    }

    private static JsonNode tree(String text) {
        try {
            return YAML.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private ScenarioForms() {
    }
}
