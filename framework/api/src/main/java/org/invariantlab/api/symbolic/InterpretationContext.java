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
 * @param groups     how many groups (or trajectories) the states come from; 0 when unknown. An interpreter may take
 *                   a library combination that is constant on every state for a constraint of the data only when
 *                   there are more groups than library terms: with fewer, some combination of conserved quantities is
 *                   constant on all of them by linear algebra alone (since 0.2.0)
 */
public record InterpretationContext(StateSpace stateSpace, List<Feature> features, double[] states, int groups) {

    public InterpretationContext {
        Objects.requireNonNull(stateSpace, "stateSpace");
        features = List.copyOf(Objects.requireNonNull(features, "features"));
        Objects.requireNonNull(states, "states");
        if (states.length == 0 || states.length % stateSpace.dimension() != 0) {
            throw new IllegalArgumentException("need a positive multiple of " + stateSpace.dimension() + " state values");
        }
        states = states.clone();
        if (groups < 0) {
            throw new IllegalArgumentException("groups must be at least 0, got " + groups);
        }
    }

    /** A context whose number of groups is unknown (the 0.1 form of this record). */
    public InterpretationContext(StateSpace stateSpace, List<Feature> features, double[] states) {
        this(stateSpace, features, states, 0);
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
