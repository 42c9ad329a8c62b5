package org.invariantlab.physics.dynamics;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.invariantlab.api.DescribedExtension;
import org.invariantlab.api.param.Bound;
import org.invariantlab.api.param.ParameterSpec;
import org.invariantlab.api.param.Parameters;
import org.invariantlab.api.system.CanonicalLayout;
import org.invariantlab.api.system.PhysicalSystem;
import org.invariantlab.api.system.ScalarField;
import org.invariantlab.api.system.StateSpace;
import org.invariantlab.api.system.SystemModel;
import org.invariantlab.api.system.TrueInvariant;

/**
 * Base of a {@link PhysicalSystem} given by an autonomous ordinary differential equation {@code dx/dt = h(x)} and
 * its conserved quantities: a subclass declares its state space and parameters and, in {@link #dynamics(Parameters)},
 * returns the vector field, the invariants and the ranges of initial states. Everything else (the {@value #T_MAX}
 * parameter, validation, sampling along trajectories, the conservation check) is done here, so a new system fits in
 * a few dozen lines.
 *
 * <p>A group is <b>one trajectory</b>: an initial state {@code x₀} drawn uniformly from the ranges (redrawn until
 * {@link Dynamics#admissible()} accepts it), integrated by {@link org.invariantlab.physics.ode.OdeIntegrator}, and
 * {@code perGroup} states {@code x(t_k)} taken at times {@code t_k} uniform in {@code [0, t_max)}. Every conserved
 * quantity {@code I} (with {@code ∇I·h = 0}, hence {@code dI/dt = 0}) has the same value on all of them, which is
 * what a group means (Wetzel et al. 2020); see {@link TrajectoryModel} for the details and the conservation check.
 *
 * <p>The {@value #T_MAX} parameter ({@code t_max > 0}, default chosen by the subclass, typically one or two periods
 * of the slowest motion) sets how far apart the states of a group are along their orbit.
 *
 * <p>A subclass is a concrete PF4J extension with a public no-argument constructor:
 * <pre>{@code
 * @Extension
 * public final class Decay extends DynamicalSystem {
 *     public Decay() {
 *         super("decay-ratio", "Two decays with equal rates; invariant x/y", StateSpace.of("x", "y"), 1.0,
 *               ParameterSpec.realIn("k", 1, Bound.above(0), null, "decay rate"));
 *     }
 *     protected Dynamics dynamics(Parameters p) {
 *         double k = p.getDouble("k");
 *         return Dynamics.of(x -> new double[] {-k * x[0], -k * x[1]},
 *                 List.of(invariant("q", "x/y", "ratio", x -> x[0] / x[1], x -> new double[] {1 / x[1], -x[0] / (x[1] * x[1])})),
 *                 Range.of(1, 2), Range.of(1, 2));
 *     }
 * }
 * }</pre>
 *
 * <p>Reference: S. J. Wetzel, R. G. Melko, J. Scott, M. Panju, V. Ganesh, "Discovering symmetry invariants and
 * conserved quantities by interpreting siamese neural networks", Phys. Rev. Research 2, 033499 (2020), §III (states
 * along one trajectory share its conserved quantities); V. I. Arnold, <i>Ordinary Differential Equations</i>
 * (Springer, 1992), §1.6 (first integrals).
 */
public abstract class DynamicalSystem extends DescribedExtension implements PhysicalSystem {

    /** Parameter: the time span {@code t_max} over which the states of a group are taken. */
    public static final String T_MAX = PhysicalSystem.TIME_SPAN;

    private final StateSpace stateSpace;

    /**
     * @param id           the extension id
     * @param description  one line for listings
     * @param stateSpace   the state variables
     * @param defaultTMax  default of {@value #T_MAX}, positive
     * @param parameters   the system's own parameters; {@value #T_MAX} is declared after them
     */
    protected DynamicalSystem(String id, String description, StateSpace stateSpace, double defaultTMax,
                              ParameterSpec... parameters) {
        super(id, description, withTMax(defaultTMax, parameters));
        this.stateSpace = Objects.requireNonNull(stateSpace, "stateSpace");
    }

    private static List<ParameterSpec> withTMax(double defaultTMax, ParameterSpec... parameters) {
        List<ParameterSpec> all = new ArrayList<>(List.of(parameters));
        all.add(ParameterSpec.realIn(T_MAX, defaultTMax, Bound.above(0), null,
                "time span [0, tMax] from which the states of one trajectory (group) are taken"));
        return all;
    }

    @Override
    public final StateSpace stateSpace() {
        return stateSpace;
    }

    /**
     * Resolves the parameters again against {@link #parameters()} (so hand-built {@link Parameters} are validated
     * too), binds them with {@link #dynamics(Parameters)} and returns the trajectory-sampling model.
     */
    @Override
    public final SystemModel configure(Parameters parameters) {
        Parameters p = Parameters.resolve(id(), parameters(), parameters.asText());
        return new TrajectoryModel(id(), stateSpace, dynamics(p), p.getDouble(T_MAX));
    }

    /**
     * The vector field, invariants and initial ranges for validated parameters. May throw
     * {@link org.invariantlab.api.param.InvalidParameterException} for an inconsistent combination of values.
     */
    protected abstract Dynamics dynamics(Parameters parameters);

    /**
     * The phase space of {@code n} particles on a line: variables {@code q1..qn, p1..pn} with the canonical layout
     * that pairs {@code qi} with {@code pi} (for Poisson brackets); a shorthand for chains and lattices.
     */
    protected static StateSpace positionsAndMomenta(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("need at least one particle, got " + n);
        }
        List<String> names = new ArrayList<>();
        List<Integer> q = new ArrayList<>();
        List<Integer> p = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            q.add(names.size());
            names.add("q" + i);
        }
        for (int i = 1; i <= n; i++) {
            p.add(names.size());
            names.add("p" + i);
        }
        return new StateSpace(names, Optional.of(new CanonicalLayout(q, p)));
    }

    /** A true invariant from its value and analytic gradient: a shorthand for subclasses. */
    protected static TrueInvariant invariant(String name, String expression, String description,
                                             ToDoubleFunction<double[]> value, Function<double[], double[]> gradient) {
        return new TrueInvariant(name, expression, description, ScalarField.of(value, gradient));
    }

    /**
     * A parameter value as a Symja number for an invariant's expression: plain decimal notation without trailing
     * zeros ({@code 0.11}, {@code 4}, {@code 0.0000025}), negative values in parentheses.
     */
    protected static String number(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("not a finite number: " + value);
        }
        String plain = value == 0 ? "0" : BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
        return value < 0 ? "(" + plain + ")" : plain;
    }
}
