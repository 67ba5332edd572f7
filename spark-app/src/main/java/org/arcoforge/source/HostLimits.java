package org.arcoforge.source;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * At most N requests at a time to one host from this JVM. Across a Spark job the cache stage bounds
 * concurrency by how it partitions its work; this bounds the executors' own reads (cache off).
 */
final class HostLimits {
    private static final ConcurrentHashMap<String, Semaphore> PERMITS = new ConcurrentHashMap<>();

    private HostLimits() {
    }

    /** scheme://host:port, the unit of politeness. */
    static String hostKey(URI uri) {
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        if (port < 0) {
            port = switch (scheme) {
                case "https" -> 443;
                case "ftp" -> 21;
                default -> 80;
            };
        }
        return scheme + "://" + (uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT)) + ":" + port;
    }

    /** Closing the returned permit releases it. */
    static Permit acquire(String hostKey, int limit) throws IOException {
        Semaphore s = PERMITS.computeIfAbsent(hostKey, k -> new Semaphore(Math.max(1, limit), true));
        try {
            s.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a connection to " + hostKey);
        }
        return s::release;
    }

    interface Permit extends AutoCloseable {
        @Override
        void close();
    }
}
