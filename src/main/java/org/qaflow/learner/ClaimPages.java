package org.qaflow.learner;

import org.qaflow.catalogue.Qualification;
import org.qaflow.catalogue.QualificationRepository;
import org.qaflow.centre.Centre;
import org.qaflow.centre.CentreRepository;
import org.qaflow.centre.CentreAccess;
import org.qaflow.centre.StaffRepository;
import org.qaflow.centre.StaffRole;
import org.qaflow.problem.BadRequestException;
import org.qaflow.problem.ConflictException;
import org.qaflow.security.AppUser;
import org.qaflow.security.CurrentUser;
import org.qaflow.web.FormActions;
import org.qaflow.web.WebPage;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionAspectSupport;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.*;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.*;

/** Claims as pages: the list with filters, one claim's timeline, registering learners one by one or by spreadsheet. */
@Controller
@WebPage
public class ClaimPages {

    static final int PAGE_SIZE = 20;

    private final ClaimEventRepository events;
    private final QualificationRepository qualifications;
    private final StaffRepository staff;
    private final RegistrationService registration;
    private final RegistrationUpload upload;
    private final CentreAccess access;
    private final ClaimAccess policy;
    private final CurrentUser currentUser;
    private final ClaimProcess process;
    private final LearnerRecords records;
    private final UnitPicker unitPicker;
    private final ClaimSearch search;
    private final CentreRepository centreRepository;
    private final Clock clock;

    public ClaimPages(ClaimEventRepository events, QualificationRepository qualifications,
                      StaffRepository staff, RegistrationService registration, RegistrationUpload upload,
                      CentreAccess access, ClaimAccess policy, CurrentUser currentUser, ClaimProcess process,
                      LearnerRecords records, UnitPicker unitPicker, ClaimSearch search,
                      CentreRepository centreRepository, Clock clock) {
        this.clock = clock;
        this.search = search;
        this.centreRepository = centreRepository;
        this.records = records;
        this.unitPicker = unitPicker;
        this.events = events;
        this.qualifications = qualifications;
        this.staff = staff;
        this.registration = registration;
        this.upload = upload;
        this.access = access;
        this.policy = policy;
        this.currentUser = currentUser;
        this.process = process;
    }

    @GetMapping("/claims")
    @Transactional(readOnly = true)
    public String list(@RequestParam(required = false) ClaimStatus status,
                       @RequestParam(required = false) ClaimStage stage,
                       @RequestParam(required = false) String centre,
                       @RequestParam(required = false) String qualification,
                       @RequestParam(required = false) Long assessor,
                       @RequestParam(required = false) String q,
                       @RequestParam(defaultValue = "registered") String sort,
                       @RequestParam(required = false) String dir,
                       @RequestParam(defaultValue = "1") int page, Model model) {
        AppUser user = currentUser.get();
        ClaimSearch.SortKey key = ClaimSearch.SortKey.of(sort);
        boolean ascending = ascending(key, dir);
        List<Centre> centres = visibleCentres(user);
        ClaimSearch.Filter filter = filter(centres, status, stage, centre, qualification, assessor, q);
        Page<ClaimSearch.Found> found = search.page(user, filter, key, ascending,
                PageRequest.of(Math.max(page, 1) - 1, PAGE_SIZE));
        int pages = Math.max(1, found.getTotalPages());
        int current = Math.min(Math.max(page, 1), pages);
        if (current != found.getNumber() + 1) { // past the last page: show the last
            found = search.page(user, filter, key, ascending, PageRequest.of(current - 1, PAGE_SIZE));
        }
        Map<Long, ClaimSearch.Progress> progress = search.progress(
                found.stream().map(f -> f.claim().getId()).toList());
        model.addAttribute("claims", found.stream().map(f -> listRow(f, progress.get(f.claim().getId()))).toList());
        model.addAttribute("total", found.getTotalElements());
        model.addAttribute("page", current);
        model.addAttribute("pages", pages);
        model.addAttribute("status", status);
        model.addAttribute("stage", stage);
        model.addAttribute("centre", centre);
        model.addAttribute("qualification", qualification);
        model.addAttribute("assessor", assessor);
        model.addAttribute("q", q);
        model.addAttribute("statuses", ClaimStatus.values());
        model.addAttribute("stages", ClaimStage.values());
        model.addAttribute("centres", centres.size() > 1 ? centres : List.of());
        model.addAttribute("qualifications", qualifications.findAll().stream()
                .sorted(Comparator.comparing(Qualification::getTitle)).toList());
        model.addAttribute("assessors", user.getRole() == org.qaflow.security.Role.ASSESSOR ? List.of()
                : centres.stream().flatMap(c -> staff.findByCentreIdOrderByName(c.getId()).stream())
                        .filter(s -> s.getRole() == StaffRole.ASSESSOR).toList());
        model.addAttribute("links", new ListLinks(filter, key, ascending));
        return "claims/list";
    }

