package org.arcoforge.plan;

/** The chunk grid of an array: how many chunks lie along each dimension, edge chunks included. */
public final class ChunkGrid {
    private ChunkGrid() {
    }

    /** Chunks of size {@code chunk} that cover {@code length} elements. */
    public static long along(long length, int chunk) {
        return (length + chunk - 1) / chunk;
    }

    /** Chunks along each dimension. */
    public static long[] of(long[] shape, int[] chunks) {
        long[] g = new long[shape.length];
        for (int a = 0; a < g.length; a++) {
            g[a] = along(shape[a], chunks[a]);
        }
        return g;
    }

    /** Chunks in the whole grid. */
    public static long count(long[] grid) {
        long n = 1;
        for (long g : grid) {
            n = Math.multiplyExact(n, g);
        }
        return n;
    }
}
