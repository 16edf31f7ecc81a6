package org.qaflow.rules;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.kie.api.KieBase;
import org.kie.api.io.Resource;
import org.kie.api.io.ResourceType;
import org.kie.internal.builder.CompositeKnowledgeBuilder;
import org.kie.internal.builder.DecisionTableConfiguration;
import org.kie.internal.builder.DecisionTableInputType;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderError;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.io.ResourceFactory;
import org.qaflow.rules.facts.*;

import java.nio.charset.StandardCharsets;
import java.util.*;
import java.util.regex.Pattern;

/**
 * Turns the files of a rule set into a {@link RuleSet}: DRL and decision tables compiled by Drools at run time
 * (straight into a KieBase, without a kjar: several times faster to rebuild), data files read into fact rows. Every problem names the file and, where known, the line.
 */
public class RuleSetCompiler {

    /** The kinds of rows a data file may hold, by the name a quality manager writes at the top of a list. */
    static final Map<String, Class<?>> DATA_KINDS = Map.ofEntries(
            Map.entry("CombinationRequirement", CombinationRequirement.class),
            Map.entry("CategoryMinimum", CategoryMinimum.class),
            Map.entry("RecognisedQualification", RecognisedQualification.class),
            Map.entry("RoleRequirement", RoleRequirement.class),
            Map.entry("IqaSamplingPolicy", IqaSamplingPolicy.class),
            Map.entry("BaselineSamplingRate", BaselineSamplingRate.class),
            Map.entry("EqaSampleSizeBand", EqaSampleSizeBand.class),
            Map.entry("EqaRiskUplift", EqaRiskUplift.class),
            Map.entry("DirectClaimPolicy", DirectClaimPolicy.class),
            Map.entry("EqaReleasePolicy", EqaReleasePolicy.class));

