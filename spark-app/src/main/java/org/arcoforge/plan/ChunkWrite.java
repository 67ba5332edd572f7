package org.arcoforge.plan;

import java.io.Serializable;
import java.util.List;

/**
 * One whole output chunk of one variable and the pieces that fill it. Every element of the chunk
 * that lies inside the array is covered by exactly one piece; edge chunks are padded with the
 * fill value.
 */
public record ChunkWrite(String variable, long[] chunkIndex, List<Piece> pieces) implements Serializable {
    public ChunkWrite {
        pieces = List.copyOf(pieces);
    }
}
