package org.qaflow.rules;

import org.qaflow.problem.BadRequestException;
import org.qaflow.problem.ConflictException;
import org.qaflow.problem.NotFoundException;
import org.qaflow.security.CurrentUser;
import org.qaflow.web.WebPage;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.*;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The rule scenarios as forms on the rules console: list them, edit one or add one (given facts and the expected
 * outcome as typed fields, errors beside the field), and save it as a candidate that is compiled and run against
 * every scenario like any other change, or added to an existing candidate (RuleSetRegistry.amend), so that a policy
 * change and the scenarios that describe it are checked together.
 */
@Controller
@WebPage
@RequestMapping("/qm/rules/scenarios")
public class ScenarioPages {

    private final RuleEngine engine;
    private final RuleSetRegistry registry;
    private final CurrentUser currentUser;

    public ScenarioPages(RuleEngine engine, RuleSetRegistry registry, CurrentUser currentUser) {
        this.engine = engine;
        this.registry = registry;
        this.currentUser = currentUser;
    }

    @GetMapping
    public String list(@RequestParam(required = false) Long candidate, Model model) {
        Map<String, String> files = files(candidate);
        model.addAttribute("scenarios", ScenarioForms.list(files));
        model.addAttribute("scenarioFiles", files.keySet().stream().filter(ScenarioPages::isScenarioFile).toList());
        model.addAttribute("kinds", ScenarioForms.GIVEN.keySet());
        model.addAttribute("candidate", candidate);
        return "rules/scenarios";
    }

    @GetMapping("/edit")
    public String edit(@RequestParam String file, @RequestParam int index,
                       @RequestParam(required = false) Long candidate, Model model) {
        Map<String, String> files = files(candidate);
        String path = scenarioFile(file, files);
        return form(ScenarioForms.read(path, files.get(path), index), candidate, "", Map.of(), model);
    }

    @GetMapping("/new")
    public String add(@RequestParam String file, @RequestParam String kind,
                      @RequestParam(required = false) Long candidate, Model model) {
        return form(ScenarioForms.blank(scenarioFile(file, files(candidate)), kind), candidate, "", Map.of(), model);
    }

    /** given.KEY and expect.KEY parameters carry the typed fields; index is absent for a new scenario. */
    @PostMapping
    public String save(@RequestParam String file, @RequestParam(required = false) Integer index,
                       @RequestParam String kind, @RequestParam(defaultValue = "") String name,
                       @RequestParam(defaultValue = "") String description,
                       @RequestParam(required = false) Long candidate,
                       @RequestParam Map<String, String> params, Model model) {
        Map<String, String> files = files(candidate);
        String path = scenarioFile(file, files);
        ScenarioForms.blank(path, kind); // refuses a kind without a form
        Map<String, String> values = new LinkedHashMap<>();
        params.forEach((key, value) -> {
            if (key.startsWith("given.") || key.startsWith("expect.")) {
                values.put(key, value);
            }
        });
        ScenarioForms.Scenario scenario = new ScenarioForms.Scenario(path, index, kind, name, values);
        ScenarioForms.Written written = ScenarioForms.write(files.get(path), scenario);
        if (!written.errors().isEmpty()) {
            return form(scenario, candidate, description, written.errors(), model);
        }
        String what = description.isBlank() ? (index == null ? "add" : "edit") + " scenario \"" + name.strip()
                + "\" in " + path : description.strip();
        Map<String, String> change = Map.of(path, written.text());
        String user = currentUser.get().getUsername();
        RuleSetRegistry.Report report;
        try {
            report = candidate == null ? registry.propose(change, what, user) : registry.amend(candidate, change, user);
        } catch (BadRequestException | ConflictException | AccessDeniedException e) {
            model.addAttribute("problem", e.getMessage());
            return form(scenario, candidate, description, Map.of(), model);
        }
        if (report.refused()) {
            model.addAttribute("report", report);
            return form(scenario, candidate, description, Map.of(), model);
        }
        return "redirect:/qm/rules/candidates/" + report.candidate() + "?scenarios=" + report.scenariosRun();
    }

    private String form(ScenarioForms.Scenario scenario, Long candidate, String description,
                        Map<String, String> errors, Model model) {
        model.addAttribute("scenario", scenario);
        model.addAttribute("given", ScenarioForms.GIVEN.get(scenario.kind()));
        model.addAttribute("expect", ScenarioForms.EXPECT.get(scenario.kind()));
        model.addAttribute("values", scenario.values());
        model.addAttribute("errors", errors);
        model.addAttribute("candidate", candidate);
        model.addAttribute("description", description);
        model.addAttribute("version", engine.active().version());
        model.addAttribute("kept", ScenarioForms.notShown(files(candidate).get(scenario.file()), scenario));
        return "rules/scenario";
    }

    /** The files the form starts from: the active version's, or those of the candidate it joins. */
    private Map<String, String> files(Long candidate) {
        return candidate == null ? engine.active().files() : registry.record(candidate).getFiles();
    }

    private static boolean isScenarioFile(String path) {
        return path.startsWith("scenarios/") && path.endsWith(".yaml");
    }

    private static String scenarioFile(String file, Map<String, String> files) {
        String path = RuleSetCompiler.checkPath(file);
        if (!isScenarioFile(path) || !files.containsKey(path)) {
            throw new NotFoundException("There is no scenario file " + path + ". Scenario files: "
                    + String.join(", ", files.keySet().stream().filter(ScenarioPages::isScenarioFile).toList()));
        }
        return path;
    }
}
