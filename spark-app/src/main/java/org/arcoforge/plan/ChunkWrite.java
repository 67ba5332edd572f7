package org.arcoforge.plan;

import java.io.Serializable;
import java.util.List;

/**
 * One whole output chunk of one variable and the fragments that fill it. Every element of the chunk
 * that lies inside the array is covered by exactly one fragment; edge chunks are padded with the
 * fill value.
 */
public record ChunkWrite(String variable, long[] chunkIndex, List<Fragment> fragments) implements Serializable {
    public ChunkWrite {
        fragments = List.copyOf(fragments);
    }
}
