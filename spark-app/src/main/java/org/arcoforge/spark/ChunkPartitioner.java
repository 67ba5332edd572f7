package org.arcoforge.spark;

import java.util.Arrays;
import org.apache.spark.Partitioner;
import org.arcoforge.plan.ShufflePlan;

/** Sends a chunk's fragments to the reduce task the plan gave the chunk: {@link ShufflePlan#partitionOf(long[], long)}. */
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
        return ShufflePlan.partitionOf(starts, (Long) key);
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
