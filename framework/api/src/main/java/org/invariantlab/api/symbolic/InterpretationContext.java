package org.invariantlab.api.symbolic;

import java.util.List;
import java.util.Objects;
import org.invariantlab.api.system.Feature;
import org.invariantlab.api.system.StateSpace;

/**
 * What an interpreter may use besides the function: the variables, the system's extra candidate features,
 * and states at which to evaluate (typically held-out data, so the fit covers where the data live).
 *
 * @param stateSpace variables, in order
 * @param features   extra candidate features declared by the system
 * @param states     {@code n·d} states, row-major
 */
public record InterpretationContext(StateSpace stateSpace, List<Feature> features, double[] states) {

    public InterpretationContext {
        Objects.requireNonNull(stateSpace, "stateSpace");
        features = List.copyOf(Objects.requireNonNull(features, "features"));
        Objects.requireNonNull(states, "states");
        if (states.length == 0 || states.length % stateSpace.dimension() != 0) {
            throw new IllegalArgumentException("need a positive multiple of " + stateSpace.dimension() + " state values");
        }
        states = states.clone();
    }

    @Override
    public double[] states() {
        return states.clone();
    }

    /** Number of states. */
    public int size() {
        return states.length / stateSpace.dimension();
    }
}
