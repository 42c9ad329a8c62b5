package org.invariantlab.api.param;

import org.invariantlab.api.InvalidInputException;

/**
 * A parameter value that is unknown, malformed or out of range; the message names the parameter. A usage error
 * ({@link InvalidInputException}).
 */
public class InvalidParameterException extends InvalidInputException {

    private static final long serialVersionUID = 1L;

    private final String parameter;

    public InvalidParameterException(String parameter, String message) {
        super(message);
        this.parameter = parameter;
    }

    /** Name of the offending parameter. */
    public String parameter() {
        return parameter;
    }
}
