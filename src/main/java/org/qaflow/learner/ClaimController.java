package org.qaflow.learner;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.qaflow.catalogue.QualificationRepository;
import org.qaflow.problem.NotFoundException;
import org.qaflow.problem.Paging;
import org.springframework.data.domain.Sort;
import org.qaflow.problem.Refuses;
import org.qaflow.security.CurrentUser;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.*;

import java.time.Instant;
import java.util.List;

/** The claim journey as providers, assessors, IQAs, EQAs and quality managers see it; each sees only their centres. */
@RestController
@RequestMapping("/api/claims")
@Tag(name = "Claims", description = "Registering learners, entering results, following claims")
public class ClaimController {

    private final ClaimRepository claims;
    private final ClaimEventRepository events;
    private final QualificationRepository qualifications;
    private final RegistrationService registration;
    private final ClaimAccess access;
    private final CurrentUser currentUser;
    private final RegistrationUpload upload;

    public ClaimController(ClaimRepository claims, ClaimEventRepository events, QualificationRepository qualifications,
                           RegistrationService registration, ClaimAccess access, CurrentUser currentUser,
                           RegistrationUpload upload) {
        this.upload = upload;
        this.claims = claims;
        this.events = events;
        this.qualifications = qualifications;
        this.registration = registration;
        this.access = access;
        this.currentUser = currentUser;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('PROVIDER')")
    @Operation(summary = "Register a learner on a qualification at the provider's own centre",
            description = "Every check at once: a 400 lists each field that is wrong in detail and in errors")
    @Transactional
    @Refuses(status = 409, when = "The learner is already registered on it at this centre; the ULN is another person's "
            + "(another name or date of birth) at this centre")
    public ClaimView register(@RequestBody RegistrationService.Registration request) {
        return ClaimView.of(registration.register(request, currentUser.get()));
    }

    public record UploadView(int rows, List<Long> claimIds) {
    }

    @PostMapping(value = "/upload", consumes = "multipart/form-data")
    @ResponseStatus(HttpStatus.CREATED)
    @PreAuthorize("hasRole('PROVIDER')")
    @Operation(summary = "Register learners from a spreadsheet (CSV or XLSX) at the provider's own centre, all or none",
            description = "Headings as in the template from /provider/upload/registrations.csv or .xlsx (case, spaces "
                    + "and underscores do not matter; \"firstName\" works too); dates as 12/05/1990 or 1990-05-12. A 400 "
                    + "lists every problem of every row in errors (row, column heading, value, message); then nothing "
                    + "is registered")
    public UploadView upload(@RequestParam("file") org.springframework.web.multipart.MultipartFile file)
            throws java.io.IOException {
        RegistrationUpload.Result result = upload.importFile(file.getBytes(), currentUser.get());
        if (!result.imported()) {
            throw UploadProblems.of(result.rows(), result.errors());
        }
        return new UploadView(result.rows(), result.claimIds());
    }

    @GetMapping
    @Transactional(readOnly = true)
    @Operation(summary = "Claims of my centres, oldest first, a page at a time (page from 0, size up to 200)")
    public List<ClaimView> list(@RequestParam(required = false) ClaimStatus status,
                                @RequestParam(defaultValue = "0") int page,
                                @RequestParam(defaultValue = "50") int size) {
        return access.claims(currentUser.get(), status, Paging.request(page, size, null).withSort(Sort.by("id")))
                .stream().map(ClaimView::of).toList();
    }

    @GetMapping("/{id}")
    @Transactional(readOnly = true)
    @Refuses(status = 403, when = "A claim of a centre you do not work with, or another assessor's")
    public ClaimView get(@PathVariable long id) {
        return ClaimView.of(visible(id));
    }

    @GetMapping("/{id}/timeline")
    @Transactional(readOnly = true)
    @Refuses(status = 403, when = "A claim of a centre you do not work with, or another assessor's")
    public List<TimelineEntry> timeline(@PathVariable long id) {
        visible(id);
        return events.findByClaimIdOrderById(id).stream().map(e -> new TimelineEntry(e.getOccurredAt(),
                e.getActor(), e.getWhat(), e.getDetail(), e.getUnitRef(), e.getRuleSetVersion())).toList();
    }

    @GetMapping("/{id}/certificate")
    @Transactional(readOnly = true)
    @Refuses(status = 403, when = "A claim of a centre you do not work with, or another assessor's")
    public CertificateView certificate(@PathVariable long id) {
        Claim claim = visible(id);
        if (claim.getCertificateNumber() == null) {
            throw new NotFoundException("Claim " + id + " has no certificate yet: " + claim.getStatus().words());
        }
        var q = qualifications.findById(claim.getQan()).orElseThrow();
        return new CertificateView(claim.getCertificateNumber(), claim.getCertificateIssuedAt(),
                claim.getLearner().getFirstName() + " " + claim.getLearner().getLastName(), claim.getLearner().getUln(),
                q.getTitle(), q.getQan(), claim.getUnits().stream().map(ClaimUnit::getUnitRef).toList(),
                claim.getCentre().getName(), claim.getReplacesCertificate());
    }

    private Claim visible(long id) {
        return access.claim(id);
    }

    public record ClaimView(long id, String learner, String uln, String centre, String qualification,
                            String assessor, ClaimStatus status, String waitingOn, String certificateNumber,
                            List<UnitView> units) {

        public static ClaimView of(Claim c) {
            return new ClaimView(c.getId(), c.getLearner().getFirstName() + " " + c.getLearner().getLastName(),
                    c.getLearner().getUln(), c.getCentre().getCode(), c.getQan(), c.getAssessor().getName(),
                    c.getStatus(), c.getStatus().words(), c.getCertificateNumber(),
                    c.getUnits().stream().map(u -> new UnitView(u.getUnitRef(), u.getStatus(), u.getStatus().words()))
                            .toList());
        }
    }

    public record UnitView(String ref, UnitStatus status, String statusText) {
    }

    public record TimelineEntry(Instant at, String who, String what, String detail, String unit,
                                String ruleSetVersion) {
    }

    public record CertificateView(String number, Instant issuedAt, String learner, String uln,
                                  String qualificationTitle, String qan, List<String> units, String centre,
                                  String replaces) {
    }
}
