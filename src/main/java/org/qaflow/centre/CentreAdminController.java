package org.qaflow.centre;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.qaflow.problem.HumanText;
import org.qaflow.problem.Refuses;
import org.qaflow.security.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.*;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The quality manager creates and approves centres, rates their risk and appoints their EQA; all on the audit trail. */
@RestController
@RequestMapping("/api/centres")
@Tag(name = "Centres", description = "Centres, their risk and direct claim status")
public class CentreAdminController {

    private final CentreAdministration admin;
    private final CentreAccess access;
    private final AdminEventRepository events;
    private final CurrentUser currentUser;

    public CentreAdminController(CentreAdministration admin, CentreAccess access, AdminEventRepository events,
                                 CurrentUser currentUser) {
        this.admin = admin;
        this.access = access;
        this.events = events;
        this.currentUser = currentUser;
    }

    public record NewCentre(@NotBlank(message = "required, e.g. ABC04")
                            @Pattern(regexp = "[A-Z0-9]{2,20}", message = "2 to 20 capital letters and digits")
                            String code,
                            @NotBlank(message = "required") @HumanText(max = 200) String name,
                            @NotNull(message = "required: LOW, MEDIUM or HIGH") Centre.RiskRating riskRating) {
    }

    public record NewApproval(@NotBlank(message = "required, e.g. 610/3769/2") @HumanText(max = 20)
                              String qualification) {
    }

    public record Suspension(@NotBlank(message = "required: why the approval is suspended")
                             @HumanText(max = 500, multiline = true) String reason) {
    }

    public record RiskChange(@NotNull(message = "required: LOW, MEDIUM or HIGH") Centre.RiskRating riskRating,
                             @NotBlank(message = "required: why the rating changes")
                             @HumanText(max = 500, multiline = true) String reason) {
    }

    public record EqaAppointment(@NotBlank(message = "required: the username of an EQA") @HumanText(max = 50)
                                 String eqa) {
    }

    public record NewProvider(@NotBlank(message = "required: the login name")
                              @Pattern(regexp = "[a-z0-9][a-z0-9._-]{2,49}",
                                      message = "3 to 50 lower-case letters, digits, '.', '_' or '-'")
                              String username,
                              @NotBlank(message = "required") @HumanText(max = 200) String name) {
    }

    public record ProviderView(String username, String name, String centre, String temporaryPassword) {
    }

    public record ApprovalView(String qualification, LocalDate approvedOn, String approvedBy, LocalDate suspendedOn,
                               String suspendedReason) {
        static ApprovalView of(Centre.Approval a) {
            return new ApprovalView(a.getQan(), a.getApprovedOn(), a.getApprovedBy(), a.getSuspendedOn(),
                    a.getSuspendedReason());
        }
    }

    public record HistoryEntry(Instant at, String by, String action, String subject, String detail) {
        static HistoryEntry of(AdminEvent e) {
            return new HistoryEntry(e.getOccurredAt(), e.getActor(), e.getAction(), e.getSubject(), e.getDetail());
        }
    }

    public record CentreDetail(String code, String name, boolean directClaimStatus, Centre.RiskRating riskRating,
                               String eqa, List<ApprovalView> approvals, List<HistoryEntry> riskHistory) {
    }

    @PostMapping
    @Transactional
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('QUALITY_MANAGER')")
    @Operation(summary = "Create a centre (quality manager)")
    @Refuses(status = 403, when = "Only a quality manager creates centres")
    @Refuses(status = 409, when = "A centre with that code exists")
    public CentreDetail create(@Valid @RequestBody NewCentre body) {
        return detail(admin.create(body.code(), body.name(), body.riskRating(), currentUser.get()));
    }

    @GetMapping("/{code}")
    @Transactional(readOnly = true)
    @Operation(summary = "A centre with its approvals and the history of its risk rating")
    @Refuses(status = 403, when = "The centre is not one you work with")
    @Refuses(status = 404, when = "There is no such centre")
    public CentreDetail get(@PathVariable String code) {
        Centre centre = admin.centre(code);
        access.check(currentUser.get(), centre, "Centre " + code);
        return detail(centre);
    }

