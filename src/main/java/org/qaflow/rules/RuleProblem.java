package org.qaflow.rules;

/** Why a rule file cannot be used: the file, the line when known, and what is wrong there. */
public record RuleProblem(String file, Integer line, String message) {

    @Override
    public String toString() {
        return file + (line == null || line <= 0 ? "" : " line " + line) + ": " + message;
    }
}
