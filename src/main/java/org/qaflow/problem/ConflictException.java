package org.qaflow.problem;

/** The request clashes with the current state (already registered, already claimed). Answered with 409. */
public class ConflictException extends RuntimeException {
    public ConflictException(String message) {
        super(message);
    }
}
