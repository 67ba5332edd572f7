package org.arcoforge.io;

/** An input file cannot be read as asked; the message always names the file. */
public class InputException extends RuntimeException {
    private final String location;

    public InputException(String location, String message) {
        this(location, message, null);
    }

    public InputException(String location, String message, Throwable cause) {
        super(location + ": " + message, cause);
        this.location = location;
    }

    public String location() { return location; }
}
