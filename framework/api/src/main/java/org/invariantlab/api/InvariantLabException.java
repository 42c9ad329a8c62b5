package org.invariantlab.api;

/**
 * An error caused by input the user can fix (a bad parameter, an unknown id, a broken plugin). Its
 * message names what is wrong and how to fix it; front ends print it without a stack trace.
 */
public class InvariantLabException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public InvariantLabException(String message) {
        super(message);
    }

    public InvariantLabException(String message, Throwable cause) {
        super(message, cause);
    }
}