    private List<Centre> visibleCentres(AppUser user) {
        return centreRepository.findAllById(access.visibleCentreIds(user)).stream()
                .sorted(Comparator.comparing(Centre::getCode)).toList();
    }

    /** The list's filter, once its centre is one the user sees and its qualification one in the catalogue. */
    private ClaimSearch.Filter filter(List<Centre> visible, ClaimStatus status, ClaimStage stage, String centre,
                                      String qualification, Long assessor, String q) {
        if (centre != null && !centre.isBlank() && visible.stream().noneMatch(c -> c.getCode().equals(centre.trim()))) {
            throw new BadRequestException("centre: '" + centre + "' is not a centre whose claims you see");
        }
        if (qualification != null && !qualification.isBlank() && !qualifications.existsById(qualification.trim())) {
            throw new BadRequestException("qualification: '" + qualification + "' is not a qualification in the catalogue");
        }
        return new ClaimSearch.Filter(status, stage, centre, qualification, assessor, q);
    }

    /** Newest first by default; names, statuses and titles from A. */
    private static boolean ascending(ClaimSearch.SortKey key, String dir) {
        if (dir == null || dir.isBlank()) {
            return key != ClaimSearch.SortKey.REGISTERED;
        }
        return switch (dir.trim()) {
            case "asc" -> true;
            case "desc" -> false;
            default -> throw new BadRequestException("dir: '" + dir + "' is not asc or desc");
        };
    }

    /** A claim of the list, with its qualification's title and how many of its units are verified. */
    public record ListRow(Row claim, String qualificationTitle, LocalDate registered, long verified, long units) {
    }

    private ListRow listRow(ClaimSearch.Found found, ClaimSearch.Progress progress) {
        Instant registered = found.claim().getRegisteredAt();
        return new ListRow(row(found.claim()), found.qualificationTitle(),
                registered == null ? null : registered.atZone(clock.getZone()).toLocalDate(),
                progress == null ? 0 : progress.verified(), progress == null ? 0 : progress.units());
    }

    /**
     * The list's own addresses: every filter, sort and page is a query parameter, so the back button and a bookmark
     * bring back the same list.
     */
    public record ListLinks(ClaimSearch.Filter filter, ClaimSearch.SortKey sort, boolean ascending) {

        /** The column's heading link: sorts by it, or reverses it when it is already the sort. */
        public String sortBy(String column) {
            ClaimSearch.SortKey key = ClaimSearch.SortKey.of(column);
            boolean asc = key == sort ? !ascending : key != ClaimSearch.SortKey.REGISTERED;
            return href(key, asc, 1);
        }

        /** For the column's aria-sort: ascending, descending, or null when the list is not sorted by it. */
        public String ariaSort(String column) {
            return ClaimSearch.SortKey.of(column) != sort ? null : ascending ? "ascending" : "descending";
        }

