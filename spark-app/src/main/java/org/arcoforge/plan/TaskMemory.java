package org.arcoforge.plan;

/**
 * The one model of what a store task holds at its peak, used by the planner to size tasks and to
 * choose between direct and shuffle writes, and by the store stage, which reads and buffers the
 * way it says (see {@code stage.DirectWriter} and {@code stage.PieceReads}; {@code TaskMemoryTest} measures a real task against it).
 * A task holds:
 * <ul>
 * <li>its chunk buffers: one whole uncompressed chunk for every chunk it writes, until written;</li>
 * <li>one read: the values of one input it has read and not yet copied into its chunks. Where a
 *     task's fragments of one input tile a box (a step of chunks along the concat dimension, or all of
 *     a variable) that is what they need; otherwise the stage reads one bounding box only when it is
 *     at most {@link #READ_SLACK} times what the fragments need, and one piece per fragment when not;</li>
 * <li>one encoded chunk, while it is written.</li>
 * </ul>
 * The three are summed, though the read is freed before the chunks are encoded: so an encoded chunk
 * may exceed its raw bytes by what a codec adds to incompressible data (zstd: 1/256, plus a frame
 * of at most {@link #ENCODED_FRAME} bytes) and still fit, except for chunks of a few bytes, where the
 * frame alone is larger than the data. Map tasks of the shuffle hold their pieces and one fragment;
 * reduce tasks one chunk buffer, one fragment and one encoded chunk.
 */
public final class TaskMemory {
    /** Bytes a codec adds to a chunk of a few bytes beyond the model (zstd's compressBound for small input). */
    public static final int ENCODED_FRAME = 64;
    /** The store stage reads a bounding box holding at most this many times the values its fragments need. */
    public static final int READ_SLACK = 2;

    private TaskMemory() {
    }

    /** The peak of a task: its chunk buffers, its largest read, its largest encoded chunk (bytes). */
    public static long peak(long buffers, long read, long encoded) {
        return buffers + read + encoded;
    }

    /** Whether the store stage reads a box of {@code boxElements} at once for pieces that need {@code neededElements}. */
    public static boolean readsWholeBox(long boxElements, long neededElements) {
        return boxElements <= READ_SLACK * neededElements;
    }

    /**
     * A direct task writing whole steps of chunks along the concat dimension ({@code rows} bytes of
     * chunks): the fragments of each input tile their box, so a read is at most the buffers.
     */
    public static long rows(long rows, long largestChunk) {
        return peak(rows, rows, largestChunk);
    }

    /**
     * A direct task writing {@code n} chunks of {@code chunkBytes} each of a variable read from one
     * input: one chunk is one fragment; several need not tile their bounding box.
     */
    public static long chunks(long n, long chunkBytes) {
        return peak(chunkBytes * n, n == 1 ? chunkBytes : READ_SLACK * chunkBytes * n, chunkBytes);
    }

    /** How many chunks of {@code chunkBytes} one such task may write within {@code budget} (at least 1). */
    public static int chunksPerTask(long budget, long chunkBytes) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (budget - chunkBytes) / ((1 + READ_SLACK) * chunkBytes)));
    }

    /** All {@code n} chunks of a variable in one task, reading the variable whole (its fragments tile it). */
    public static long wholeVariable(long n, long chunkBytes) {
        return peak(n * chunkBytes, n * chunkBytes, chunkBytes);
    }

    /** The least any task needs to write one chunk: its buffer, its values read, its encoding. */
    public static long oneChunk(long chunkBytes) {
        return peak(chunkBytes, chunkBytes, chunkBytes);
    }

    /** A reduce task of the shuffle: one chunk buffer, one fragment of it, one encoded chunk. */
    public static long reduce(long largestChunk) {
        return oneChunk(largestChunk);
    }

    /** A map task of the shuffle: its pieces, read together, and the one fragment it cuts at a time. */
    public static long map(long pieceBytes, long largestFragment) {
        return pieceBytes + largestFragment;
    }

    /** The most a map task reads at once: half the budget, the other half for Spark's shuffle buffers. */
    public static long pieceLimit(long budget) {
        return budget / 2;
    }
}
