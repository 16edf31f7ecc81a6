package org.qaflow.assessment;

import org.qaflow.learner.Spreadsheet;
import org.qaflow.security.CurrentUser;
import org.qaflow.web.WebPage;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.io.IOException;

/** The provider's results upload, on the upload page beside the registrations upload, and its templates. */
@Controller
@WebPage
public class ResultsPages {

    private final ResultsUpload upload;
    private final CurrentUser currentUser;

    public ResultsPages(ResultsUpload upload, CurrentUser currentUser) {
        this.upload = upload;
        this.currentUser = currentUser;
    }

    @PostMapping("/provider/upload/results")
    public String upload(@RequestParam(value = "file", required = false) MultipartFile file, Model model,
                         RedirectAttributes redirect, jakarta.servlet.http.HttpServletResponse response)
            throws IOException {
        if (file == null || file.isEmpty()) {
            response.setStatus(400);
            model.addAttribute("resultsFileError", "Choose a CSV or XLSX file of results to upload");
            return "claims/upload";
        }
        ResultsUpload.Result result = upload.importFile(file.getBytes(), currentUser.get());
        if (!result.imported()) {
            model.addAttribute("resultsResult", result);
            model.addAttribute("resultsFileName", file.getOriginalFilename());
            return "claims/upload";
        }
        redirect.addFlashAttribute("notice", "Recorded all " + result.rows() + " results of "
                + file.getOriginalFilename() + ": " + String.join(", ", result.signedOff()) + " signed off");
        return "redirect:/claims";
    }

    @GetMapping(value = "/provider/upload/results.csv", produces = "text/csv")
    @ResponseBody
    public ResponseEntity<String> resultsCsv() {
        return ResponseEntity.ok().header("Content-Disposition", "attachment; filename=\"results.csv\"")
                .contentType(MediaType.parseMediaType("text/csv; charset=utf-8"))
                .body(Spreadsheet.csvTemplate(ResultsUpload.SHEET));
    }

    @GetMapping("/provider/upload/results.xlsx")
    @ResponseBody
    public ResponseEntity<byte[]> resultsXlsx() {
        return ResponseEntity.ok().header("Content-Disposition", "attachment; filename=\"results.xlsx\"")
                .contentType(MediaType.parseMediaType(Spreadsheet.XLSX))
                .body(Spreadsheet.xlsxTemplate("Results", ResultsUpload.SHEET));
    }
}
