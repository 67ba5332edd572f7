package org.arcoforge.stage;

import org.arcoforge.recipe.Preprocessor;
import org.arcoforge.recipe.Recipe;
import org.arcoforge.recipe.data.Dataset;

/**
 * The recipe's preprocessors over what was read from one input (its metadata, its coordinates, or
 * a piece of its data): the one place they run, so that the metadata stage and both store paths
 * see an input alike.
 */
public final class Preprocess {
    private Preprocess() {
    }

    /** Runs the recipe's preprocessors in order over {@code dataset}, in place; returns it. */
    public static Dataset apply(Recipe recipe, Dataset dataset) {
        for (Preprocessor p : recipe.preprocessors()) {
            p.apply(dataset);
        }
        return dataset;
    }
}
