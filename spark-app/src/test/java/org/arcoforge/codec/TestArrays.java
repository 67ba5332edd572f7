package org.arcoforge.codec;

import org.arcoforge.format.zarr2.ArrayMeta;
import org.arcoforge.format.zarr2.ZarrGroupWriter;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.arcoforge.recipe.data.DType;

/** Test data: deterministic arrays of every dtype, and cutting a whole array into chunks. */
public final class TestArrays {
    private TestArrays() {
    }

    /**
     * A deterministic array of n elements: extremes first, then random bit patterns (ints) or a
     * mix of special and random values (floats), then the fill value when there is one.
     */
    public static Object values(DType dtype, int n, long seed, Number fill) {
        SplittableRandom r = new SplittableRandom(seed);
        Object a = dtype.newArray(n);
        for (int i = 0; i < n; i++) {
            long bits = r.nextLong();
            switch (dtype) {
                case FLOAT32 -> ((float[]) a)[i] = i < FLOAT32_SPECIAL.length ? FLOAT32_SPECIAL[i] : (float) (r.nextGaussian() * 1e3);
                case FLOAT64 -> ((double[]) a)[i] = i < FLOAT64_SPECIAL.length ? FLOAT64_SPECIAL[i] : r.nextGaussian() * 1e6;
                case CHAR -> ((byte[]) a)[i] = (byte) ('a' + r.nextInt(26));
                case STRING -> ((String[]) a)[i] = STRINGS[r.nextInt(STRINGS.length)] + (i % 3 == 0 ? "" : i);
                default -> {
                    long v = i == 0 ? min(dtype) : i == 1 ? max(dtype) : bits;
                    set(a, i, v);
                }
            }
        }
        if (fill != null && n > 5 && dtype != DType.STRING) {
            FillValues.fill(a, 5, 6, FillValues.normalize(dtype, fill));
        }
        return a;
    }

    public static final String[] STRINGS = {"", "Zürich", "Ålesund", "ok", "日本語", "emoji \uD83C\uDF0A", "a\u0000b"};

    public static final float[] FLOAT32_SPECIAL = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, -0.0f,
            Float.MIN_VALUE, Float.MAX_VALUE, 0.01f, 273.15f};
    public static final double[] FLOAT64_SPECIAL = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0,
            Double.MIN_VALUE, Double.MAX_VALUE, 0.1, 1e300};

    public static long min(DType t) {
        return t.isUnsigned() ? 0 : -(1L << (t.size() * 8 - 1));
    }

    public static long max(DType t) {
        return t.isUnsigned() ? -1L : (1L << (t.size() * 8 - 1)) - 1;
    }

    public static void set(Object a, int i, long v) {
        if (a instanceof byte[] x) x[i] = (byte) v;
        else if (a instanceof short[] x) x[i] = (short) v;
        else if (a instanceof int[] x) x[i] = (int) v;
        else ((long[]) a)[i] = v;
    }

    /** Element i as a double/long/Number for messages and JSON. */
    public static Object get(Object a, int i) {
        return java.lang.reflect.Array.get(a, i);
    }

    /** Chunk idx of a whole C-order array, at full chunk shape; padding is the given buffer's. */
    public static Object cut(ArrayMeta meta, Object whole, long[] idx, Object buffer) {
        long[] shape = meta.shape();
        int[] chunks = meta.chunks();
        int rank = shape.length;
        if (rank == 0) {
            System.arraycopy(whole, 0, buffer, 0, 1);
            return buffer;
        }
        int n = meta.chunkElements();
        int[] pos = new int[rank];
        for (int k = 0; k < n; k++) {
            boolean inside = true;
            long src = 0;
            for (int d = 0; d < rank; d++) {
                long g = idx[d] * chunks[d] + pos[d];
                inside &= g < shape[d];
                src = src * shape[d] + g;
            }
            if (inside) {
                System.arraycopy(whole, (int) src, buffer, k, 1);
            }
            for (int d = rank - 1; d >= 0; d--) {
                if (++pos[d] < chunks[d]) break;
                pos[d] = 0;
            }
        }
        return buffer;
    }

    /** Inverse of cut over all chunks: reads every chunk and rebuilds the whole array. */
    public static Object assemble(ZarrGroupWriter w, String name) {
        ArrayMeta meta = w.readArrayMeta(name);
        long[] shape = meta.shape();
        int[] chunks = meta.chunks();
        int rank = shape.length;
        int total = 1;
        for (long s : shape) total *= (int) s;
        Object whole = meta.dtype().newArray(total);
        if (rank == 0) {
            System.arraycopy(w.readChunk(name, new long[0]), 0, whole, 0, 1);
            return whole;
        }
        int[] pos = new int[rank];
        for (int k = 0; k < total; k++) {
            long[] idx = new long[rank];
            int within = 0;
            for (int d = 0; d < rank; d++) {
                idx[d] = pos[d] / chunks[d];
                within = within * chunks[d] + pos[d] % chunks[d];
            }
            Object chunk = w.readChunk(name, idx);
            System.arraycopy(chunk, within, whole, k, 1);
            for (int d = rank - 1; d >= 0; d--) {
                if (++pos[d] < shape[d]) break;
                pos[d] = 0;
            }
        }
        return whole;
    }

    /** Writes a whole array chunk by chunk, from fill-value buffers. */
    public static void writeAll(ZarrGroupWriter w, String name, Object whole) {
        writeAll(w, name, whole, false);
    }

    /**
     * Writes a whole array chunk by chunk; with {@code garbagePadding} the buffers' padding holds
     * random values, so only the writer's own padding can make it the fill value.
     */
    public static void writeAll(ZarrGroupWriter w, String name, Object whole, boolean garbagePadding) {
        ArrayMeta meta = w.readArrayMeta(name);
        long[] grid = meta.chunkGrid();
        long[] idx = new long[grid.length];
        long count = 1;
        for (long g : grid) count *= g;
        for (long c = 0; c < count; c++) {
            long rest = c;
            for (int d = grid.length - 1; d >= 0; d--) {
                idx[d] = rest % grid[d];
                rest /= grid[d];
            }
            Object buffer = garbagePadding ? values(meta.dtype(), meta.chunkElements(), c + 12345, null) : meta.newChunk();
            w.writeChunk(name, idx.clone(), cut(meta, whole, idx, buffer));
        }
    }

    public static boolean sameArray(Object a, Object b) {
        if (a instanceof byte[] x) return Arrays.equals(x, (byte[]) b);
        if (a instanceof short[] x) return Arrays.equals(x, (short[]) b);
        if (a instanceof int[] x) return Arrays.equals(x, (int[]) b);
        if (a instanceof long[] x) return Arrays.equals(x, (long[]) b);
        if (a instanceof float[] x) return Arrays.equals(x, (float[]) b);
        if (a instanceof String[] x) return Arrays.equals(x, (String[]) b);
        return Arrays.equals((double[]) a, (double[]) b);
    }

    public static String toString(Object a) {
        if (a instanceof byte[] x) return Arrays.toString(x);
        if (a instanceof short[] x) return Arrays.toString(x);
        if (a instanceof int[] x) return Arrays.toString(x);
        if (a instanceof long[] x) return Arrays.toString(x);
        if (a instanceof float[] x) return Arrays.toString(x);
        if (a instanceof String[] x) return Arrays.toString(x);
        return Arrays.toString((double[]) a);
    }
}
