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

    /** What the command printed and how it ended. */
    public record Result(int exitCode, String output) {
    }

    /** Runs {@code pb} (its output redirections are replaced) and waits at most {@code timeout}. */
    public static Result run(ProcessBuilder pb, Duration timeout) throws IOException, InterruptedException {
        Path log = Files.createTempFile("arcoforge-process-", ".log");
        try {
            Process p = pb.redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s: " + String.join(" ", pb.command())
                        + "\n" + read(log));
            }
            return new Result(p.exitValue(), read(log));
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static String read(Path log) throws IOException {
        return new String(Files.readAllBytes(log), StandardCharsets.UTF_8);
    }
}
