package org.qaflow.evidence;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import org.qaflow.problem.BadRequestException;
import org.qaflow.problem.Refuses;
import org.qaflow.security.CurrentUser;
import org.qaflow.staff.CpdFileStore;
import org.qaflow.staff.StaffAdministration;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.*;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.io.InputStream;

/**
 * A CPD entry's certificate file: attached by the centre's provider or a quality manager, downloaded by them or the
 * person themselves, always as an attachment with the evidence files' safe headers.
 */
@RestController
@Tag(name = "Staff", description = "Assessors and IQAs: qualifications, competence, CPD, eligibility")
public class CpdFileController {

    private final StaffAdministration admin;
    private final CpdFiles files;
    private final EvidenceFiles chunks;
    private final CurrentUser currentUser;

    public CpdFileController(StaffAdministration admin, CpdFiles files, EvidenceFiles chunks,
                             CurrentUser currentUser) {
        this.admin = admin;
        this.files = files;
        this.chunks = chunks;
        this.currentUser = currentUser;
    }

    @PostMapping(path = "/api/staff/{username}/cpd/{cpdId}/file", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Attach a certificate or other file (multipart: file) to a CPD entry, replacing any it had; "
            + "its type is told from its bytes and its SHA-256 computed as it is stored")
    @Refuses(status = 400, when = "No file, or an empty file")
    @Refuses(status = 403, when = "Only the centre's provider or a quality manager changes its staff")
    @Refuses(status = 404, when = "No such staff member, or no such CPD entry of theirs")
    @Refuses(status = 413, when = "The file is over the size limit (qaflow.evidence.max-file-size, 50 MB unless set)")
    @Refuses(status = 415, when = "The body is not multipart/form-data")
    public CpdFileStore.CpdFile attach(@PathVariable String username, @PathVariable long cpdId,
                                       @RequestParam(name = "file", required = false) MultipartFile file)
            throws IOException {
        if (file == null || file.isEmpty()) {
            throw new BadRequestException("file: send the CPD certificate as a multipart part named 'file'");
        }
        try (InputStream in = file.getInputStream()) {
            return admin.attachCpdFile(username, cpdId,
                    new StaffAdministration.Upload(file.getOriginalFilename(), in), currentUser.get());
        }
    }

    /** The staff page links here too (/provider/... is a page path, with the page's login). */
    @GetMapping({"/api/staff/{username}/cpd/{cpdId}/file", "/provider/staff/{username}/cpd/{cpdId}/file"})
    @Operation(summary = "Download a CPD entry's file (always as an attachment)")
    @Refuses(status = 403, when = "Only the person, their centre's provider or a quality manager may")
    @Refuses(status = 404, when = "No such staff member, CPD entry, or the entry has no file")
    public void download(@PathVariable String username, @PathVariable long cpdId, HttpServletResponse response)
            throws IOException {
        EvidenceFile file = files.fileOf(admin.cpdEntryToRead(username, cpdId, currentUser.get()));
        EvidenceFileController.send(file, response);
        chunks.copy(file, response.getOutputStream());
    }
}
