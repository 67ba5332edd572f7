package org.arcoforge.stage;

import org.arcoforge.recipe.Preprocessor;
import org.arcoforge.recipe.Recipe;
import org.arcoforge.recipe.data.Fragment;

/**
 * The recipe's preprocessors over what was read from one input (its metadata, its coordinates, or
 * a piece of its data): the one place they run, so that the metadata stage and both store paths
 * see an input alike.
 */
public final class Preprocess {
    private Preprocess() {
    }

    /** Runs the recipe's preprocessors in order over {@code fragment}, in place; returns it. */
    public static Fragment apply(Recipe recipe, Fragment fragment) {
        for (Preprocessor p : recipe.preprocessors()) {
            p.apply(fragment);
        }
        return fragment;
    }
}
