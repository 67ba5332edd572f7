package org.arcoforge.format.zarr3;

import java.util.Arrays;
import org.arcoforge.codec.FillValues;
import org.arcoforge.grid.GridIndex;
import org.arcoforge.recipe.data.DType;

/**
 * Cuts a chunk out of a write unit (a shard, or the chunk itself) held in C order, with the
 * elements beyond the array's edge set to the fill value whatever the buffer holds there, so a
 * re-run writes the same bytes.
 */
final class ChunkBlocks {
    private ChunkBlocks() {
    }

    /**
     * The block of {@code inner} elements at {@code origin} (elements, within the unit) of {@code unit}
     * (shape {@code unitShape}); only its first {@code valid} elements along each dimension are copied.
     */
    static Object cut(Object unit, int[] unitShape, int[] origin, int[] inner, int[] valid, DType dtype, Number fill) {
        int rank = inner.length;
        int n = 1;
        for (int c : inner) {
            n *= c;
        }
        // text has no fill value: "" (as the Zarr v2 writer pads text chunks)
        Object out = dtype == DType.STRING ? FillValues.filledChunk(dtype, n, null) : FillValues.filledChunk(dtype, n, fill);
        if (dtype == DType.STRING) {
            FillValues.fill(out, 0, n, 0);
        }
        if (rank == 0) {
            System.arraycopy(unit, 0, out, 0, 1);
            return out;
        }
        for (int v : valid) {
            if (v <= 0) {
                return out;
            }
        }
        int[] unitStride = strides(unitShape);
        int[] innerStride = strides(inner);
        int rowLen = valid[rank - 1];
        for (GridIndex rows = GridIndex.of(Arrays.copyOf(valid, rank - 1)); rows.next(); ) {
            long[] p = rows.index();
            int src = origin[rank - 1];
            int dst = 0;
            for (int d = 0; d < rank - 1; d++) {
                src += (origin[d] + (int) p[d]) * unitStride[d];
                dst += (int) p[d] * innerStride[d];
            }
            System.arraycopy(unit, src, out, dst, rowLen);
        }
        return out;
    }

    static int[] strides(int[] shape) {
        int[] s = new int[shape.length];
        int acc = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            s[d] = acc;
            acc *= shape[d];
        }
        return s;
    }

    /** Whether every element has the fill value's bits (0, or "" for text, when there is none). */
    static boolean allFill(Object block, DType dtype, Number fill) {
        Object f = FillValues.filledChunk(dtype, 1, fill);
        if (block instanceof float[] x) {
            int b = Float.floatToRawIntBits(((float[]) f)[0]);
            for (float v : x) if (Float.floatToRawIntBits(v) != b) return false;
        } else if (block instanceof double[] x) {
            long b = Double.doubleToRawLongBits(((double[]) f)[0]);
            for (double v : x) if (Double.doubleToRawLongBits(v) != b) return false;
        } else if (block instanceof byte[] x) {
            for (byte v : x) if (v != ((byte[]) f)[0]) return false;
        } else if (block instanceof short[] x) {
            for (short v : x) if (v != ((short[]) f)[0]) return false;
        } else if (block instanceof int[] x) {
            for (int v : x) if (v != ((int[]) f)[0]) return false;
        } else if (block instanceof long[] x) {
            for (long v : x) if (v != ((long[]) f)[0]) return false;
        } else if (block instanceof String[] x) {
            for (String v : x) if (!"".equals(v)) return false;
        } else {
            return false;
        }
        return true;
    }
}
