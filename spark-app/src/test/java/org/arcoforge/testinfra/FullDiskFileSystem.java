package org.arcoforge.testinfra;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.hadoop.fs.permission.FsPermission;
import org.arcoforge.source.NioLocalFileSystem;

/**
 * The project's local filesystem under the scheme {@code fulldisk:}, on a disk that is full once
 * the files under {@code fulldisk.dir} hold {@code fulldisk.bytes}: a write past that fails with
 * "No space left on device". For where a real small disk (a tmpfs) cannot be mounted. Register
 * it with {@code fs.fulldisk.impl} (and {@code fs.fulldisk.impl.disable.cache=true}).
 */
public final class FullDiskFileSystem extends NioLocalFileSystem {
    private static final URI NAME = URI.create("fulldisk:///");
    private Path disk;
    private long bytes;

    @Override
    public void initialize(URI uri, org.apache.hadoop.conf.Configuration conf) throws IOException {
        super.initialize(uri, conf);
        disk = Path.of(conf.get("fulldisk.dir"));
        bytes = conf.getLong("fulldisk.bytes", Long.MAX_VALUE);
    }

    @Override
    public URI getUri() {
        return NAME;
    }

    @Override
    public String getScheme() {
        return "fulldisk";
    }

    @Override
    protected OutputStream createOutputStream(org.apache.hadoop.fs.Path f, boolean append) throws IOException {
        return new Budgeted(super.createOutputStream(f, append));
    }

    @Override
    protected OutputStream createOutputStreamWithMode(org.apache.hadoop.fs.Path f, boolean append,
                                                      FsPermission permission) throws IOException {
        return new Budgeted(super.createOutputStreamWithMode(f, append, permission));
    }

    private long used() {
        try (Stream<Path> files = Files.walk(disk)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0; // deleted meanwhile
                }
            }).sum();
        } catch (IOException | UncheckedIOException e) {
            return 0;
        }
    }

    private final class Budgeted extends FilterOutputStream {
        Budgeted(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            long room = bytes - used();
            if (len > room) {
                // like a real disk: what fits is written, then the error
                out.write(b, off, (int) Math.max(0, room));
                throw new IOException("No space left on device");
            }
            out.write(b, off, len);
        }
    }
}
