package org.arcoforge.plan;

import java.io.Serializable;
import java.util.List;

/**
 * Map side of the shuffle: pieces of one input, read together, preprocessed, then cut into
 * fragments keyed by output chunk ({@link ShuffleFragment}).
 *
 * @param inputIndex    {@link org.arcoforge.recipe.InputFile#index()}
 * @param concatOffset  where the input starts along the concat dimension
 * @param estimatedPeak bytes this task holds at most: its pieces plus one fragment
 */
public record ReadTask(int inputIndex, long concatOffset, List<Piece> pieces, long estimatedPeak) implements Serializable {
    public ReadTask {
        pieces = List.copyOf(pieces);
    }

    /** The box {@code start + [0, count)} of one variable, in the input's index space, and its time re-encoding. */
    public record Piece(String variable, long[] start, int[] count, ValueTransform transform) implements Serializable {
        public long elements() {
            long n = 1;
            for (int c : count) {
                n *= c;
            }
            return n;
        }
    }
}
