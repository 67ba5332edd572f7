package org.arcoforge.testinfra;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command whose output (stdout and stderr) goes to a temporary file, not a pipe, so a
 * process that hangs is killed after the timeout instead of blocking the reader forever.
 */
public final class Processes {
    private Processes() {
    }

    /** What the command printed (stderr in {@code errors} only when kept apart) and how it ended. */
    public record Result(int exitCode, String output, String errors) {
    }

    /** Runs {@code pb} with stderr merged into the output (its redirections are replaced), waiting at most {@code timeout}. */
    public static Result run(ProcessBuilder pb, Duration timeout) throws IOException, InterruptedException {
        return run(pb, timeout, true);
    }

    /** As {@link #run(ProcessBuilder, Duration)}; with {@code mergeErrors} false, stderr goes to {@link Result#errors}. */
    public static Result run(ProcessBuilder pb, Duration timeout, boolean mergeErrors)
            throws IOException, InterruptedException {
        Path log = Files.createTempFile("arcoforge-process-", ".log");
        Path err = Files.createTempFile("arcoforge-process-", ".err");
        try {
            pb.redirectOutput(log.toFile());
            if (mergeErrors) {
                pb.redirectErrorStream(true);
            } else {
                pb.redirectErrorStream(false).redirectError(err.toFile());
            }
            Process p = pb.start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s: " + String.join(" ", pb.command())
                        + "\n" + read(log) + read(err));
            }
            return new Result(p.exitValue(), read(log), read(err));
        } finally {
            Files.deleteIfExists(log);
            Files.deleteIfExists(err);
        }
    }

    private static String read(Path log) throws IOException {
        return new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
    }
}