        public String page(int page) {
            return href(sort, ascending, page);
        }

        /** The same list, filtered and sorted alike, every page of it, as a spreadsheet. */
        public String csv() {
            return address("/claims.csv", sort, ascending, null);
        }

        private String href(ClaimSearch.SortKey key, boolean asc, int page) {
            return address("/claims", key, asc, page);
        }

        private String address(String path, ClaimSearch.SortKey key, boolean asc, Integer page) {
            Map<String, Object> params = new LinkedHashMap<>();
            params.put("status", filter.status());
            params.put("stage", filter.stage());
            params.put("centre", filter.centre());
            params.put("qualification", filter.qualification());
            params.put("assessor", filter.assessor());
            params.put("q", filter.text());
            params.put("sort", key.param());
            params.put("dir", asc ? "asc" : "desc");
            params.put("page", page);
            StringBuilder href = new StringBuilder(path);
            char sep = '?';
            for (var p : params.entrySet()) {
                String value = p.getValue() == null ? "" : p.getValue() instanceof Enum<?> e ? e.name()
                        : p.getValue().toString();
                if (!value.isBlank()) {
                    href.append(sep).append(p.getKey()).append('=')
                            .append(java.net.URLEncoder.encode(value, StandardCharsets.UTF_8));
                    sep = '&';
                }
            }
            return href.toString();
        }
    }

    /** The list as filtered and sorted, every page of it, as a spreadsheet (CSV). */
    @GetMapping(value = "/claims.csv", produces = "text/csv")
    @Transactional(readOnly = true)
    @ResponseBody
    public org.springframework.http.ResponseEntity<String> export(@RequestParam(required = false) ClaimStatus status,
                                                                   @RequestParam(required = false) ClaimStage stage,
                                                                   @RequestParam(required = false) String centre,
                                                                   @RequestParam(required = false) String qualification,
                                                                   @RequestParam(required = false) Long assessor,
                                                                   @RequestParam(required = false) String q,
                                                                   @RequestParam(defaultValue = "registered") String sort,
                                                                   @RequestParam(required = false) String dir) {
        AppUser user = currentUser.get();
        ClaimSearch.SortKey key = ClaimSearch.SortKey.of(sort);
        boolean ascending = ascending(key, dir);
        ClaimSearch.Filter filter = filter(visibleCentres(user), status, stage, centre, qualification, assessor, q);
        StringBuilder csv = new StringBuilder("learner,uln,centre,qualification,assessor,status,certificate\r\n");
        search.each(user, filter, key, ascending, found -> {
            Row r = row(found.claim());
            csv.append(String.join(",", SpreadsheetCells.cell(r.learner()), SpreadsheetCells.cell(r.uln()),
                    SpreadsheetCells.cell(r.centre()), SpreadsheetCells.cell(r.qan()),
                    SpreadsheetCells.cell(r.assessor()), SpreadsheetCells.cell(r.waitingOn()),
                    SpreadsheetCells.cell(r.certificate()))).append("\r\n");
        });
        return org.springframework.http.ResponseEntity.ok()
                .header("Content-Disposition", "attachment; filename=\"claims.csv\"")
                .contentType(org.springframework.http.MediaType.parseMediaType("text/csv; charset=utf-8"))
                .body(csv.toString());
    }

    public record Row(long id, String learner, String uln, String centre, String qan, String assessor,
                      String waitingOn, String certificate) {
    }

    static Row row(Claim c) {
        return new Row(c.getId(), c.getLearner().getFirstName() + " " + c.getLearner().getLastName(),
                c.getLearner().getUln(), c.getCentre().getCode(), c.getQan(), c.getAssessor().getName(),
                c.getStatus().words(), c.getCertificateNumber());
    }

