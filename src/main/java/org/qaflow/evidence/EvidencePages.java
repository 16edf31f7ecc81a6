package org.qaflow.evidence;

import jakarta.servlet.http.HttpServletResponse;
import org.qaflow.problem.BadRequestException;
import org.qaflow.problem.ConflictException;
import org.qaflow.problem.NotFoundException;
import org.qaflow.security.CurrentUser;
import org.qaflow.web.WebPage;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.*;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** The pages' side of evidence files: the assessment form's upload, and the download links of every page. */
@Controller
@WebPage
public class EvidencePages {

    private final EvidenceFiles files;
    private final CurrentUser currentUser;

    public EvidencePages(EvidenceFiles files, CurrentUser currentUser) {
        this.files = files;
        this.currentUser = currentUser;
    }

    @PostMapping("/assessor/claims/{id}/units/{ref}/files")
    public String upload(@PathVariable long id, @PathVariable String ref,
                         @RequestParam(name = "file", required = false) MultipartFile file,
                         @RequestParam(name = "criteria", required = false) List<String> criteria,
                         RedirectAttributes redirect) throws IOException {
        String back = "redirect:/assessor/claims/" + id + "/units/" + ref;
        if (file == null || file.isEmpty()) {
            redirect.addFlashAttribute("fileProblem", "Choose the file with the evidence to upload");
            return back;
        }
        try (InputStream in = file.getInputStream()) {
            EvidenceFile stored = files.upload(id, ref, file.getOriginalFilename(), in, criteria, currentUser.get());
            redirect.addFlashAttribute("notice", "Uploaded " + stored.getName() + " (" + FileLine.size(
                    stored.getSizeBytes()) + ") for criteria " + String.join(", ", stored.getCriteria()));
        } catch (BadRequestException | ConflictException e) {
            // The upload was rolled back whole; the form says why, beside the upload.
            redirect.addFlashAttribute("fileProblem", "Not uploaded: " + e.getMessage());
        }
        return back;
    }

    /** A download from a page: the same headers as the API's (attachment, nosniff, a safe type). */
    @GetMapping("/claims/{claimId}/files/{fileId}")
    public void download(@PathVariable long claimId, @PathVariable long fileId, HttpServletResponse response)
            throws IOException {
        EvidenceFile file = files.file(fileId);
        if (!files.claimOf(file).equals(claimId)) {
            throw new NotFoundException("Claim " + claimId + " has no evidence file " + fileId);
        }
        EvidenceFileController.send(file, response);
        files.copy(file, response.getOutputStream());
    }
}
