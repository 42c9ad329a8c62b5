package org.invariantlab.physics.dynamics;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import org.invariantlab.api.system.Feature;
import org.invariantlab.api.system.TrueInvariant;
import org.invariantlab.api.system.VectorField;

/**
 * What a {@link DynamicalSystem} is once its parameters are bound: the vector field {@code h} of
 * {@code dx/dt = h(x)}, the quantities it conserves, and where initial states come from.
 *
 * @param field         the vector field {@code h}
 * @param invariants    the true invariants, each conserved: {@code ∇I·h = 0}; at least one
 * @param ranges        one {@link Range} per state variable, in state-space order: initial states are uniform in
 *                      their product
 * @param extraFeatures extra candidate features for the interpreters (see
 *                      {@link org.invariantlab.api.system.SystemModel#extraFeatures()})
 * @param admissible    which drawn initial states to keep (for example positive populations, or an energy
 *                      window); the others are drawn again
 */
public record Dynamics(VectorField field, List<TrueInvariant> invariants, List<Range> ranges,
                       List<Feature> extraFeatures, Predicate<double[]> admissible) {

    public Dynamics {
        Objects.requireNonNull(field, "field");
        invariants = List.copyOf(invariants);
        ranges = List.copyOf(ranges);
        extraFeatures = List.copyOf(extraFeatures);
        Objects.requireNonNull(admissible, "admissible");
        if (invariants.isEmpty()) {
            throw new IllegalArgumentException("a dynamical system needs at least one true invariant");
        }
    }

    /** Dynamics without extra features that accept every initial state in the ranges. */
    public static Dynamics of(VectorField field, List<TrueInvariant> invariants, Range... ranges) {
        return new Dynamics(field, invariants, Arrays.asList(ranges), List.of(), x -> true);
    }

    /** The same dynamics with these extra features. */
    public Dynamics withFeatures(Feature... features) {
        return new Dynamics(field, invariants, ranges, List.of(features), admissible);
    }

    /** The same dynamics keeping only initial states that pass {@code test}. */
    public Dynamics admitting(Predicate<double[]> test) {
        return new Dynamics(field, invariants, ranges, extraFeatures, test);
    }
}