    @GetMapping("/claims/{id}")
    @Transactional(readOnly = true)
    public String claim(@PathVariable long id, Model model) {
        Claim claim = policy.claim(id);
        model.addAttribute("claim", row(claim));
        model.addAttribute("qualification", qualifications.findById(claim.getQan()).map(q -> q.getTitle()).orElse(""));
        // Copied out: the view renders after the transaction, where lazy collections cannot load.
        model.addAttribute("units", claim.getUnits().stream()
                .map(u -> new UnitRow(u.getUnitRef(), u.getStatus().words())).toList());
        model.addAttribute("events", events.findByClaimIdOrderById(id));
        model.addAttribute("processes", process.drawn(claim));
        // The provider of the learner's centre keeps the record while the claim is open (reassign, withdraw) and the
        // learner's details at any time (after a certificate, a correction replaces it).
        AppUser me = currentUser.get();
        boolean keeper = me.getRole() == org.qaflow.security.Role.PROVIDER
                && Objects.equals(me.getCentreId(), claim.getCentre().getId());
        boolean open = claim.getStatus() != ClaimStatus.CERTIFICATE_ISSUED && claim.getStatus() != ClaimStatus.WITHDRAWN;
        model.addAttribute("keeper", keeper);
        model.addAttribute("open", keeper && open);
        model.addAttribute("learner", claim.getLearner());
        model.addAttribute("otherAssessors", !keeper ? List.of() : staff.findByCentreIdOrderByName(claim.getCentre().getId())
                .stream().filter(s -> s.getRole() == StaffRole.ASSESSOR && s.isActive() && s.getUsername() != null
                        && !s.getId().equals(claim.getAssessor().getId())).toList());
        return "claims/claim";
    }

    @PostMapping("/claims/{id}/assessor")
    public String reassign(@PathVariable long id, @RequestParam Map<String, String> form, RedirectAttributes redirect) {
        return FormActions.act(redirect, form, "/claims/" + id, () -> {
            String reason = required(form, "reason", "why the learner changes assessor");
            Claim claim = records.reassignAssessor(id, required(form, "assessor", "choose the new assessor"), reason,
                    currentUser.get());
            return new FormActions.Done("/claims/" + id, "Reassigned to " + claim.getAssessor().getName());
        });
    }

    @PostMapping("/claims/{id}/withdrawal")
    public String withdraw(@PathVariable long id, @RequestParam Map<String, String> form, RedirectAttributes redirect) {
        return FormActions.act(redirect, form, "/claims/" + id, () -> {
            records.withdraw(id, required(form, "reason", "why the learner leaves the qualification"),
                    currentUser.get());
            return new FormActions.Done("/claims/" + id, "The learner is withdrawn from this qualification");
        });
    }

    @PostMapping("/claims/{id}/correction")
    public String correct(@PathVariable long id, @RequestParam Map<String, String> form, RedirectAttributes redirect) {
        return FormActions.act(redirect, form, "/claims/" + id, () -> {
            LocalDate dob;
            try {
                dob = LocalDate.parse(required(form, "dateOfBirth", "the date of birth (yyyy-mm-dd)"));
            } catch (DateTimeParseException e) {
                throw new BadRequestException("dateOfBirth: '" + form.get("dateOfBirth") + "' is not a date (yyyy-mm-dd)");
            }
            records.correctLearnerOf(id, new LearnerRecords.Correction(required(form, "firstName", "the first name"),
                    required(form, "lastName", "the last name"), dob, required(form, "reason", "why it was wrong")),
                    currentUser.get());
            return new FormActions.Done("/claims/" + id, "The learner's record is corrected");
        });
    }

    private static String required(Map<String, String> form, String field, String what) {
        String value = form.get(field);
        if (value == null || value.isBlank()) {
            throw new BadRequestException(field + ": required: " + what);
        }
        return value.trim();
    }

    public record UnitRow(String unitRef, String words) {
    }



    /** The form's fields as typed, so an error loses nothing. */
    public static class RegistrationForm {
        public String firstName = "";
        public String lastName = "";
        public String dateOfBirth = "";
        public String uln = "";
        public String qualification = "";
        public List<String> units = new ArrayList<>();
        public String assessor = "";

