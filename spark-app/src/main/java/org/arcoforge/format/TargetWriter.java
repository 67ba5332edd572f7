package org.arcoforge.format;

import java.io.Serializable;
import java.util.Map;
import org.arcoforge.plan.TargetVariable;

/**
 * Writes one store of a {@link TargetFormat}: group metadata, arrays, chunks, and the marker of a
 * complete store. Serializable, so that Spark tasks write chunks with it.
 */
public interface TargetWriter extends Serializable {

    /** The root group's attributes, empty when there is no group yet. */
    Map<String, Object> groupAttributes();

    /** Writes the root group's metadata and attributes. */
    void writeGroup(Map<String, Object> attributes);

    /** Writes the array's metadata exactly as the plan gives it. */
    void createArray(TargetVariable v);

    /** Whether chunks of {@code v} may be handed to {@link #writeChunk} as byte planes. */
    boolean takesBytePlanes(TargetVariable v);

    /** Encodes and stores one chunk; returns the bytes stored. */
    long writeChunk(TargetVariable v, long[] chunkIndex, Object data);

    /** The store key of a chunk. */
    String chunkKey(TargetVariable v, long[] chunkIndex);

    /** Removes the marker of a complete store, before its contents change. */
    void unmarkComplete();

    /** Marks the store complete (every chunk is written): readers may open it from now on. */
    void markComplete();
}