    private static final Pattern SAFE_PATH = Pattern.compile("[A-Za-z0-9_-]+(/[A-Za-z0-9_.-]+)+|[A-Za-z0-9_.-]+");
    private static final Pattern DRL_LINE = Pattern.compile("\\[(?:ERR|WARN) \\d+\\] Line (\\d+):");

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .findAndRegisterModules()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY);

    private final CatalogueFacts catalogue;
    private final java.time.Duration timeLimit;

    public RuleSetCompiler(CatalogueFacts catalogue) {
        this(catalogue, RuleSet.DEFAULT_TIME_LIMIT);
    }

    /** timeLimit: how long one evaluation with the compiled rules may run before it is stopped. */
    public RuleSetCompiler(CatalogueFacts catalogue, java.time.Duration timeLimit) {
        this.catalogue = catalogue;
        this.timeLimit = timeLimit;
    }

    public record Outcome(RuleSet ruleSet, List<RuleProblem> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }
    }

    /** A path a rule file may have: relative, forward slashes, no "..". */
    static String checkPath(String path) {
        String p = path == null ? "" : path.replaceFirst("^/+", "");
        if (!SAFE_PATH.matcher(p).matches() || p.contains("..")) {
            throw new org.qaflow.problem.BadRequestException("Rule file path '" + path
                    + "' is not allowed: use a relative path of letters, digits, '-', '_' and '.' such as combination/requirements.yaml");
        }
        return p;
    }

    public Outcome compile(Map<String, String> files, int version) {
        // Rule code runs inside the server, so nothing reaching past the fact model is compiled at all.
        List<RuleProblem> refused = new ArrayList<>();
        Set<String> unparsed = new TreeSet<>();
        for (Map.Entry<String, String> file : new TreeMap<>(files).entrySet()) {
            if (file.getKey().endsWith(".drl") || file.getKey().endsWith(".drl.csv")) {
                RuleSandbox.Checked checked = RuleSandbox.check(file.getKey(), file.getValue());
                refused.addAll(checked.problems());
                if (!checked.parsed()) {
                    unparsed.add(file.getKey());
                }
            }
        }
        if (!refused.isEmpty()) {
            return new Outcome(null, refused);
        }
        List<RuleProblem> problems = new ArrayList<>();
        Map<Class<?>, List<Object>> data = new HashMap<>();
        KnowledgeBuilder builder = KnowledgeBuilderFactory.newKnowledgeBuilder(
                KnowledgeBuilderFactory.newKnowledgeBuilderConfiguration(RuleClassLoader.INSTANCE));
        CompositeKnowledgeBuilder batch = builder.batch();
        for (Map.Entry<String, String> file : new TreeMap<>(files).entrySet()) {
            String path = file.getKey();
            Resource resource = ResourceFactory.newByteArrayResource(file.getValue().getBytes(StandardCharsets.UTF_8));
            resource.setSourcePath(path);
            if (path.endsWith(".drl")) {
                batch.add(resource, ResourceType.DRL);
            } else if (path.endsWith(".drl.csv")) {
                DecisionTableConfiguration csv = KnowledgeBuilderFactory.newDecisionTableConfiguration();
                csv.setInputType(DecisionTableInputType.CSV);
                batch.add(resource, ResourceType.DTABLE, csv);
            } else if (path.startsWith("scenarios/") && path.endsWith(".yaml")) {
                continue; // checked by ScenarioRunner against the compiled set
            } else if (path.endsWith(".yaml")) {
                readData(path, file.getValue(), data, problems);
            } else if (!path.endsWith(".md")) {
                problems.add(new RuleProblem(path, null,
                        "qaflow reads .drl rules, .drl.csv decision tables, .yaml data and scenarios, and .md notes only"));
            }
        }
        try {
            batch.build();
        } catch (RuntimeException e) {
            // A decision table that cannot be parsed at all fails here rather than as a builder error.
            problems.add(new RuleProblem("(rule set)", null, e.getMessage()));
        }
        for (KnowledgeBuilderError error : builder.getErrors()) {
            problems.add(new RuleProblem(fileOf(error), lineOf(error), error.getMessage().trim()));
        }
        if (problems.isEmpty() && !unparsed.isEmpty()) {
            // Never expected: Drools compiled what its own parser could not read, so it went unchecked.
            unparsed.forEach(path -> problems.add(new RuleProblem(path, null, "could not be parsed to be checked")));
        }
        if (!problems.isEmpty()) {
            return new Outcome(null, problems);
        }
        KieBase kieBase = builder.newKieBase();
        Map<Class<?>, List<Object>> frozen = new HashMap<>();
        data.forEach((k, v) -> frozen.put(k, List.copyOf(v)));
        return new Outcome(new RuleSet(version, files, kieBase, Map.copyOf(frozen), catalogue, timeLimit), List.of());
    }

    private static void readData(String path, String content, Map<Class<?>, List<Object>> data,
                                 List<RuleProblem> problems) {
        JsonNode root;
        try {
            root = YAML.readTree(content);
        } catch (JsonProcessingException e) {
            problems.add(new RuleProblem(path, e.getLocation() == null ? null : e.getLocation().getLineNr(),
                    e.getOriginalMessage()));
            return;
        }
        if (root == null || !root.isObject()) {
            problems.add(new RuleProblem(path, 1, "a data file holds lists of rows under a kind, such as "
                    + "CombinationRequirement:, one of " + new TreeSet<>(DATA_KINDS.keySet())));
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> kind = it.next();
            Class<?> type = DATA_KINDS.get(kind.getKey());
            if (type == null) {
                problems.add(new RuleProblem(path, null, "unknown kind of rows '" + kind.getKey() + "'; known kinds: "
                        + new TreeSet<>(DATA_KINDS.keySet())));
                continue;
            }
            if (!kind.getValue().isArray()) {
                problems.add(new RuleProblem(path, null, kind.getKey() + " must be a list of rows"));
                continue;
            }
            for (int i = 0; i < kind.getValue().size(); i++) {
                try {
                    data.computeIfAbsent(type, t -> new ArrayList<>()).add(YAML.treeToValue(kind.getValue().get(i), type));
                } catch (JsonProcessingException | IllegalArgumentException e) {
                    String message = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
                    problems.add(new RuleProblem(path, null, kind.getKey() + " row " + (i + 1) + ": " + message));
                }
            }
        }
    }

    private static String fileOf(KnowledgeBuilderError error) {
        return error.getResource() == null || error.getResource().getSourcePath() == null
                ? "(rule set)" : error.getResource().getSourcePath();
    }

    private static Integer lineOf(KnowledgeBuilderError error) {
        if (error.getLines() != null && error.getLines().length > 0 && error.getLines()[0] > 0) {
            return error.getLines()[0];
        }
        var matcher = DRL_LINE.matcher(error.getMessage());
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : null;
    }
}
