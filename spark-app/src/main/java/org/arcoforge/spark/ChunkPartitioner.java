package org.arcoforge.spark;

import java.util.Arrays;
import org.apache.spark.Partitioner;

/** Sends a chunk's fragments to the reduce task the plan gave the chunk (ranges of chunk ids). */
final class ChunkPartitioner extends Partitioner {
    private final long[] starts;

    ChunkPartitioner(long[] starts) {
        this.starts = starts.clone();
    }

    @Override
    public int numPartitions() {
        return starts.length - 1;
    }

    @Override
    public int getPartition(Object key) {
        long id = (Long) key;
        int i = Arrays.binarySearch(starts, id);
        return Math.min(i >= 0 ? i : -i - 2, numPartitions() - 1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChunkPartitioner p && Arrays.equals(p.starts, starts);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(starts);
    }
}
