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

    /** Concatenation along {@code name}, one input per key; lengths are read from the inputs. */
    public static ConcatDim of(String name, List<?> keys) {
        return new ConcatDim(name, List.copyOf(keys), null);
    }

    /** Concatenation along {@code name} where every input holds {@code itemsPerFile} steps. */
    public static ConcatDim of(String name, List<?> keys, int itemsPerFile) {
        return new ConcatDim(name, List.copyOf(keys), itemsPerFile);
    }
}
