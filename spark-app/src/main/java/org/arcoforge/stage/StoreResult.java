package org.arcoforge.stage;

import java.util.Map;

/**
 * What one store task (direct or shuffle reduce) did, for progress and the final summary.
 *
 * @param bytesDecoded direct: decoded from the inputs; shuffle reduce: the decoded size of the chunks written
 * @param stored each chunk written (its key) and its stored size, for the progress log
 */
public record StoreResult(int chunks, long bytesDecoded, long bytesWritten, Map<String, Long> stored)
        implements java.io.Serializable {
    public StoreResult(int chunks, long bytesDecoded, long bytesWritten) {
        this(chunks, bytesDecoded, bytesWritten, Map.of());
    }
}
