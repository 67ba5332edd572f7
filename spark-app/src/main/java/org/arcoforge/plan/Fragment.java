package org.arcoforge.plan;

import java.io.Serializable;

/**
 * One input's contribution to one output chunk: the box {@code sourceStart + [0, count)} of the
 * input's variable goes to {@code destStart + [0, count)} inside the chunk, after {@code transform}.
 *
 * @param inputIndex {@link org.arcoforge.recipe.InputFile#index()}
 */
public record Fragment(int inputIndex, long[] sourceStart, int[] count, int[] destStart, ValueTransform transform)
        implements Serializable {
}
