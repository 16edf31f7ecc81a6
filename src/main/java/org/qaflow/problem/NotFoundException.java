package org.qaflow.problem;

/** Something the caller named does not exist; the message names it. Answered with 404. */
public class NotFoundException extends RuntimeException {
    public NotFoundException(String message) {
        super(message);
    }
}
