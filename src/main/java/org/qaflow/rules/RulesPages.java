package org.qaflow.rules;

import org.qaflow.problem.BadRequestException;
import org.qaflow.problem.ConflictException;
import org.qaflow.security.CurrentUser;
import org.qaflow.web.WebPage;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.*;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The quality manager's rules console over RuleSetRegistry: browse the active files, edit or upload one, see compile
 * errors and scenario results, preview the impact, activate, browse history with diffs, roll back. Activating and
 * rolling back each go through a page that asks for confirmation and the reason.
 */
@Controller
@WebPage
@RequestMapping("/qm/rules")
public class RulesPages {

    private final RuleEngine engine;
    private final RuleSetRegistry registry;
    private final CurrentUser currentUser;
    private final DecisionTables tables;

    public RulesPages(RuleEngine engine, RuleSetRegistry registry, CurrentUser currentUser, DecisionTables tables) {
        this.tables = tables;
        this.engine = engine;
        this.registry = registry;
        this.currentUser = currentUser;
    }

    @GetMapping
    public String console(Model model) {
        RuleSet active = engine.active();
        model.addAttribute("version", active.version());
        model.addAttribute("files", active.files().keySet());
        model.addAttribute("versions", registry.versions());
        model.addAttribute("tables", tables.tables().stream().map(DecisionTables.TableView::path).toList());
        model.addAttribute("scheduled", registry.scheduled().stream()
                .map(v -> new Scheduled(v, registry.day(v.effectiveFrom()))).toList());
        return "rules/console";
    }

    public record Scheduled(RuleSetRegistry.VersionView change, java.time.LocalDate from) {
    }

    @GetMapping("/edit")
    public String edit(@RequestParam String path, @RequestParam(required = false) Long candidate, Model model) {
        String clean = RuleSetCompiler.checkPath(path);
        String content = (candidate == null ? engine.active().files() : registry.record(candidate).getFiles()).get(clean);
        if (content == null) {
            throw new org.qaflow.problem.NotFoundException("Rule file " + clean + " is not in the active version");
        }
        model.addAttribute("path", clean);
        model.addAttribute("content", content);
        model.addAttribute("description", "");
        model.addAttribute("version", engine.active().version());
        model.addAttribute("candidate", candidate);
        return "rules/edit";
    }

    @PostMapping("/edit")
    public String propose(@RequestParam String path, @RequestParam(defaultValue = "") String content,
                          @RequestParam(defaultValue = "") String description,
                          @RequestParam(required = false) MultipartFile upload,
                          @RequestParam(required = false) Long candidate, Model model) throws IOException {
        String text = upload != null && !upload.isEmpty() ? new String(upload.getBytes(), StandardCharsets.UTF_8) : content;
        // Browsers send a textarea's lines with CRLF; the rule files use LF, and the diff should show only real edits.
        text = text.replace("\r\n", "\n");
        model.addAttribute("path", path);
        model.addAttribute("content", text);
        model.addAttribute("description", description);
        model.addAttribute("version", engine.active().version());
        model.addAttribute("candidate", candidate);
        RuleSetRegistry.Report report;
        try {
            // With a candidate, the edit is added to it (RuleSetRegistry.amend) and the whole change set is checked.
            report = candidate != null ? registry.amend(candidate, Map.of(path, text), currentUser.get().getUsername())
                    : registry.propose(Map.of(path, text), description.isBlank() ? "edit " + path : description.trim(),
                    currentUser.get().getUsername());
        } catch (BadRequestException | ConflictException | AccessDeniedException e) {
            model.addAttribute("problem", e.getMessage());
            return "rules/edit";
        }
        if (report.refused()) {
            // The editor stays open with the text as typed, and the reasons beside it.
            model.addAttribute("report", report);
            return "rules/edit";
        }
        return "redirect:/qm/rules/candidates/" + report.candidate() + "?scenarios=" + report.scenariosRun();
    }

    @GetMapping("/candidates/{id}")
    public String candidate(@PathVariable long id, @RequestParam(required = false) Integer scenarios, Model model) {
        candidateModel(id, model);
        model.addAttribute("scenarios", scenarios);
        return "rules/candidate";
    }

    @PostMapping("/candidates/{id}/impact")
    public String impact(@PathVariable long id, Model model) {
        candidateModel(id, model);
        model.addAttribute("impact", registry.impact(id));
        return "rules/candidate";
    }