        public String getFirstName() { return firstName; }
        public void setFirstName(String v) { firstName = v; }
        public String getLastName() { return lastName; }
        public void setLastName(String v) { lastName = v; }
        public String getDateOfBirth() { return dateOfBirth; }
        public void setDateOfBirth(String v) { dateOfBirth = v; }
        public String getUln() { return uln; }
        public void setUln(String v) { uln = v; }
        public String getQualification() { return qualification; }
        public void setQualification(String v) { qualification = v; }
        public List<String> getUnits() { return units; }
        public void setUnits(List<String> v) { units = v == null ? new ArrayList<>() : v; }
        public String getAssessor() { return assessor; }
        public void setAssessor(String v) { assessor = v; }
    }

    /** One line of the error summary: the field's label, what is wrong, and the element it links to. */
    public record FormError(String field, String label, String message, String target) {
    }

    /** In the form's order, which the error summary follows. */
    private static final List<String> FIELDS = List.of("firstName", "lastName", "dateOfBirth", "uln", "qualification",
            "units", "assessor");
    private static final Map<String, String> LABELS = Map.of("firstName", "First name", "lastName", "Last name",
            "dateOfBirth", "Date of birth", "uln", "Unique Learner Number", "qualification", "Qualification",
            "units", "Units", "assessor", "Assessor");

    @GetMapping("/provider/register")
    @Transactional(readOnly = true)
    public String registerForm(Model model) {
        model.addAttribute("form", new RegistrationForm());
        model.addAttribute("errors", Map.of());
        return registerPage(new RegistrationForm(), model);
    }

    /**
     * Registers, or with action=units only shows the chosen qualification's units (the picker without script). Every
     * problem is shown at once, each beside its field, and the form keeps what was typed.
     */
    @PostMapping("/provider/register")
    @Transactional
    public String register(@ModelAttribute("form") RegistrationForm form,
                           @RequestParam(required = false) String action, Model model, RedirectAttributes redirect) {
        Map<String, String> errors = new LinkedHashMap<>();
        if ("units".equals(action)) {
            model.addAttribute("errors", errors);
            return registerPage(form, model);
        }
        AppUser user = currentUser.get();
        LocalDate dob = null;
        if (form.dateOfBirth != null && !form.dateOfBirth.isBlank()) {
            dob = HumanDates.parse(form.dateOfBirth).orElse(null);
            if (dob == null) {
                errors.put("dateOfBirth", HumanDates.notADate(form.dateOfBirth.trim()));
            }
        }
        try {
            Claim claim = registration.register(new RegistrationService.Registration(form.firstName, form.lastName,
                    dob, form.uln == null ? null : form.uln.trim(), form.qualification,
                    form.units.stream().filter(u -> !u.isBlank()).toList(), form.assessor), user);
            redirect.addFlashAttribute("notice", "Registered " + claim.getLearner().getFirstName() + " "
                    + claim.getLearner().getLastName() + " on " + claim.getQan());
            return "redirect:/claims/" + claim.getId();
        } catch (org.qaflow.problem.FieldProblems e) {
            for (Object problem : e.errors()) {
                var p = (org.qaflow.problem.Violations.FieldProblem) problem;
                if (p.field().equals("dateOfBirth") && errors.containsKey("dateOfBirth")) {
                    continue; // a date that could not be read is reported as such, not as missing
                }
                errors.merge(p.field().replaceFirst("\\[.*", ""), p.message(), (a, b) -> a + ". " + b);
            }
        } catch (BadRequestException | ConflictException e) {
            RegistrationUpload.FieldError field = RegistrationUpload.fieldOf(e.getMessage());
            errors.merge(field.field(), field.message(), (a, b) -> a + ". " + b);
        }
        TransactionAspectSupport.currentTransactionStatus().setRollbackOnly();
        model.addAttribute("errors", errors);
        return registerPage(form, model);
    }

