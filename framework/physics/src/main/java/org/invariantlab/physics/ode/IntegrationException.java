package org.invariantlab.physics.ode;

import org.invariantlab.api.InvariantLabException;

/**
 * A numerical integration that could not be completed: the vector field or the state became non-finite, the step
 * size fell below the integrator's floor, or the evaluation budget ran out. The message is one line that names the
 * time and the state where it happened.
 */
public class IntegrationException extends InvariantLabException {

    private static final long serialVersionUID = 1L;

    public IntegrationException(String message) {
        super(message);
    }
}