    private void candidateModel(long id, Model model) {
        RuleSetRecord record = registry.record(id);
        model.addAttribute("candidate", record);
        model.addAttribute("needsSecondPair", registry.needsSecondPair(record, currentUser.get().getUsername()));
        // Its author may add changes to a candidate not yet activated: a table, a scenario, any file.
        Long supersededBy = registry.supersededBy(record);
        model.addAttribute("supersededBy", supersededBy);
        model.addAttribute("amendable", supersededBy == null && record.getCreatedBy().equals(currentUser.get().getUsername())
                && (record.getStatus() == RuleSetRecord.Status.CANDIDATE || record.getStatus() == RuleSetRecord.Status.REFUSED));
        model.addAttribute("tablePaths", record.getFiles().entrySet().stream()
                .filter(f -> DecisionTable.isTable(f.getKey(), f.getValue())).map(Map.Entry::getKey).toList());
    }

    @GetMapping("/candidates/{id}/activate")
    public String confirmActivation(@PathVariable long id, Model model) {
        RuleSetRecord record = registry.record(id);
        model.addAttribute("heading", "Activate candidate " + id);
        model.addAttribute("what", record.getDescription() + ", written by " + record.getCreatedBy()
                + ", changes active version " + record.getBasedOnVersion() + " as shown below.");
        model.addAttribute("diff", record.getDiff());
        model.addAttribute("action", "/qm/rules/candidates/" + id + "/activate");
        model.addAttribute("button", "Activate");
        model.addAttribute("dated", true);
        if (registry.needsSecondPair(record, currentUser.get().getUsername())) {
            model.addAttribute("blocked", "You wrote candidate " + id + ": a rule set change needs a second quality "
                    + "manager, so another quality manager must activate it.");
        }
        return "rules/confirm";
    }

    @PostMapping("/candidates/{id}/activate")
    public String activate(@PathVariable long id, @RequestParam(defaultValue = "") String reason,
                           @RequestParam(required = false) java.time.LocalDate from, Model model,
                           RedirectAttributes redirect) {
        try {
            var version = registry.activate(id, currentUser.get().getUsername(), reason, from);
            redirect.addFlashAttribute("notice", version.version() == null
                    ? "Candidate " + id + " takes effect from " + registry.day(version.effectiveFrom())
                    : "Version " + version.version() + " is active");
            return "redirect:/qm/rules";
        } catch (BadRequestException | AccessDeniedException | ConflictException e) {
            confirmActivation(id, model);
            model.addAttribute("reason", reason);
            model.addAttribute("from", from);
            model.addAttribute("problem", e.getMessage());
            return "rules/confirm";
        }
    }

    @GetMapping("/versions/{version}")
    public String version(@PathVariable int version, Model model) {
        model.addAttribute("record", registry.version(version));
        model.addAttribute("active", engine.active().version());
        return "rules/version";
    }

    @GetMapping("/versions/{version}/rollback")
    public String confirmRollback(@PathVariable int version, Model model) {
        RuleSetRecord record = registry.version(version);
        model.addAttribute("heading", "Roll back to version " + version);
        model.addAttribute("what", "The rules of version " + version + " (" + record.getDescription()
                + ") become active again as a new version, in place of active version " + engine.active().version()
                + ".");
        model.addAttribute("action", "/qm/rules/versions/" + version + "/rollback");
        model.addAttribute("button", "Roll back");
        return "rules/confirm";
    }

    @PostMapping("/versions/{version}/rollback")
    public String rollback(@PathVariable int version, @RequestParam(defaultValue = "") String reason, Model model,
                           RedirectAttributes redirect) {
        try {
            var now = registry.rollback(version, currentUser.get().getUsername(), reason);
            redirect.addFlashAttribute("notice", "Rolled back to the rules of version " + version + ", now active as version "
                    + now.version());
        } catch (BadRequestException e) {
            confirmRollback(version, model);
            model.addAttribute("problem", e.getMessage());
            return "rules/confirm";
        } catch (RuleSetRefusedException e) {
            redirect.addFlashAttribute("problem", e.report().summary());
        } catch (ConflictException e) {
            redirect.addFlashAttribute("problem", e.getMessage());
        }
        return "redirect:/qm/rules";
    }
}
