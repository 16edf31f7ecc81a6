package org.qaflow.problem;

/** The request names or carries something qaflow cannot accept; the message says what and where. Answered with 400. */
public class BadRequestException extends RuntimeException {
    public BadRequestException(String message) {
        super(message);
    }
}
