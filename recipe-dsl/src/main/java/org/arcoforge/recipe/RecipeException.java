package org.arcoforge.recipe;

/** A recipe that cannot be used; the message names the file, line and field where known. */
public class RecipeException extends RuntimeException {
    public RecipeException(String message) {
        super(message);
    }

    public RecipeException(String message, Throwable cause) {
        super(message, cause);
    }
}
