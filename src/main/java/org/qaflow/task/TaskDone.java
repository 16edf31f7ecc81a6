package org.qaflow.task;

import org.qaflow.security.AppUser;

import java.util.Map;

/**
 * A feature has done and recorded the work of a user task (a sign-off, a verdict, a planned or recorded visit). The
 * workflow then completes the task in the engine, in the same transaction, so the process moves on; the feature
 * itself never drives the engine.
 */
public record TaskDone(String taskId, AppUser user, Map<String, Object> outputs) {
}
