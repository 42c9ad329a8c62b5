package org.invariantlab.api.count;

import java.util.List;
import java.util.Objects;
import org.invariantlab.api.system.Feature;
import org.invariantlab.api.system.StateSpace;

/**
 * What a {@link CountingMethod} counts from.
 *
 * @param space          the variables and, when known, their canonical (q, p) layout
 * @param states         {@code n × d} states, row after row
 * @param trajectory     the trajectory (group) each state belongs to, {@code n} indices from 0: states of one
 *                       trajectory share every conserved quantity
 * @param directions     the unit direction of motion {@code ĥ = h/|h|} at each state, {@code n × d}, row after row;
 *                       empty when the data have no time stamps (unordered snapshots of each trajectory), for methods
 *                       that do not {@link CountingMethod#needsDirections() need directions}
 * @param directionNoise the root-mean-square error {@code σ = sqrt(E|ĥ_measured − ĥ|²)} of the directions as the
 *                       host estimates it: 0 when they come from a vector field (round-off only), from the
 *                       trajectories themselves for measured data (the host's finite differences); a rank rule
 *                       should put its threshold no lower than what this noise gives a conserved quantity
 * @param features       candidate functions beside the monomials of the state, declared by the system or the user
 *                       (e.g. {@code 1/r}); values only
 * @param seed           a seed, for methods that draw at random
 */
public record CountingProblem(StateSpace space, double[] states, int[] trajectory, double[] directions,
                              double directionNoise, List<Feature> features, long seed) {

    public CountingProblem {
        Objects.requireNonNull(space, "space");
        Objects.requireNonNull(states, "states");
        Objects.requireNonNull(trajectory, "trajectory");
        Objects.requireNonNull(directions, "directions");
        features = List.copyOf(Objects.requireNonNull(features, "features"));
        int d = space.dimension();
        if (states.length == 0 || states.length % d != 0
                || (directions.length != states.length && directions.length != 0)) {
            throw new IllegalArgumentException("states must be n × " + d + " with n ≥ 1, and directions the same or "
                    + "empty");
        }
        if (trajectory.length != states.length / d) {
            throw new IllegalArgumentException("one trajectory index per state: " + trajectory.length + " for "
                    + states.length / d + " states");
        }
        trajectory = trajectory.clone();
        if (!(directionNoise >= 0) || !Double.isFinite(directionNoise)) {
            throw new IllegalArgumentException("directionNoise must be a finite non-negative number");
        }
        states = states.clone();
        directions = directions.clone();
    }

    /** The number of states {@code n}. */
    public int size() {
        return states.length / space.dimension();
    }

    /** State {@code i}, a new array. */
    public double[] state(int i) {
        int d = space.dimension();
        return java.util.Arrays.copyOfRange(states, i * d, (i + 1) * d);
    }

    /** Whether the states come with their directions of motion. */
    public boolean hasDirections() {
        return directions.length > 0;
    }

    /** The number of trajectories (the largest index plus one). */
    public int trajectories() {
        int most = -1;
        for (int t : trajectory) {
            most = Math.max(most, t);
        }
        return most + 1;
    }

    @Override
    public int[] trajectory() {
        return trajectory.clone();
    }

    /** The unit direction at state {@code i}, a new array. */
    public double[] direction(int i) {
        int d = space.dimension();
        return java.util.Arrays.copyOfRange(directions, i * d, (i + 1) * d);
    }

    @Override
    public double[] states() {
        return states.clone();
    }

    @Override
    public double[] directions() {
        return directions.clone();
    }
}
