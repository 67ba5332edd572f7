package org.arcoforge.source;

import java.io.IOException;
import java.time.Duration;

/** A server answered with an error status (HTTP status or FTP reply). */
public class SourceStatusException extends IOException {
    private final int status;
    private final Duration retryAfter;

    public SourceStatusException(String message, int status, Duration retryAfter) {
        super(message);
        this.status = status;
        this.retryAfter = retryAfter;
    }

    public int status() { return status; }

    /** The server's Retry-After, or null. */
    public Duration retryAfter() { return retryAfter; }

    /** 429 and 5xx are worth retrying (HTTP); FTP 4xx replies are transient by definition. */
    public boolean transientFailure() {
        return status == 429 || status >= 500 && status < 600;
    }
}
