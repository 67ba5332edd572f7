package org.arcoforge.source;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;

/**
 * Random-access bytes of one input file. The single abstraction the readers use, so that other
 * transports (HTTP range requests, FTP) only need to implement this. Implementations must allow
 * concurrent positioned reads or document that they don't.
 */
public interface ByteSource extends Closeable {

    /**
     * Reads up to {@code len} bytes at {@code pos}; returns the number read, or -1 at or past the end.
     * May return fewer bytes than asked.
     */
    int read(long pos, byte[] buf, int off, int len) throws IOException;

    /** Reads exactly {@code len} bytes at {@code pos} or throws an EOFException naming the location. */
    default void readFully(long pos, byte[] buf, int off, int len) throws IOException {
        int done = 0;
        while (done < len) {
            int n = read(pos + done, buf, off + done, len - done);
            if (n < 0) {
                throw new EOFException("unexpected end of " + location() + ": wanted " + len + " bytes at offset "
                        + pos + " but the file has " + length() + " bytes");
            }
            done += n;
        }
    }

    /** Total length in bytes. */
    long length() throws IOException;

    /** Path or URL for messages (no secrets). */
    String location();
}
