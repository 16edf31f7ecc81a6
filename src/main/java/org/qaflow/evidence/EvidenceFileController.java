package org.qaflow.evidence;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;
import org.qaflow.problem.BadRequestException;
import org.qaflow.problem.Refuses;
import org.qaflow.security.CurrentUser;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.*;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Evidence files of a claim's units: upload (the assessor), list and download (whoever may see the claim). */
@RestController
@Tag(name = "Claims", description = "Registering learners, entering results, following claims")
public class EvidenceFileController {

    private final EvidenceFiles files;
    private final CurrentUser currentUser;

    public EvidenceFileController(EvidenceFiles files, CurrentUser currentUser) {
        this.files = files;
        this.currentUser = currentUser;
    }

    public record FileView(long id, String name, long size, String sha256, String contentType, Set<String> criteria,
                           String uploadedBy, Instant uploadedAt, String href) {
        static FileView of(EvidenceFile f) {
            return new FileView(f.getId(), f.getName(), f.getSizeBytes(), f.getSha256(), f.getContentType(),
                    f.getCriteria(), f.getUploadedBy(), f.getUploadedAt(), "/api/files/" + f.getId());
        }
    }

    @PostMapping(path = "/api/claims/{id}/units/{unitRef}/files", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @PreAuthorize("hasRole('ASSESSOR')")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Attach a file of evidence (multipart: file, and criteria repeated) to a unit of a claim; "
            + "its type is told from its bytes and its SHA-256 computed as it is stored")
    @Refuses(status = 400, when = "No file, an empty file, no criteria, or a criterion the unit does not have")
    @Refuses(status = 403, when = "Not the learner's assessor, or a claim of a centre you do not work with")
    @Refuses(status = 404, when = "No such claim, or the claim has no such unit")
    @Refuses(status = 409, when = "The unit is signed off: its evidence is frozen")
    @Refuses(status = 413, when = "The file is over the size limit (qaflow.evidence.max-file-size, 50 MB unless set)")
    @Refuses(status = 415, when = "The body is not multipart/form-data")
    public FileView upload(@PathVariable long id, @PathVariable String unitRef,
                           @RequestParam(name = "file", required = false) MultipartFile file,
                           @RequestParam(name = "criteria", required = false) List<String> criteria)
            throws IOException {
        if (file == null || file.isEmpty()) {
            throw new BadRequestException("file: send the evidence as a multipart part named 'file'");
        }
        try (InputStream in = file.getInputStream()) {
            return FileView.of(files.upload(id, unitRef, file.getOriginalFilename(), in, criteria, currentUser.get()));
        }
    }

    @GetMapping("/api/claims/{id}/units/{unitRef}/files")
    @Operation(summary = "The evidence files of a unit, each with its criteria, sniffed type and SHA-256")
    @Refuses(status = 403, when = "A claim of a centre you do not work with, or another assessor's")
    @Refuses(status = 404, when = "No such claim, or the claim has no such unit")
    public List<FileView> list(@PathVariable long id, @PathVariable String unitRef) {
        return files.list(id, unitRef).stream().map(FileView::of).toList();
    }

    /**
     * The file's bytes, streamed, always as an attachment with nosniff and a type from the allow-list (else
     * application/octet-stream), so nothing uploaded is ever rendered inline as a page or run as a script.
     */
    @GetMapping("/api/files/{fileId}")
    @Operation(summary = "Download an evidence file (always as an attachment)")
    @Refuses(status = 403, when = "A claim of a centre you do not work with, or another assessor's")
    @Refuses(status = 404, when = "No such file")
    public void download(@PathVariable long fileId, HttpServletResponse response) throws IOException {
        EvidenceFile file = files.file(fileId);
        send(file, response);
        files.copy(file, response.getOutputStream());
    }

    @DeleteMapping("/api/files/{fileId}")
    @PreAuthorize("hasRole('ASSESSOR')")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Remove an evidence file added since the unit's last sign-off")
    @Refuses(status = 403, when = "Not the learner's assessor, or a claim of a centre you do not work with")
    @Refuses(status = 404, when = "No such file")
    @Refuses(status = 409, when = "The file was there when the unit was signed off: it is frozen")
    public void delete(@PathVariable long fileId) {
        files.delete(fileId, currentUser.get());
    }

    /** The headers every download carries, pages' links included. */
    public static void send(EvidenceFile file, HttpServletResponse response) {
        response.setContentType(EvidenceTypes.served(file.getContentType()));
        response.setContentLengthLong(file.getSizeBytes());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
                (file.getName().matches("[\\x20-\\x7E]*")
                        ? ContentDisposition.attachment().filename(file.getName())
                        : ContentDisposition.attachment().filename(file.getName(), StandardCharsets.UTF_8))
                        .build().toString());
        response.setHeader("X-Content-Type-Options", "nosniff");
        // Even if a browser were talked into showing it, it could run nothing and reach nothing.
        response.setHeader("Content-Security-Policy", "default-src 'none'; sandbox");
        response.setHeader("X-Evidence-SHA256", file.getSha256());
    }
}
