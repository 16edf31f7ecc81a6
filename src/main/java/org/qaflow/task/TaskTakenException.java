package org.qaflow.task;

import org.qaflow.problem.ConflictException;

/**
 * A task someone else holds or has finished: the API answers 409 with the whole message; a page keeps what the user
 * typed and shows {@link #who()}, e.g. "Omar Haddad claimed this task at 09:14".
 */
public class TaskTakenException extends ConflictException {

    private final String who;

    TaskTakenException(String message, String who) {
        super(message);
        this.who = who;
    }

    public String who() {
        return who;
    }
}
