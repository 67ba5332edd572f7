package org.arcoforge.spark;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Console progress of one stage: done/total and, when {@code bytes} is given, MB/s, printed every few seconds from a daemon
 * thread while the stage runs, and once more when it ends. On a terminal ({@link Terminal#isLive}) the stage has one
 * line instead, redrawn in place a few times a second as a bar with elapsed time and ETA, and left as the outcome.
 */
final class Progress implements AutoCloseable {
    /** Seconds between plain lines (default 2): a JVM property, so that logs (and tests) can choose. */
    static final String PERIOD_PROPERTY = "arcoforge.progress.seconds";
    private static final long LIVE_PERIOD_MS = 250;

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
    private final boolean live;
    private final long periodMs;
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
        this.live = Terminal.isLive(out);
        this.periodMs = live ? LIVE_PERIOD_MS
                : Math.max(1, (long) (1000 * Double.parseDouble(System.getProperty(PERIOD_PROPERTY, "2"))));
        this.thread = new Thread(this::loop, "arcoforge-progress-" + stage);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void loop() {
        while (running) {
            try {
                Thread.sleep(periodMs);
            } catch (InterruptedException e) {
                return;
            }
            synchronized (this) {
                if (running) {
                    print(live ? bar(true) : line(), false);
                }
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

    /** The terminal's line: a bar of done/total, the counts, MB/s, elapsed time and ETA. */
    String bar(boolean withNote) {
        long d = done.getAsLong();
        double s = seconds();
        double f = total > 0 ? Math.min(1, (double) d / total) : 1;
        int width = 24;
        int filled = (int) Math.round(f * width);
        StringBuilder b = new StringBuilder("[").append(stage).append("] ");
        b.append('|').append("#".repeat(filled)).append(".".repeat(width - filled)).append("| ");
        b.append(d).append('/').append(total).append(' ').append(unit);
        if (failed != null) {
            b.append(", ").append(failed.getAsLong()).append(" failed");
        }
        if (bytes != null) {
            double mb = bytes.getAsLong() / 1e6;
            b.append(String.format(Locale.ROOT, ", %.1f MB %s, %.1f MB/s", mb, bytesLabel, mb / Math.max(s, 1e-3)));
        }
        b.append(String.format(Locale.ROOT, ", %.1f s", s));
        if (d < total) {
            b.append(d > 0 ? String.format(Locale.ROOT, ", ETA %.0f s", Math.ceil(s * (total - d) / d)) : ", ETA ?");
        }
        String n = note == null || !withNote ? "" : note.get();
        return n == null || n.isEmpty() ? b.toString() : b + "; " + n;
    }

    /** Plain: one line each time; live: the stage's line redrawn ({@code \r}, then clear to its end). */
    private void print(String text, boolean last) {
        if (live) {
            out.print("\r" + text + "\033[K" + (last ? System.lineSeparator() : ""));
        } else {
            out.println(text);
        }
        out.flush();
    }

    @Override
    public void close() {
        synchronized (this) {
            running = false;
        }
        thread.interrupt();
        // the outcome: retries still pending would be stale here
        print(live ? bar(false) : line(false), true);
    }
}
