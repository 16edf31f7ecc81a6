package org.qaflow.learner;

import org.qaflow.problem.FieldProblems;

import java.util.List;

/** A refused upload as the API answers it: one 400 problem whose errors are every row problem of the file. */
public final class UploadProblems {

    private UploadProblems() {
    }

    public static FieldProblems of(int rows, List<RegistrationUpload.RowError> errors) {
        StringBuilder detail = new StringBuilder("Nothing was imported: " + errors.size()
                + (errors.size() == 1 ? " problem" : " problems") + " in a file of " + rows
                + (rows == 1 ? " row" : " rows") + ". ");
        for (RegistrationUpload.RowError e : errors) {
            detail.append("Row ").append(e.row()).append(", ").append(e.column()).append(": ").append(e.message())
                    .append(". ");
        }
        return new FieldProblems(detail.toString().trim(), errors);
    }
}
