package org.arcoforge.recipe;

import java.io.Serializable;
import java.util.List;

/** A dimension of a {@link FilePattern}: its keys fill a placeholder of the URL template. */
public sealed interface CombineDim extends Serializable permits ConcatDim, MergeDim {
    String name();

    List<Object> keys();
}
