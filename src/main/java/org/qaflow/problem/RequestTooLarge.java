package org.qaflow.problem;

import java.io.IOException;

/**
 * Thrown from a request body's stream once it passes the size limit (web/RequestSizeLimit); whoever was reading it
 * gives up, and it becomes a 413 however deep a reader wrapped it. It lives here so the problem handler need not know
 * the filter.
 */
public final class RequestTooLarge extends IOException {

    public RequestTooLarge(String message) {
        super(message);
    }

    /** The limit's own exception however deep a reader wrapped it, or null. */
    public static RequestTooLarge in(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof RequestTooLarge tooLarge) {
                return tooLarge;
            }
        }
        return null;
    }
}
