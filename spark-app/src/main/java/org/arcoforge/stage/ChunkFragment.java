package org.arcoforge.stage;

import java.io.Serializable;

/**
 * A fragment of one target chunk on its way through the shuffle (what {@link ShuffleMap} emits):
 * {@code data} (C order, shape {@code count}, already in the target dtype and time units) goes to
 * {@code destStart} in the chunk. Spark's Java serializer writes {@code data}, a primitive array,
 * as its raw bytes.
 */
public record ChunkFragment(long chunkId, int[] destStart, int[] count, Object data) implements Serializable {
}
