package org.arcoforge.plan;

import java.io.Serializable;

/**
 * A variable written through the shuffle: its chunks are numbered {@code firstChunkId + } the C-order
 * index in its chunk grid; the number is the shuffle key.
 */
public record ShuffleVariable(String name, long firstChunkId, long[] shape, int[] chunks, int concatAxis)
        implements Serializable {

    public long[] grid() {
        long[] g = new long[shape.length];
        for (int a = 0; a < g.length; a++) {
            g[a] = (shape[a] + chunks[a] - 1) / chunks[a];
        }
        return g;
    }

    public long chunkCount() {
        long n = 1;
        for (long g : grid()) {
            n *= g;
        }
        return n;
    }

    public long chunkId(long[] index) {
        long[] g = grid();
        long id = 0;
        for (int a = 0; a < g.length; a++) {
            id = id * g[a] + index[a];
        }
        return firstChunkId + id;
    }

    public long[] chunkIndex(long chunkId) {
        long[] g = grid();
        long[] idx = new long[g.length];
        long rest = chunkId - firstChunkId;
        for (int a = g.length - 1; a >= 0; a--) {
            idx[a] = rest % g[a];
            rest /= g[a];
        }
        return idx;
    }

    /** Elements of the chunk that lie inside the array (edge chunks are partly padding). */
    public long elementsInside(long[] index) {
        long n = 1;
        for (int a = 0; a < shape.length; a++) {
            n *= Math.min(chunks[a], shape[a] - index[a] * chunks[a]);
        }
        return n;
    }
}
