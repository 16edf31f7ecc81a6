package org.qaflow.assessment;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.qaflow.learner.UploadProblems;
import org.qaflow.security.CurrentUser;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.*;
import org.springframework.web.multipart.MultipartFile;

import java.io.IOException;
import java.util.List;

/** Unit results by spreadsheet: the provider's twin of the assessor's sign-off form, for many learners at once. */
@RestController
@RequestMapping("/api/results")
@Tag(name = "Claims", description = "Registering learners, entering results, following claims")
public class ResultsController {

    private final ResultsUpload upload;
    private final CurrentUser currentUser;

    public ResultsController(ResultsUpload upload, CurrentUser currentUser) {
        this.upload = upload;
        this.currentUser = currentUser;
    }

    public record UploadView(int rows, List<String> signedOff) {
    }

    @PostMapping(value = "/upload", consumes = "multipart/form-data")
    @PreAuthorize("hasRole('PROVIDER')")
    @Operation(summary = "Record unit results from a spreadsheet (CSV or XLSX) for the provider's own learners, all "
            + "or none", description = "One row per unit achieved: ULN, Qualification (when the learner has several), "
            + "Unit, Outcome (Achieved), Date assessed, Assessor (the learner's assessor, by user name or name), "
            + "Evidence method, Evidence location. Each row records every criterion of the unit as met and signs the "
            + "unit off as the assessor's form does. A 400 lists every problem of every row in errors; then nothing "
            + "is recorded")
    public UploadView upload(@RequestParam("file") MultipartFile file) throws IOException {
        ResultsUpload.Result result = upload.importFile(file.getBytes(), currentUser.get());
        if (!result.imported()) {
            throw UploadProblems.of(result.rows(), result.errors());
        }
        return new UploadView(result.rows(), result.signedOff());
    }
}
