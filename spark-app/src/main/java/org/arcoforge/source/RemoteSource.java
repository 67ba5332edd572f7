package org.arcoforge.source;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;

/** A {@link ByteSource} on a server (HTTP, FTP) that can also be streamed whole, for the cache. */
public interface RemoteSource extends ByteSource {
    /**
     * One attempt at streaming the bytes from {@code offset} to the end into {@code out} (resuming
     * with HTTP Range / FTP REST when offset &gt; 0). Throws when the transfer stops early; bytes
     * already written stay written, so the caller resumes from its own count.
     */
    void copyTo(long offset, OutputStream out) throws IOException;

    /** Last modification time from the server (Last-Modified, MDTM), or null. */
    Instant lastModified() throws IOException;

    /** Requests sent so far (HEAD/GET, or FTP SIZE/RETR), retries included. */
    long requests();

    /** Retries per request, from the recipe. */
    int retries();
}
