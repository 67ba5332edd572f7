package org.arcoforge.source;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.ExecutionException;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** A {@link ByteSource} over any Hadoop FileSystem, using positioned (pread) reads. */
public final class HadoopByteSource implements ByteSource {
    private final FileSystem fs;
    private final Path path;
    private final String location;
    private FSDataInputStream in;
    private FileStatus status;

    public HadoopByteSource(FileSystem fs, Path path, String location) {
        this.fs = fs;
        this.path = path;
        this.location = location;
    }

    private synchronized FSDataInputStream stream() throws IOException {
        if (in == null) {
            // Passing the status saves object stores a second metadata request (HEAD) per open.
            try {
                in = fs.openFile(path).withFileStatus(status()).build().get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while opening " + location);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof IOException io) {
                    throw io;
                }
                throw new IOException("cannot open " + location + ": " + e.getCause(), e.getCause());
            }
        }
        return in;
    }

    @Override
    public int read(long pos, byte[] buf, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (pos >= length()) {
            return -1;
        }
        return stream().read(pos, buf, off, len);
    }

    @Override
    public void readFully(long pos, byte[] buf, int off, int len) throws IOException {
        if (pos + len > length()) {
            throw new EOFException("unexpected end of " + location + ": wanted " + len + " bytes at offset " + pos
                    + " but the file has " + length() + " bytes");
        }
        stream().readFully(pos, buf, off, len);
    }

    @Override
    public long length() throws IOException {
        return status().getLen();
    }

    private synchronized FileStatus status() throws IOException {
        if (status == null) {
            status = fs.getFileStatus(path);
        }
        return status;
    }

    @Override
    public String location() { return location; }

    @Override
    public synchronized void close() throws IOException {
        // The FileSystem is Hadoop's shared one (or a local one holding nothing open): close only our stream.
        if (in != null) {
            in.close();
            in = null;
        }
    }
}
