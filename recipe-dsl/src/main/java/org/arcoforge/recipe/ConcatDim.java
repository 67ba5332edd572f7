package org.arcoforge.recipe;

import java.util.List;

/**
 * Inputs laid end to end along dimension {@code name}, one input per key.
 *
 * @param itemsPerFile length of {@code name} in every input, or null to read it from each input
 */
public record ConcatDim(String name, List<Object> keys, Integer itemsPerFile) implements CombineDim {
    public ConcatDim {
        keys = List.copyOf(keys);
    }
}
