package org.arcoforge.spark;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Console progress of one stage: done/total and, when {@code bytes} is given, MB/s, printed every few seconds from a daemon
 * thread while the stage runs, and once more when it ends.
 */
final class Progress implements AutoCloseable {
    private static final long PERIOD_MS = 2000;

    private final PrintWriter out;
    private final String stage;
    private final String unit;
    private final long total;
    private final LongSupplier done;
    private final LongSupplier bytes;
    private final String bytesLabel;
    private final LongSupplier failed;
    private final Supplier<String> note;
    private final long startNanos = System.nanoTime();
    private final Thread thread;
    private volatile boolean running = true;

    Progress(PrintWriter out, String stage, String unit, long total, LongSupplier done, LongSupplier bytes) {
        this(out, stage, unit, total, done, bytes, "decoded");
    }

    /** {@code bytesLabel} says what the bytes are, after the "MB" the line adds: "decoded", "downloaded". */
    Progress(PrintWriter out, String stage, String unit, long total, LongSupplier done, LongSupplier bytes,
             String bytesLabel) {
        this(out, stage, unit, total, done, null, bytes, bytesLabel, null);
    }

    /**
     * {@code done} counts what finished well and {@code failed} (when not null) what failed;
     * {@code note} (when not null) adds what is going on, e.g. retries, when it has something to say.
     */
    Progress(PrintWriter out, String stage, String unit, long total, LongSupplier done, LongSupplier failed,
             LongSupplier bytes, String bytesLabel, Supplier<String> note) {
        this.failed = failed;
        this.note = note;
        this.bytesLabel = bytesLabel;
        this.out = out;
        this.stage = stage;
        this.unit = unit;
        this.total = total;
        this.done = done;
        this.bytes = bytes;
        this.thread = new Thread(this::loop, "arcoforge-progress-" + stage);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void loop() {
        while (running) {
            try {
                Thread.sleep(PERIOD_MS);
            } catch (InterruptedException e) {
                return;
            }
            if (running) {
                out.println(line());
                out.flush();
            }
        }
    }

    double seconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    String line() {
        return line(true);
    }

    private String line(boolean withNote) {
        String counts = String.format(Locale.ROOT, "[%s] %d/%d %s", stage, done.getAsLong(), total, unit);
        if (failed != null) {
            counts += ", " + failed.getAsLong() + " failed";
        }
        String line;
        if (bytes == null) {
            line = String.format(Locale.ROOT, "%s, %.1f s", counts, seconds());
        } else {
            double mb = bytes.getAsLong() / 1e6;
            line = String.format(Locale.ROOT, "%s, %.1f MB %s, %.1f MB/s, %.1f s",
                    counts, mb, bytesLabel, mb / Math.max(seconds(), 1e-3), seconds());
        }
        String n = note == null || !withNote ? "" : note.get();
        return n == null || n.isEmpty() ? line : line + "; " + n;
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        out.println(line(false)); // the outcome: retries still pending would be stale here
        out.flush();
    }
}
