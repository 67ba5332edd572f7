package org.arcoforge.source;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Retries as they happen, so that a slow or dead host is visible while a stage waits on it: the
 * latest retry of each host in this JVM, for the driver's progress line (local mode, where tasks
 * run in the driver's JVM), and a line on stderr per retry where no progress line shows them
 * (executors on a cluster: their container's stderr, in `yarn logs` and the Spark UI).
 */
public final class RetryEvents {
    private static final long SHOWN_AFTER_NANOS = 2_000_000_000L;
    private static final Map<String, Event> LATEST = new ConcurrentHashMap<>();
    private static final AtomicInteger CONSOLES = new AtomicInteger();
    /** A driver's JVM (its progress lines show retries): tasks it runs after a stage ended print nothing either. */
    private static volatile boolean driver;

    private RetryEvents() {
    }

    private record Event(int failedAttempt, int attempts, long nextTryNanos, String reason) {
    }

    /** Attempt {@code attempt} (from 0) of {@code retries + 1} to {@code host} failed with {@code e}; the next in {@code delayMillis}. */
    static void retrying(String host, int attempt, int retries, long delayMillis, IOException e) {
        if (host == null) {
            return;
        }
        String reason = reason(e);
        LATEST.put(host, new Event(attempt + 1, retries + 1, System.nanoTime() + delayMillis * 1_000_000, reason));
        if (CONSOLES.get() == 0 && !driver) {
            System.err.println(java.time.Instant.now() + " arcoforge: "
                    + line(host, attempt + 1, retries + 1, reason, Math.round(delayMillis / 1000.0)));
        }
    }

    private static String reason(IOException e) {
        if (e instanceof java.net.ConnectException) {
            return "connection refused";
        }
        String m = e.getMessage();
        m = m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
        return m.length() > 100 ? m.substring(0, 100) + "..." : m;
    }

    private static String line(String host, int failed, int attempts, String reason, long inSeconds) {
        return String.format(Locale.ROOT, "retrying %s: attempt %d of %d failed (%s), next try in %d s",
                host, failed, attempts, reason, inSeconds);
    }

    /**
     * The hosts being retried now (next try pending, or due within the last two seconds), e.g.
     * "retrying 127.0.0.1:8080: attempt 3 of 7 failed (connection refused), next try in 2 s"; empty when none.
     */
    public static String pending() {
        long now = System.nanoTime();
        List<String> out = new ArrayList<>();
        LATEST.forEach((host, e) -> {
            if (e.nextTryNanos() + SHOWN_AFTER_NANOS > now && out.size() < 3) {
                long in = Math.max(0, Math.round((e.nextTryNanos() - now) / 1e9));
                out.add(line(host, e.failedAttempt(), e.attempts(), e.reason(), in));
            }
        });
        return String.join("; ", out);
    }

    /** While open, a progress line in this JVM shows retries: no log line for each. */
    public static Shown shownOnConsole() {
        driver = true;
        CONSOLES.incrementAndGet();
        return CONSOLES::decrementAndGet;
    }

    /** See {@link #shownOnConsole()}. */
    public interface Shown extends AutoCloseable {
        @Override
        void close();
    }

    /** host:port of a URL (the scheme's default port when it names none). */
    public static String hostPort(String url) {
        try {
            return hostPort(java.net.URI.create(url));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    static String hostPort(java.net.URI uri) {
        String key = HostLimits.hostKey(uri);
        return key.substring(key.indexOf("://") + 3);
    }
}
