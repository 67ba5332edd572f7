package org.arcoforge.plan;

import java.io.Serializable;
import java.util.List;

/**
 * A unit of parallel work: whole chunks, no chunk in two tasks.
 *
 * @param estimatedPeak bytes the task holds at most: its chunk buffers, the box it reads from one
 *                      input, one encoded chunk ({@link TaskMemory})
 */
public record StoreTask(int id, List<ChunkWrite> writes, long estimatedPeak) implements Serializable {
    public StoreTask {
        writes = List.copyOf(writes);
    }
}