    private String registerPage(RegistrationForm form, Model model) {
        AppUser user = currentUser.get();
        var centre = access.visibleCentreIds(user);
        model.addAttribute("qualifications", qualifications.findAll().stream()
                .sorted(Comparator.comparing(q -> q.getQan())).toList());
        // The provider's own centre's assessors, by name: not every staff member of every centre.
        model.addAttribute("assessors", centre.stream().sorted()
                .flatMap(id -> staff.findByCentreIdOrderByName(id).stream())
                .filter(s -> s.getRole() == StaffRole.ASSESSOR && s.getUsername() != null).toList());
        String qan = form.qualification == null ? "" : form.qualification.trim().replace('-', '/');
        UnitPicker.Picker picker = qan.isEmpty() ? null : qualifications.findById(qan)
                .map(q -> unitPicker.of(q, form.units)).orElse(null);
        model.addAttribute("picker", picker);
        @SuppressWarnings("unchecked")
        Map<String, String> errors = (Map<String, String>) model.getAttribute("errors");
        String firstUnit = picker == null || picker.groups().isEmpty() ? "qualification"
                : "unit-" + picker.groups().get(0).units().get(0).ref();
        model.addAttribute("summary", errors.entrySet().stream()
                .sorted(Comparator.comparing(e -> FIELDS.contains(e.getKey()) ? FIELDS.indexOf(e.getKey()) : -1))
                .map(e -> new FormError(e.getKey(),
                LABELS.getOrDefault(e.getKey(), "Registration"), e.getValue(),
                e.getKey().equals("units") ? firstUnit : LABELS.containsKey(e.getKey()) ? e.getKey() : "firstName"))
                .toList());
        return "claims/register";
    }

    @GetMapping("/provider/upload")
    public String uploadForm() {
        return "claims/upload";
    }

    @PostMapping("/provider/upload")
    public String upload(@RequestParam(value = "file", required = false) MultipartFile file, Model model,
                         RedirectAttributes redirect, jakarta.servlet.http.HttpServletResponse response)
            throws IOException {
        if (file == null || file.isEmpty()) {
            // The form again, with the error beside the file field, answered as the bad request it is.
            response.setStatus(400);
            model.addAttribute("fileError", "Choose a CSV or XLSX file of registrations to upload");
            return "claims/upload";
        }
        RegistrationUpload.Result result = upload.importFile(file.getBytes(), currentUser.get());
        if (!result.imported()) {
            model.addAttribute("result", result);
            model.addAttribute("fileName", file.getOriginalFilename());
            return "claims/upload";
        }
        redirect.addFlashAttribute("notice", "Imported all " + result.rows() + " rows of "
                + file.getOriginalFilename() + ": " + result.claimIds().size() + " learners registered");
        return "redirect:/claims";
    }

    @GetMapping(value = "/provider/upload/registrations.csv", produces = "text/csv")
    @ResponseBody
    public org.springframework.http.ResponseEntity<String> registrationsCsv() {
        return org.springframework.http.ResponseEntity.ok()
                .header("Content-Disposition", "attachment; filename=\"registrations.csv\"")
                .contentType(org.springframework.http.MediaType.parseMediaType("text/csv; charset=utf-8"))
                .body(Spreadsheet.csvTemplate(RegistrationUpload.SHEET));
    }

    @GetMapping("/provider/upload/registrations.xlsx")
    @ResponseBody
    public org.springframework.http.ResponseEntity<byte[]> registrationsXlsx() {
        return org.springframework.http.ResponseEntity.ok()
                .header("Content-Disposition", "attachment; filename=\"registrations.xlsx\"")
                .contentType(org.springframework.http.MediaType.parseMediaType(Spreadsheet.XLSX))
                .body(Spreadsheet.xlsxTemplate("Registrations", RegistrationUpload.SHEET));
    }
}
