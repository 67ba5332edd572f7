package org.arcoforge.format.reference;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * Where one variable of one input lies, as a reference store points at it: its stored chunks
 * (grid index in the input's own chunk grid, byte offset, length), the Zarr v2 dtype as on disk
 * (byte order included, {@code >i2}), the chunk shape and the filters as numcodecs configs. Small
 * arrays that are not chunked (NetCDF-4 contiguous or compact) carry their values instead
 * ({@code inline}, little-endian, with {@code dtype} little-endian). {@code problem} says why the
 * variable cannot be referenced (an unsupported filter...), else null. Compact (flat arrays) so
 * that millions of references stay small on the driver.
 *
 * @param grid    flattened grid indices, {@code chunkShape.length} per reference
 * @param offsets byte offset of each reference in its file
 * @param lengths byte length of each reference
 */
public record VariableLayout(String name, String dtype, long[] shape, int[] chunkShape,
                             List<Map<String, Object>> filters, int[] grid, long[] offsets, int[] lengths,
                             byte[] inline, String problem) implements Serializable {

    public static VariableLayout problem(String name, String problem) {
        return new VariableLayout(name, null, new long[0], new int[0], List.of(), new int[0], new long[0], new int[0],
                null, problem);
    }

    public static VariableLayout inline(String name, String dtype, long[] shape, byte[] values) {
        int[] cs = new int[shape.length];
        for (int d = 0; d < shape.length; d++) {
            cs[d] = (int) Math.max(1, shape[d]);
        }
        return new VariableLayout(name, dtype, shape, cs, List.of(), new int[0], new long[0], new int[0], values, null);
    }

    /** Number of stored chunks referenced. */
    public int count() {
        return offsets.length;
    }

    /** Grid index of reference {@code i} along axis {@code d}. */
    public int index(int i, int d) {
        return grid[i * chunkShape.length + d];
    }
}
