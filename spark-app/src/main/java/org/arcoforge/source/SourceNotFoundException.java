package org.arcoforge.source;

/** The input does not exist at its location (HTTP 404/410, FTP 550, no such file). */
public class SourceNotFoundException extends InputException {
    public SourceNotFoundException(String location, String message, Throwable cause) {
        super(location, message, cause);
    }
}
