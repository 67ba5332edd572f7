package org.arcoforge.plan;

/** Inputs that cannot be combined; the message names the file and variable. */
public class PlanException extends RuntimeException {
    public PlanException(String message) {
        super(message);
    }
}
