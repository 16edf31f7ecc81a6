package org.qaflow.eqa;

/** A visit or remote review was opened for a centre's EQA; the workflow starts its EQA-visit process. */
public record VisitOpened(long visitId, String eqa, boolean remote) {
}
