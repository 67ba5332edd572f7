package org.arcoforge.plan;

import java.io.Serializable;
import java.util.List;

/** A unit of parallel work: whole chunks, no chunk in two tasks. */
public record StoreTask(int id, List<ChunkWrite> writes) implements Serializable {
    public StoreTask {
        writes = List.copyOf(writes);
    }
}
