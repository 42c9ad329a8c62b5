package org.invariantlab.physics.dynamics;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import org.invariantlab.api.system.ConservedCounts;
import org.invariantlab.api.system.Feature;
import org.invariantlab.api.system.TrueInvariant;
import org.invariantlab.api.system.VectorField;

/**
 * What a {@link DynamicalSystem} is once its parameters are bound: the vector field {@code h} of
 * {@code dx/dt = h(x)}, the quantities it conserves, and where initial states come from.
 *
 * @param field         the vector field {@code h}
 * @param invariants    the true invariants, each conserved: {@code ∇I·h = 0}; at least one, except for a negative
 *                      control (declared counts of 0)
 * @param ranges        one {@link Range} per state variable, in state-space order: initial states are uniform in
 *                      their product
 * @param extraFeatures extra candidate features for the interpreters (see
 *                      {@link org.invariantlab.api.system.SystemModel#extraFeatures()})
 * @param admissible    which drawn initial states to keep (for example positive populations, or an energy
 *                      window); the others are drawn again
 * @param counts        the declared numbers of conserved quantities, independent and in involution, if known
 * @param fieldExpressions {@code h} as formulas, one Symja expression per state variable, or empty when not given
 *                      (see {@link org.invariantlab.api.system.SystemModel#vectorFieldExpressions()})
 */
public record Dynamics(VectorField field, List<TrueInvariant> invariants, List<Range> ranges,
                       List<Feature> extraFeatures, Predicate<double[]> admissible, Optional<ConservedCounts> counts,
                       List<String> fieldExpressions) {

    public Dynamics {
        Objects.requireNonNull(field, "field");
        invariants = List.copyOf(invariants);
        ranges = List.copyOf(ranges);
        extraFeatures = List.copyOf(extraFeatures);
        Objects.requireNonNull(admissible, "admissible");
        Objects.requireNonNull(counts, "counts");
        fieldExpressions = List.copyOf(fieldExpressions);
        if (!fieldExpressions.isEmpty() && fieldExpressions.size() != ranges.size()) {
            throw new IllegalArgumentException("the vector field has " + fieldExpressions.size() + " formulas for "
                    + ranges.size() + " state variables");
        }
        boolean negativeControl = counts.isPresent() && counts.get().independent().orElse(-1) == 0;
        if (invariants.isEmpty() && !negativeControl) {
            throw new IllegalArgumentException("a dynamical system needs at least one true invariant (or declared "
                    + "counts of 0, for a negative control)");
        }
        if (!invariants.isEmpty() && negativeControl) {
            throw new IllegalArgumentException("a system declared without conserved quantities lists invariants");
        }
    }

    /** The fields without the field's formulas (the form before 0.2.0). */
    public Dynamics(VectorField field, List<TrueInvariant> invariants, List<Range> ranges, List<Feature> extraFeatures,
                    Predicate<double[]> admissible, Optional<ConservedCounts> counts) {
        this(field, invariants, ranges, extraFeatures, admissible, counts, List.of());
    }

    /** The fields without declared counts (the form before counts existed). */
    public Dynamics(VectorField field, List<TrueInvariant> invariants, List<Range> ranges, List<Feature> extraFeatures,
                    Predicate<double[]> admissible) {
        this(field, invariants, ranges, extraFeatures, admissible, Optional.empty());
    }

    /** Dynamics without extra features that accept every initial state in the ranges. */
    public static Dynamics of(VectorField field, List<TrueInvariant> invariants, Range... ranges) {
        return new Dynamics(field, invariants, Arrays.asList(ranges), List.of(), x -> true, Optional.empty(), List.of());
    }

    /**
     * A negative control: a vector field that conserves nothing (declared counts 0 and 0, no invariants), e.g. a
     * damped oscillator, on which a counting method must find nothing.
     */
    public static Dynamics negativeControl(VectorField field, Range... ranges) {
        return new Dynamics(field, List.of(), Arrays.asList(ranges), List.of(), x -> true,
                Optional.of(ConservedCounts.of(0, 0)), List.of());
    }

    /**
     * The same dynamics with declared counts of conserved quantities (see {@link ConservedCounts}); with
     * {@code independent = 0} and no invariants it is a negative control.
     */
    public Dynamics withCounts(ConservedCounts declared) {
        return new Dynamics(field, invariants, ranges, extraFeatures, admissible, Optional.of(declared), fieldExpressions);
    }

    /** The same dynamics with these extra features. */
    public Dynamics withFeatures(Feature... features) {
        return new Dynamics(field, invariants, ranges, List.of(features), admissible, counts, fieldExpressions);
    }

    /** The same dynamics keeping only initial states that pass {@code test}. */
    public Dynamics admitting(Predicate<double[]> test) {
        return new Dynamics(field, invariants, ranges, extraFeatures, test, counts, fieldExpressions);
    }

    /**
     * The same dynamics with {@code h} also given as formulas, one per state variable in state order (Symja syntax
     * over the variable names), so that formulas can be proven conserved.
     */
    public Dynamics withFieldExpressions(List<String> h) {
        return new Dynamics(field, invariants, ranges, extraFeatures, admissible, counts, h);
    }
}
