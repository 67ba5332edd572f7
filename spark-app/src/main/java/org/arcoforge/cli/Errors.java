package org.arcoforge.cli;

import org.arcoforge.format.FormatException;
import org.arcoforge.source.InputException;
import org.arcoforge.plan.PlanException;
import org.arcoforge.recipe.RecipeException;
import org.arcoforge.stage.StageException;
import org.arcoforge.store.StoreException;

/**
 * Turns a failure into one message for the person who wrote the recipe: our own exceptions carry
 * such a message (whether thrown on the driver or inside a Spark task); anything else is described
 * by its innermost cause.
 */
final class Errors {
    private Errors() {
    }

    static String describe(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof RecipeException || c instanceof PlanException || c instanceof StageException
                    || c instanceof InputException || c instanceof StoreException || c instanceof FormatException) {
                return c.getMessage();
            }
        }
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String msg = root.getMessage();
        return (msg == null ? root.getClass().getSimpleName() : msg)
                + " (" + root.getClass().getName() + "; run with --debug for the stack trace)";
    }
}
