package org.qaflow.rules;

/** A rule set failed its checks (compile errors or failing scenarios); the active set keeps serving. */
public class RuleSetRefusedException extends RuntimeException {

    private final RuleSetRegistry.Report report;

    public RuleSetRefusedException(RuleSetRegistry.Report report) {
        super(report.summary());
        this.report = report;
    }

    public RuleSetRegistry.Report report() {
        return report;
    }
}
