package org.arcoforge.plan;

import java.util.Map;
import org.arcoforge.recipe.data.DType;
import org.arcoforge.recipe.data.FragmentVariable;

/** A target variable while it is being planned. */
final class Var {
    final String name;
    final FragmentVariable first;
    final int mergeIndex;
    final int concatAxis;
    /** Per concat position; null while every input is identity. */
    ValueTransform[] transforms;
    DType dtype;
    long[] shape;
    int[] chunks;
    Object precomputed;
    /** The target's attributes and fill value when the recipe's encoding sets them; else the first input's. */
    Map<String, Object> attrs;
    Number fill;

    Var(FragmentVariable first, int mergeIndex, String concatDim) {
        this.name = first.name();
        this.first = first;
        this.mergeIndex = mergeIndex;
        this.concatAxis = concatDim == null ? -1 : first.dims().indexOf(concatDim);
        this.dtype = first.dtype();
    }

    boolean alongConcat() {
        return concatAxis >= 0;
    }

    boolean isDimensionCoordinate() {
        return first.dims().size() == 1 && first.dims().get(0).equals(name);
    }

    ValueTransform transform(int position) {
        return transforms == null ? ValueTransform.IDENTITY : transforms[position];
    }
}
