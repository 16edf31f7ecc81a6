package org.qaflow.centre;

import static org.qaflow.web.FormActions.act;
import org.qaflow.web.FormActions.Done;
import jakarta.validation.Validator;
import org.qaflow.catalogue.QualificationRepository;
import org.qaflow.problem.BadRequestException;
import org.qaflow.problem.Violations;
import org.qaflow.security.AppUserRepository;
import org.qaflow.security.CurrentUser;
import org.qaflow.security.Role;
import org.qaflow.web.WebPage;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.*;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.List;
import java.util.Map;

/** The quality manager's centre administration pages: create a centre, approve it, rate its risk, appoint its EQA. */
@Controller
@WebPage
@RequestMapping("/qm/admin/centres")
public class CentreAdminPages {

    private final CentreAdministration admin;
    private final CentreRepository centres;
    private final QualificationRepository qualifications;
    private final AppUserRepository users;
    private final AdminEventRepository events;
    private final CurrentUser currentUser;
    private final Validator validator;

    public CentreAdminPages(CentreAdministration admin, CentreRepository centres, QualificationRepository qualifications,
                            AppUserRepository users, AdminEventRepository events, CurrentUser currentUser,
                            Validator validator) {
        this.admin = admin;
        this.centres = centres;
        this.qualifications = qualifications;
        this.users = users;
        this.events = events;
        this.currentUser = currentUser;
        this.validator = validator;
    }

    public record Row(String code, String name, Centre.RiskRating riskRating, int approvals, String eqa) {
    }

    @GetMapping
    @Transactional(readOnly = true)
    public String list(Model model) {
        // Rows read here: the page renders after the transaction, and approvals load lazily.
        model.addAttribute("centres", centres.findAllByOrderByCode().stream().map(c -> new Row(c.getCode(),
                c.getName(), c.getRiskRating(), (int) c.getApprovals().stream().filter(a -> a.getSuspendedOn() == null)
                .count(), c.getEqaUsername())).toList());
        model.addAttribute("risks", Centre.RiskRating.values());
        return "admin/centres";
    }

    @GetMapping("/{code}")
    @Transactional(readOnly = true)
    public String centre(@PathVariable String code, Model model) {
        Centre centre = admin.centre(code);
        model.addAttribute("centre", centre);
        model.addAttribute("approvals", List.copyOf(centre.getApprovals()));
        model.addAttribute("qualifications", qualifications.findAllByOrderByPosition());
        model.addAttribute("eqas", users.findByRoleAndEnabledTrue(Role.EQA).stream()
                .sorted(java.util.Comparator.comparing(u -> u.getUsername())).toList());
        model.addAttribute("risks", Centre.RiskRating.values());
        model.addAttribute("history", events.findByCentreIdOrderByIdAsc(centre.getId()));
        return "admin/centre";
    }

    @PostMapping
    public String create(@RequestParam Map<String, String> form, RedirectAttributes redirect) {
        return act(redirect, form, "/qm/admin/centres", () -> {
            var body = Violations.require(validator, new CentreAdminController.NewCentre(form.get("code"),
                    form.get("name"), risk(form.get("riskRating"))));
            Centre c = admin.create(body.code(), body.name(), body.riskRating(), currentUser.get());
            return new Done("/qm/admin/centres/" + c.getCode(), "Created centre " + c.getCode() + " " + c.getName());
        });
    }

    @PostMapping("/{code}/approvals")
    public String approve(@PathVariable String code, @RequestParam Map<String, String> form,
                          RedirectAttributes redirect) {
        return act(redirect, form, "/qm/admin/centres/" + code, () -> {
            var body = Violations.require(validator, new CentreAdminController.NewApproval(form.get("qualification")));
            admin.approve(code, body.qualification(), currentUser.get());
            return new Done("/qm/admin/centres/" + code, "Approved " + code + " for " + body.qualification());
        });
    }

    @PostMapping("/{code}/risk")
    public String risk(@PathVariable String code, @RequestParam Map<String, String> form, RedirectAttributes redirect) {
        return act(redirect, form, "/qm/admin/centres/" + code, () -> {
            var body = Violations.require(validator, new CentreAdminController.RiskChange(risk(form.get("riskRating")),
                    form.get("reason")));
            admin.changeRisk(code, body.riskRating(), body.reason(), currentUser.get());
            return new Done("/qm/admin/centres/" + code, "Risk rating now " + body.riskRating());
        });
    }

    @PostMapping("/{code}/eqa")
    public String appoint(@PathVariable String code, @RequestParam Map<String, String> form,
                          RedirectAttributes redirect) {
        return act(redirect, form, "/qm/admin/centres/" + code, () -> {
            var body = Violations.require(validator, new CentreAdminController.EqaAppointment(form.get("eqa")));
            admin.appointEqa(code, body.eqa().trim(), currentUser.get());
            return new Done("/qm/admin/centres/" + code, body.eqa().trim() + " is now the EQA of " + code);
        });
    }

    private static Centre.RiskRating risk(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Centre.RiskRating.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("riskRating: LOW, MEDIUM or HIGH, not '" + value + "'");
        }
    }
}
