package org.arcoforge.plan;

import java.io.Serializable;
import java.util.Arrays;

/**
 * A variable written through the shuffle: its chunks are numbered {@code firstChunkId + } the C-order
 * index in its chunk grid; the number is the shuffle key. A class rather than a record so that the grid,
 * needed for every cut on the map side and every chunk on the reduce side, is computed once.
 */
public final class ShuffleVariable implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String name;
    private final long firstChunkId;
    private final long[] shape;
    private final int[] chunks;
    private final int concatAxis;
    private final long[] grid;
    private final long chunkCount;

    public ShuffleVariable(String name, long firstChunkId, long[] shape, int[] chunks, int concatAxis) {
        this.name = name;
        this.firstChunkId = firstChunkId;
        this.shape = shape;
        this.chunks = chunks;
        this.concatAxis = concatAxis;
        this.grid = ChunkGrid.of(shape, chunks);
        this.chunkCount = ChunkGrid.count(grid);
    }

    public String name() {
        return name;
    }

    public long firstChunkId() {
        return firstChunkId;
    }

    public long[] shape() {
        return shape;
    }

    public int[] chunks() {
        return chunks;
    }

    public int concatAxis() {
        return concatAxis;
    }

    public long chunkCount() {
        return chunkCount;
    }

    public long chunkId(long[] index) {
        long id = 0;
        for (int a = 0; a < grid.length; a++) {
            id = id * grid[a] + index[a];
        }
        return firstChunkId + id;
    }

    public long[] chunkIndex(long chunkId) {
        long[] idx = new long[grid.length];
        long rest = chunkId - firstChunkId;
        for (int a = grid.length - 1; a >= 0; a--) {
            idx[a] = rest % grid[a];
            rest /= grid[a];
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

    @Override
    public String toString() {
        return "ShuffleVariable[" + name + ", first chunk " + firstChunkId + ", shape " + Arrays.toString(shape)
                + ", chunks " + Arrays.toString(chunks) + "]";
    }
}
