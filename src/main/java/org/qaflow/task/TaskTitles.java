package org.qaflow.task;

/**
 * A task in words, as the person doing it would say it ("Assess unit L4B1 for Amira Khan"), in place of the engine's
 * task name (AssessUnit). For every list of tasks: the home page, the task inbox.
 */
public final class TaskTitles {

    private TaskTitles() {
    }

    /**
     * @param unit    the unit's reference, for a unit's tasks
     * @param learner the learner's name, for a unit's tasks
     * @param centre  the centre's name, for a visit's tasks
     */
    public static String title(String taskName, String unit, String learner, String centre) {
        return switch (taskName) {
            case Tasks.ASSESS_UNIT -> "Assess unit " + unit + " for " + learner;
            case Tasks.VERIFY_DECISION -> "Verify the assessment of unit " + unit + " for " + learner;
            case Tasks.COUNTERSIGN_DECISION -> "Countersign the verification of unit " + unit + " for " + learner;
            case Tasks.PLAN_VISIT -> "Plan the EQA visit to " + centre;
            case Tasks.CONDUCT_VISIT -> "Conduct the EQA visit to " + centre;
            default -> taskName;
        };
    }
}
