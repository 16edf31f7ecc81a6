package org.qaflow.workflow;

/** Carries out one kind of scheduled job; implemented by the feature that owns the wait. */
public interface JobHandler {

    String kind();

    void run(long subjectId);
}
