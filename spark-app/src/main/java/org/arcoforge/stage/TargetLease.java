package org.arcoforge.stage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.util.ShutdownHookManager;
import org.arcoforge.store.HadoopStore;

/**
 * A run's lease on its target: {@code .arcoforge-lease} at the store's root, naming the host,
 * process, start time and recipe of the run holding it. The driver takes it before anything is
 * written (create-if-absent: atomic on file:// and hdfs://, a check then a PUT on s3a and gs),
 * refreshes it from a daemon thread while the run lasts and removes it at the end. Another run on
 * the same target stops with an error naming the holder; a lease not refreshed for
 * {@value #STALE_INTERVALS} refresh intervals (its holder died) is taken over with --break-lock.
 */
public final class TargetLease implements AutoCloseable {
    public static final String KEY = ".arcoforge-lease";
    /** A lease not refreshed for this many of its intervals is stale. */
    static final int STALE_INTERVALS = 4;
    /** Seconds between refreshes (default 30); a system property so that tests can shorten it. */
    public static final String REFRESH_PROPERTY = "arcoforge.lease.refresh.seconds";
    private static final ObjectMapper JSON = new ObjectMapper();
    // Leases this JVM holds, by target: FinalizeTarget checks that the run still holds its own.
    private static final Map<String, TargetLease> HELD = new ConcurrentHashMap<>();

    private final HadoopStore store;
    private final String target;
    private final ObjectNode doc;
    private final boolean createdRoot;
    private final Thread refresher;
    private final Runnable shutdownHook;
    private volatile String lost;
    private String tookOver;
    private volatile boolean released;
    private String incomplete = org.arcoforge.format.CompleteMarker.missing(2);

    private TargetLease(HadoopStore store, String target, ObjectNode doc, boolean createdRoot) {
        this.store = store;
        this.target = target;
        this.doc = doc;
        this.createdRoot = createdRoot;
        this.refresher = new Thread(this::refreshLoop, "arcoforge-lease-refresh");
        refresher.setDaemon(true);
        this.shutdownHook = this::release;
    }

    /**
     * Takes the lease on the job's target, or throws a StageException naming the run that holds
     * it. With {@code breakLock}, a stale lease is replaced; a live one never is.
     */
    public static TargetLease acquire(JobSpec job, boolean breakLock) {
        HadoopStore store = new HadoopStore(job.target(), job.hadoopConf());
        String where = job.target();
        boolean existed;
        try {
            existed = store.fileSystem().exists(store.rootPath());
        } catch (IOException | RuntimeException e) {
            throw new StageException("cannot reach target " + where + ": " + e.getMessage()
                    + HadoopStore.settingsHint(where), e);
        }
        if (existed) {
            // never leave even a lease file in a folder that is not ours (a mistyped --target)
            TargetStore.format(job).requireStoreOrEmpty(store, TargetStore.OWN_PREFIX, job.overwrite());
        }
        long refresh = refreshSeconds();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        ObjectNode doc = JSON.createObjectNode();
        doc.put("host", hostName());
        doc.put("pid", ProcessHandle.current().pid());
        doc.put("started", now.toString());
        doc.put("refreshed", now.toString());
        doc.put("refresh_seconds", refresh);
        doc.put("recipe", job.recipe().name());
        doc.put("recipe_sha256", job.recipe().fingerprint());
        doc.put("arcoforge_version", Version.get());
        doc.put("token", UUID.randomUUID().toString());
        TargetLease lease = new TargetLease(store, where, doc, !existed);
        lease.incomplete = org.arcoforge.format.CompleteMarker.missing(job.recipe().zarrFormat());
        for (int attempt = 0; ; attempt++) {
            if (store.putIfAbsent(KEY, lease.bytes())) {
                break;
            }
            byte[] current = store.get(KEY);
            if (current == null && attempt < 5) {
                continue; // released between our two requests
            }
            Holder h = Holder.of(current, store.modificationTime(KEY));
            // a run killed on this very host (kill -9, a crash) left its lease: the same command resumes
            boolean dead = h.deadOnThisHost();
            if (dead && attempt < 5) {
                lease.tookOver = "took over the lease of a run that is no longer running (" + h + ")";
            } else if (!h.stale()) {
                throw new StageException("target " + where + " is in use by another run: " + h
                        + "; wait for it to finish or choose another --target"
                        + (breakLock ? " (--break-lock takes over only a lease not refreshed for "
                        + h.staleAfter() + ")" : ""));
            }
            if (!dead && (!breakLock || attempt >= 5)) {
                throw new StageException("target " + where + " is locked by a run that seems to have stopped: " + h
                        + "; the lease is stale (not refreshed for " + h.staleAfter() + "): if no run is writing this "
                        + "store, run again with --break-lock");
            }
            // replace the stale lease only if nobody touched it meanwhile; then race for it again
            if (Arrays.equals(current, store.get(KEY))) {
                store.delete(KEY);
            }
        }
        HELD.put(where, lease);
        ShutdownHookManager.get().addShutdownHook(lease.shutdownHook, FileSystem.SHUTDOWN_HOOK_PRIORITY + 20);
        lease.refresher.start();
        return lease;
    }

    /** A note for the console when this run took over a dead run's lease, else null. */
    public String tookOver() {
        return tookOver;
    }

