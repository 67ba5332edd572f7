package org.arcoforge.source;

/** An input file cannot be read as asked; the message always names the file. */
public class InputException extends RuntimeException {
    private final String location;
    private final String reason;

    public InputException(String location, String message) {
        this(location, message, null);
    }

    public InputException(String location, String message, Throwable cause) {
        super(location + ": " + message, cause);
        this.location = location;
        this.reason = String.valueOf(message); // as in getMessage(): never null
    }

    public String location() { return location; }

    /** What went wrong, without the location: for messages that name the input themselves. */
    public String reason() { return reason; }
}
