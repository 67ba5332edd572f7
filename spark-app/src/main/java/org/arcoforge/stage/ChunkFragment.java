package org.arcoforge.stage;

import java.io.Serializable;

/**
 * A piece of one output chunk on its way through the shuffle: {@code data} (C order, shape
 * {@code count}, already in the target dtype and time units) goes to {@code destStart} in the chunk.
 */
public record ChunkFragment(long chunkId, int[] destStart, int[] count, Object data) implements Serializable {
}
