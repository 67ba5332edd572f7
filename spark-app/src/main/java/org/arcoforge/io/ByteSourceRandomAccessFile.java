package org.arcoforge.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;

/**
 * Lets netcdf-java read from a {@link ByteSource}. netcdf-java reads through its own buffer, so a
 * large buffer keeps the number of (possibly remote) reads small.
 */
public final class ByteSourceRandomAccessFile extends ucar.unidata.io.RandomAccessFile {
    public static final int DEFAULT_BUFFER = 1 << 20;

    private final ByteSource source;

    public ByteSourceRandomAccessFile(ByteSource source) {
        this(source, DEFAULT_BUFFER);
    }

    public ByteSourceRandomAccessFile(ByteSource source, int bufferSize) {
        super(Math.max(bufferSize, DEFAULT_BUFFER));
        this.source = source;
        this.location = source.location();
    }

    @Override
    protected int read_(long pos, byte[] b, int offset, int len) throws IOException {
        long size = source.length();
        if (pos >= size) {
            return -1;
        }
        int want = (int) Math.min(len, size - pos);
        int done = 0;
        while (done < want) {
            int n = source.read(pos + done, b, offset + done, want - done);
            if (n < 0) {
                break;
            }
            done += n;
        }
        return done == 0 ? -1 : done;
    }

    @Override
    public long length() throws IOException {
        return source.length();
    }

    @Override
    public long readToByteChannel(WritableByteChannel dest, long offset, long nbytes) throws IOException {
        byte[] buf = new byte[(int) Math.min(nbytes, DEFAULT_BUFFER)];
        long done = 0;
        while (done < nbytes) {
            int n = read_(offset + done, buf, 0, (int) Math.min(buf.length, nbytes - done));
            if (n < 0) {
                break;
            }
            ByteBuffer bb = ByteBuffer.wrap(buf, 0, n);
            while (bb.hasRemaining()) {
                dest.write(bb);
            }
            done += n;
        }
        return done;
    }

    @Override
    public synchronized void close() throws IOException {
        // The ByteSource belongs to the caller (NetcdfInput closes it).
    }
}
