package org.arcoforge.io;

import java.io.EOFException;
import java.io.IOException;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** A {@link ByteSource} over any Hadoop FileSystem, using positioned (pread) reads. */
public final class HadoopByteSource implements ByteSource {
    private final FileSystem fs;
    private final Path path;
    private final String location;
    private FSDataInputStream in;
    private long length = -1;

    public HadoopByteSource(FileSystem fs, Path path, String location) {
        this.fs = fs;
        this.path = path;
        this.location = location;
    }

    private synchronized FSDataInputStream stream() throws IOException {
        if (in == null) {
            in = fs.open(path);
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
    public synchronized long length() throws IOException {
        if (length < 0) {
            length = fs.getFileStatus(path).getLen();
        }
        return length;
    }

    @Override
    public String location() { return location; }

    @Override
    public synchronized void close() throws IOException {
        // The FileSystem is shared (Hadoop's cache): close only our stream.
        if (in != null) {
            in.close();
            in = null;
        }
    }
}
