package org.arcoforge.stage;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hosts that refused every connection of a whole round of retries, per run, in this JVM: the
 * cache stage's other tasks of such a host on this executor fail its inputs without trying them.
 */
final class DeadHosts {
    private static final Map<String, String> DEAD = new ConcurrentHashMap<>();

    private DeadHosts() {
    }

    /** Why {@code host} is dead in run {@code runId}, or null when it is not known dead. */
    static String reason(String runId, String host) {
        return host == null ? null : DEAD.get(runId + " " + host);
    }

    static void mark(String runId, String host, String reason) {
        if (DEAD.size() > 10_000) {
            DEAD.clear(); // a long-lived JVM (notebook) running many jobs: old runs' entries are useless
        }
        DEAD.putIfAbsent(runId + " " + host, reason);
    }
}