    /**
     * Throws unless the lease this JVM took on {@code target} is still its own (another run may
     * have broken it with --break-lock). Runs without a lease (tests calling the stages) pass.
     */
    public static void requireHeld(String target) {
        TargetLease lease = HELD.get(target);
        if (lease == null) {
            return;
        }
        String why = lease.lost;
        if (why == null) {
            byte[] current = lease.store.get(KEY);
            why = lease.ownedBy(current) ? null : current == null ? "its lease file " + KEY + " was removed"
                    : "another run took it over: " + Holder.of(current, lease.store.modificationTime(KEY));
        }
        if (why != null) {
            throw new StageException("this run lost its lease on " + target + " (" + why
                    + "); the store is left incomplete (" + lease.incomplete + ")");
        }
    }

    private static long refreshSeconds() {
        try {
            return Math.max(1, Long.parseLong(System.getProperty(REFRESH_PROPERTY, "30")));
        } catch (NumberFormatException e) {
            return 30;
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            String h = System.getenv("HOSTNAME");
            return h == null ? "unknown host" : h;
        }
    }

    private byte[] bytes() {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(doc);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private boolean ownedBy(byte[] current) {
        if (current == null) {
            return false;
        }
        try {
            return doc.get("token").asText().equals(JSON.readTree(current).path("token").asText());
        } catch (IOException e) {
            return false;
        }
    }

    private void refreshLoop() {
        long millis = doc.get("refresh_seconds").asLong() * 1000;
        while (lost == null) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                return;
            }
            try {
                byte[] current = store.get(KEY);
                if (!ownedBy(current)) {
                    lost = current == null ? "its lease file " + KEY + " was removed"
                            : "another run took it over: " + Holder.of(current, store.modificationTime(KEY));
                    return;
                }
                synchronized (this) {
                    if (released) {
                        return;
                    }
                    doc.put("refreshed", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
                    store.put(KEY, bytes());
                }
            } catch (RuntimeException e) {
                // a passing failure (a full disk, a network blip): the next refresh tries again
            }
        }
    }

    /** Stops refreshing and removes the lease if it is still this run's (best effort). */
    private synchronized void release() {
        if (released) {
            return;
        }
        released = true;
        HELD.remove(target, this);
        refresher.interrupt();
        try {
            if (ownedBy(store.get(KEY))) {
                store.delete(KEY);
            }
            FileSystem fs = store.fileSystem();
            // a failed run into a new target leaves no empty folder behind
            if (createdRoot && !fs.listStatusIterator(store.rootPath()).hasNext()) {
                fs.delete(store.rootPath(), false);
            }
        } catch (IOException | RuntimeException e) {
            // a lease left behind goes stale, and --break-lock takes it
        }
    }

    @Override
    public void close() {
        release();
        try {
            ShutdownHookManager.get().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook runs release() again, which does nothing now
        }
    }

    /** The run named in a lease file, for messages. */
    private record Holder(JsonNode doc, long modified) {
        static Holder of(byte[] bytes, long modified) {
            JsonNode d = null;
            try {
                d = bytes == null ? null : JSON.readTree(bytes);
            } catch (IOException e) {
                // described as unreadable below
            }
            return new Holder(d == null || !d.isObject() ? null : d, modified);
        }

        long refreshSeconds() {
            long s = doc == null ? 30 : doc.path("refresh_seconds").asLong(30);
            return s <= 0 ? 30 : s;
        }

        Instant refreshed() {
            Instant fallback = modified > 0 ? Instant.ofEpochMilli(modified) : Instant.EPOCH;
            if (doc == null) {
                return fallback;
            }
            try {
                return Instant.parse(doc.path("refreshed").asText());
            } catch (RuntimeException e) {
                return fallback;
            }
        }

        /** Held by a process of this host that no longer exists. */
        boolean deadOnThisHost() {
            if (doc == null) {
                return false;
            }
            long pid = doc.path("pid").asLong(-1);
            return doc.path("host").asText("").equals(hostName()) && pid > 0 && ProcessHandle.of(pid).isEmpty();
        }

        boolean stale() {
            return Duration.between(refreshed(), Instant.now()).getSeconds() > STALE_INTERVALS * refreshSeconds();
        }

        String staleAfter() {
            return ago(Duration.ofSeconds(STALE_INTERVALS * refreshSeconds())).replace(" ago", "");
        }

        @Override
        public String toString() {
            String age = ago(Duration.between(refreshed(), Instant.now()));
            if (doc == null) {
                return "its lease file " + KEY + " cannot be read (last modified " + age + ")";
            }
            String host = doc.path("host").asText("?");
            long pid = doc.path("pid").asLong(-1);
            String gone = host.equals(hostName()) && pid > 0 && ProcessHandle.of(pid).isEmpty()
                    ? " (no such process on this host now)" : "";
            return "host " + host + ", process " + pid + gone + ", started " + doc.path("started").asText("?")
                    + ", last refreshed " + age + " (recipe '" + doc.path("recipe").asText("?") + "')";
        }

        private static String ago(Duration d) {
            long s = Math.max(0, d.getSeconds());
            return s < 120 ? s + " s ago" : s < 7200 ? s / 60 + " min ago" : s / 3600 + " h ago";
        }
    }
}
