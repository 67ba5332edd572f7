package org.arcoforge.recipe;

import java.util.List;

/** Inputs whose variables are merged: one input per key, each holding some of the variables. */
public record MergeDim(String name, List<Object> keys) implements CombineDim {
    public MergeDim {
        keys = List.copyOf(keys);
    }

    public static MergeDim of(String name, List<?> keys) {
        return new MergeDim(name, List.copyOf(keys));
    }
}
