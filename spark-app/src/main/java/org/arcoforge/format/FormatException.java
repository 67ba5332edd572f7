package org.arcoforge.format;

/** A target that a format cannot write into as asked, worded for the person running the recipe. */
public class FormatException extends RuntimeException {
    public FormatException(String message) {
        super(message);
    }

    public FormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
