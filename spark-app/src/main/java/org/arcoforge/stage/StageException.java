package org.arcoforge.stage;

/** A failure of a pipeline stage, worded for the person who wrote the recipe. */
public class StageException extends RuntimeException {
    public StageException(String message) {
        super(message);
    }

    public StageException(String message, Throwable cause) {
        super(message, cause);
    }
}
