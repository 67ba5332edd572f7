package org.arcoforge.plan;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.arcoforge.recipe.VariableEncoding;

/**
 * What the planner needs from a recipe.
 *
 * @param concatDim       name of the ConcatDim, or null when inputs are not concatenated
 * @param itemsPerFile    the ConcatDim's declared length per input, or null
 * @param targetChunks    chunk length per dimension; dimensions not named are whole, except the
 *                        concat dimension, which defaults to inputsPerChunk x its length in the first input
 * @param inputsPerChunk  see above
 * @param setAttributes   global attributes that override the inputs'
 * @param maxTaskMemory   memory budget of one store task in bytes; 0 for {@link #DEFAULT_MAX_TASK_MEMORY}
 * @param targetChunkSize desired bytes per chunk for dimensions not in targetChunks (0: none), see {@link ChunkSizer}
 * @param chunkFavor      dimensions kept long when sizing chunks, first most
 * @param encoding        target encoding per variable (recipe field encoding), see {@link PackingPlan}
 * @param coordinateTolerance largest absolute difference allowed between inputs' non-concat coordinates
 * @param shards          Zarr v3 shard length per dimension (empty: no shards); see {@link ShardChoice}
 */
public record PlanOptions(String concatDim, Integer itemsPerFile, Map<String, Integer> targetChunks,
                          int inputsPerChunk, Map<String, Object> setAttributes, long maxTaskMemory,
                          long targetChunkSize, List<String> chunkFavor, Map<String, VariableEncoding> encoding,
                          double coordinateTolerance, Map<String, Integer> shards) implements Serializable {
    /** Fits a 1-core / 4 GB executor: Spark keeps about 60% of the heap for itself (shuffle, storage). */
    public static final long DEFAULT_MAX_TASK_MEMORY = 1L << 30;

    public PlanOptions {
        chunkFavor = chunkFavor == null ? List.of() : List.copyOf(chunkFavor);
        encoding = encoding == null ? Map.of() : Map.copyOf(encoding);
        shards = shards == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(shards));
    }

    public PlanOptions(String concatDim, Integer itemsPerFile, Map<String, Integer> targetChunks, int inputsPerChunk,
                       Map<String, Object> setAttributes, long maxTaskMemory, long targetChunkSize,
                       List<String> chunkFavor) {
        this(concatDim, itemsPerFile, targetChunks, inputsPerChunk, setAttributes, maxTaskMemory, targetChunkSize,
                chunkFavor, Map.of(), 0, null);
    }

    public PlanOptions(String concatDim, Integer itemsPerFile, Map<String, Integer> targetChunks, int inputsPerChunk,
                       Map<String, Object> setAttributes) {
        this(concatDim, itemsPerFile, targetChunks, inputsPerChunk, setAttributes, 0, 0, List.of());
    }

    public PlanOptions withMaxTaskMemory(long bytes) {
        return new PlanOptions(concatDim, itemsPerFile, targetChunks, inputsPerChunk, setAttributes, bytes,
                targetChunkSize, chunkFavor, encoding, coordinateTolerance, shards);
    }

    public PlanOptions withEncoding(Map<String, VariableEncoding> e, double tolerance) {
        return new PlanOptions(concatDim, itemsPerFile, targetChunks, inputsPerChunk, setAttributes, maxTaskMemory,
                targetChunkSize, chunkFavor, e, tolerance, shards);
    }

    /** The same options with Zarr v3 shards (dimension to length). */
    public PlanOptions withShards(Map<String, Integer> s) {
        return new PlanOptions(concatDim, itemsPerFile, targetChunks, inputsPerChunk, setAttributes, maxTaskMemory,
                targetChunkSize, chunkFavor, encoding, coordinateTolerance, s);
    }

    public long budget() {
        return maxTaskMemory > 0 ? maxTaskMemory : DEFAULT_MAX_TASK_MEMORY;
    }
}
