package org.arcoforge.plan;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.arcoforge.recipe.data.DType;

/**
 * One array of the target store.
 *
 * @param name        name in the target
 * @param sourceName  name in the input files (differs when a preprocessor renamed it)
 * @param dtype       on-disk type in the target (the inputs', or FLOAT64 when time re-encoding needs it)
 * @param attributes  attributes to write, without _FillValue
 * @param fillValue   the _FillValue of the inputs (Number, or null when they have none); goes to .zarray
 * @param mergeIndex  which MergeDim position holds this variable
 * @param alongConcat whether the variable has the concat dimension
 * @param innerChunks with Zarr v3 shards, the chunk shape inside each shard ({@code chunks} is then
 *                    the shard shape, the write unit); null without shards
 */
public record TargetVariable(String name, String sourceName, List<String> dims, long[] shape, int[] chunks,
                             DType dtype, Map<String, Object> attributes, Number fillValue, int mergeIndex,
                             boolean alongConcat, int[] innerChunks) implements Serializable {
    public TargetVariable {
        dims = List.copyOf(dims);
    }

    public TargetVariable(String name, String sourceName, List<String> dims, long[] shape, int[] chunks, DType dtype,
                          Map<String, Object> attributes, Number fillValue, int mergeIndex, boolean alongConcat) {
        this(name, sourceName, dims, shape, chunks, dtype, attributes, fillValue, mergeIndex, alongConcat, null);
    }

    /** Whether {@link #chunks()} are Zarr v3 shards holding {@link #innerChunks()}. */
    public boolean sharded() {
        return innerChunks != null;
    }

    /** The same variable written in shards of its chunks, each holding chunks of {@code inner}. */
    TargetVariable withInnerChunks(int[] inner) {
        return new TargetVariable(name, sourceName, dims, shape, chunks, dtype, attributes, fillValue, mergeIndex,
                alongConcat, inner == null ? null : inner.clone());
    }

    /** Number of chunks along each dimension. */
    public long[] chunkGrid() {
        return ChunkGrid.of(shape, chunks);
    }
}
