package org.arcoforge.plan;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * The shuffle part of a plan: read tasks (map side) and the chunk-id ranges of the reduce tasks.
 * Each reduce task takes the fragments of the chunks in {@code [partitionStarts[i], partitionStarts[i+1])},
 * sorted by chunk, and assembles and writes one chunk at a time, so every chunk is written by
 * exactly one task.
 *
 * @param mapPartitions     read tasks grouped into this many Spark tasks
 * @param reducePeak        the most bytes a reduce task holds (a chunk buffer, its encoding, a fragment)
 */
public record ShufflePlan(List<ShuffleVariable> variables, List<ReadTask> reads, long[] partitionStarts,
                          int mapPartitions, long reducePeak) implements Serializable {
    public static final ShufflePlan EMPTY = new ShufflePlan(List.of(), List.of(), new long[] {0}, 0, 0);

    public ShufflePlan {
        variables = List.copyOf(variables);
        reads = List.copyOf(reads);
    }

    public boolean isEmpty() {
        return variables.isEmpty();
    }

    public int reducePartitions() {
        return partitionStarts.length - 1;
    }

    public long chunkCount() {
        return partitionStarts[partitionStarts.length - 1];
    }

    /** Which reduce task writes this chunk. */
    public int partitionOf(long chunkId) {
        return partitionOf(partitionStarts, chunkId);
    }

    /** {@link #partitionOf(long)} over the starts alone, for the Spark partitioner (which need not carry the plan). */
    public static int partitionOf(long[] partitionStarts, long chunkId) {
        int i = Arrays.binarySearch(partitionStarts, chunkId);
        return i >= 0 ? Math.min(i, partitionStarts.length - 2) : -i - 2;
    }

    public ShuffleVariable variableOf(long chunkId) {
        for (int i = variables.size() - 1; i >= 0; i--) {
            if (variables.get(i).firstChunkId() <= chunkId) {
                return variables.get(i);
            }
        }
        throw new IllegalArgumentException("no shuffle variable holds chunk " + chunkId);
    }
}
