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

    /**
     * Starts {@code pb} without waiting, stdout and stderr each to a temporary file, for tests that
     * act on a running process (signals, kill -9) before it ends.
     */
    public static Started start(ProcessBuilder pb) throws IOException {
        Path log = Files.createTempFile("arcoforge-process-", ".log");
        Path err = Files.createTempFile("arcoforge-process-", ".err");
        pb.redirectErrorStream(false).redirectOutput(log.toFile()).redirectError(err.toFile());
        return new Started(pb.start(), log, err, String.join(" ", pb.command()));
    }

    /** A process started by {@link #start}; {@link #close} kills it if it still runs. */
    public record Started(Process process, Path log, Path err, String command) implements AutoCloseable {
        /** Waits at most {@code timeout} for the end; a process still running then is killed and the test fails. */
        public Result waitFor(Duration timeout) throws IOException, InterruptedException {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                close();
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s: " + command + "\n"
                        + read(log) + read(err));
            }
            return new Result(process.exitValue(), read(log), read(err));
        }

        /** What it printed on stderr so far. */
        public String errorsSoFar() throws IOException {
            return read(err);
        }

        @Override
        public void close() throws IOException, InterruptedException {
            if (process.isAlive()) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            Files.deleteIfExists(log);
            Files.deleteIfExists(err);
        }
    }

    private static String read(Path log) throws IOException {
        return new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
    }
}
