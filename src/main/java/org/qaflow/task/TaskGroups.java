package org.qaflow.task;

/** Task groups are scoped by centre, so a task reaches only the IQAs of the learner's own centre. */
public final class TaskGroups {

    private TaskGroups() {
    }

    public static String iqas(String centreCode) {
        return "IQA:" + centreCode;
    }

    /** IQAs who hold a recognised IQA qualification, not just work towards one: they may countersign. */
    public static String qualifiedIqas(String centreCode) {
        return "IQA-QUALIFIED:" + centreCode;
    }
}