    @GetMapping("/{code}/history")
    @Transactional(readOnly = true)
    @PreAuthorize("hasAnyRole('QUALITY_MANAGER', 'EQA', 'PROVIDER')")
    @Operation(summary = "Every administrative change to the centre and its staff: who, when, what")
    @Refuses(status = 403, when = "The centre is not one you work with")
    public List<HistoryEntry> history(@PathVariable String code) {
        Centre centre = admin.centre(code);
        access.check(currentUser.get(), centre, "Centre " + code);
        return events.findByCentreIdOrderByIdAsc(centre.getId()).stream().map(HistoryEntry::of).toList();
    }

    @PostMapping("/{code}/approvals")
    @Transactional
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('QUALITY_MANAGER')")
    @Operation(summary = "Approve the centre for a qualification (or reinstate a suspended approval)")
    @Refuses(status = 403, when = "Only a quality manager approves centres")
    @Refuses(status = 409, when = "The centre is already approved for it")
    public CentreDetail approve(@PathVariable String code, @Valid @RequestBody NewApproval body) {
        return detail(admin.approve(code, body.qualification(), currentUser.get()));
    }

    @PostMapping("/{code}/approvals/{qualification}/suspension")
    @Transactional
    @PreAuthorize("hasRole('QUALITY_MANAGER')")
    @Operation(summary = "Suspend the centre's approval for a qualification (qualification as 610-3769-2): no more "
            + "registrations on it until it is approved again")
    @Refuses(status = 403, when = "Only a quality manager suspends approvals")
    @Refuses(status = 409, when = "The centre has no approval in force for it")
    public CentreDetail suspend(@PathVariable String code, @PathVariable String qualification,
                                @Valid @RequestBody Suspension body) {
        return detail(admin.suspend(code, qualification, body.reason(), currentUser.get()));
    }

    @PutMapping("/{code}/risk")
    @Transactional
    @PreAuthorize("hasRole('QUALITY_MANAGER')")
    @Operation(summary = "Change the centre's risk rating, with the reason; the history keeps every change")
    @Refuses(status = 403, when = "Only a quality manager rates centres")
    @Refuses(status = 409, when = "The centre already has that rating")
    public CentreDetail risk(@PathVariable String code, @Valid @RequestBody RiskChange body) {
        return detail(admin.changeRisk(code, body.riskRating(), body.reason(), currentUser.get()));
    }

    @PutMapping("/{code}/eqa")
    @Transactional
    @PreAuthorize("hasRole('QUALITY_MANAGER')")
    @Operation(summary = "Appoint or change the centre's EQA")
    @Refuses(status = 403, when = "Only a quality manager appoints EQAs")
    @Refuses(status = 409, when = "The EQA declared a link with the centre or an interest in one of its learners")
    public CentreDetail appoint(@PathVariable String code, @Valid @RequestBody EqaAppointment body) {
        return detail(admin.appointEqa(code, body.eqa().trim(), currentUser.get()));
    }

    @PostMapping("/{code}/providers")
    @Transactional
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('QUALITY_MANAGER')")
    @Operation(summary = "Give the centre a provider account (who registers its learners and keeps its staff): the "
            + "answer carries a temporary password, shown once")
    @Refuses(status = 403, when = "Only a quality manager adds a centre's provider accounts")
    @Refuses(status = 404, when = "There is no such centre")
    @Refuses(status = 409, when = "The username is taken")
    public ProviderView addProvider(@PathVariable String code, @Valid @RequestBody NewProvider body) {
        var added = admin.addProvider(code, body.username(), body.name(), currentUser.get());
        return new ProviderView(added.account().getUsername(), added.account().getDisplayName(), code,
                added.temporaryPassword());
    }

    private CentreDetail detail(Centre c) {
        return new CentreDetail(c.getCode(), c.getName(), c.isDirectClaimStatus(), c.getRiskRating(),
                c.getEqaUsername(), c.getApprovals().stream().map(ApprovalView::of).toList(),
                events.findByCentreIdOrderByIdAsc(c.getId()).stream()
                        .filter(e -> e.getAction().equals("risk rating changed") || e.getAction().equals("centre created"))
                        .map(HistoryEntry::of).toList());
    }
}
