package org.arcoforge.source;

import java.net.ConnectException;

/**
 * Every attempt of a whole round of retries failed to connect to one host: the host is down (or
 * refuses us), and its other inputs need not be tried in this run. Not retried again.
 */
public final class HostDownException extends ConnectException {
    private final String host;

    HostDownException(String host, String lastFailure, int attempts, double seconds) {
        super(lastFailure + String.format(java.util.Locale.ROOT, " (%d attempts over %.0f s)", attempts, seconds));
        this.host = host;
    }

    /** host:port */
    public String host() { return host; }
}
