package org.arcoforge.testinfra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A small tmpfs mounted on a folder: a real disk that fills up ("No space left on device").
 * Mounting needs root; {@link #mount} returns null where it is not permitted.
 */
public final class Tmpfs implements AutoCloseable {
    private final Path dir;

    private Tmpfs(Path dir) {
        this.dir = dir;
    }

    /** Mounts a tmpfs of {@code bytes} (rounded up to whole 4 KiB pages) on {@code dir}, or returns null. */
    public static Tmpfs mount(Path dir, long bytes) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Processes.Result r = Processes.run(new ProcessBuilder(List.of("mount", "-t", "tmpfs", "-o", "size=" + bytes,
                "tmpfs", dir.toString())), Duration.ofSeconds(30));
        return r.exitCode() == 0 ? new Tmpfs(dir) : null;
    }

    public Path dir() {
        return dir;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        Processes.run(new ProcessBuilder(List.of("umount", "-l", dir.toString())), Duration.ofSeconds(30));
    }
}
