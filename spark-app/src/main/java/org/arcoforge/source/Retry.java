package org.arcoforge.source;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Retries of one remote operation: exponential backoff with jitter after timeouts, reset
 * connections, truncated bodies, 429 and 5xx; a server's Retry-After wins over the backoff.
 */
public final class Retry {
    static final long BASE_MILLIS = 250;
    static final long MAX_MILLIS = 30_000;
    static final long MAX_RETRY_AFTER_MILLIS = 300_000;

    private Retry() {
    }

    /** One attempt; {@code attempt} counts from 0. */
    public interface Attempt<T> {
        T run(int attempt) throws IOException;
    }

    /** Runs {@code a} at most {@code retries + 1} times; the last failure is thrown. */
    public static <T> T run(int retries, Attempt<T> a) throws IOException {
        return run(retries, null, a);
    }

    /**
     * As {@link #run(int, Attempt)}, reporting each retry to {@link RetryEvents} under {@code host}
     * (host:port, or null); when every attempt failed to connect, throws a {@link HostDownException}.
     */
    public static <T> T run(int retries, String host, Attempt<T> a) throws IOException {
        long start = System.nanoTime();
        boolean allRefused = true;
        for (int attempt = 0; ; attempt++) {
            try {
                return a.run(attempt);
            } catch (IOException e) {
                allRefused &= e instanceof java.net.ConnectException;
                if (attempt >= retries || !retriable(e)) {
                    if (allRefused && host != null && retriable(e)) {
                        throw new HostDownException(host, e.getMessage(), attempt + 1, (System.nanoTime() - start) / 1e9);
                    }
                    throw e;
                }
                long delay = delayMillis(attempt, e);
                RetryEvents.retrying(host, attempt, retries, delay, e);
                sleep(delay);
            }
        }
    }

    static boolean retriable(IOException e) {
        if (e instanceof HostDownException) {
            return false;
        }
        if (e instanceof SourceStatusException s) {
            return s.transientFailure();
        }
        return !(e instanceof FileNotFoundException) && !(e instanceof InterruptedIOException
                && !(e instanceof java.net.SocketTimeoutException) && !(e instanceof java.net.http.HttpTimeoutException));
    }

    static long delayMillis(int attempt, IOException e) {
        if (e instanceof SourceStatusException s && s.retryAfter() != null) {
            return Math.min(s.retryAfter().toMillis(), MAX_RETRY_AFTER_MILLIS);
        }
        long backoff = Math.min(MAX_MILLIS, BASE_MILLIS << Math.min(attempt, 20));
        // "Equal jitter": never less than half the backoff, so retries still spread out.
        return backoff / 2 + ThreadLocalRandom.current().nextLong(backoff / 2 + 1);
    }

    private static void sleep(long millis) throws InterruptedIOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to retry");
        }
    }

    /** Retry-After as seconds or an HTTP date; null when absent or unreadable. */
    static Duration parseRetryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
        } catch (NumberFormatException e) {
            try {
                var when = java.time.ZonedDateTime.parse(value.trim(), java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(java.time.Instant.now(), when.toInstant());
                return d.isNegative() ? Duration.ZERO : d;
            } catch (java.time.format.DateTimeParseException e2) {
                return null;
            }
        }
    }
}
