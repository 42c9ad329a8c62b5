package org.invariantlab.physics.dynamics;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import org.invariantlab.api.InvariantLabException;
import org.invariantlab.api.system.ConservedCounts;
import org.invariantlab.api.system.Feature;
import org.invariantlab.api.system.GroupedData;
import org.invariantlab.api.system.SamplingRequest;
import org.invariantlab.api.system.StateSpace;
import org.invariantlab.api.system.SystemModel;
import org.invariantlab.api.system.TrueInvariant;
import org.invariantlab.api.system.VectorField;
import org.invariantlab.physics.ode.IntegrationException;
import org.invariantlab.physics.ode.OdeIntegrator;

/**
 * The model of a {@link DynamicalSystem}: each group is {@code perGroup} states along one trajectory of
 * {@code dx/dt = h(x)}.
 *
 * <p>Sampling, for a request with seed {@code s}: a {@link SplittableRandom} seeded with {@code s} is split once per
 * group (so a group's draws do not depend on how many initial states earlier groups rejected); from its own
 * generator, group {@code g} draws the initial state {@code x₀} uniformly from the ranges, up to
 * {@value #MAX_INITIAL_DRAWS} times until {@link Dynamics#admissible()} accepts it, then {@code perGroup} times
 * {@code t_k} uniform in {@code [0, t_max)}, and integrates to them with
 * {@link OdeIntegrator#statesAt}. The same request therefore gives bit-identical data.
 *
 * <p><b>Conservation check.</b> For every true invariant {@code I} the values at {@code x₀} and at the sampled states
 * must agree: the spread {@code (max I − min I) / max(1, max |I|)} (absolute below magnitude one, relative above,
 * the same scale as the test kit's contract) may not exceed {@link #CONSERVATION_TOLERANCE}. Otherwise sampling
 * stops with one line naming the system, the invariant, the group and the spread: the declared invariant is not
 * conserved by the declared vector field, or the integration is not accurate enough for the time span.
 *
 * @param system     the system id, for messages
 * @param stateSpace the state variables
 * @param dynamics   vector field, invariants and initial ranges; one range per variable
 * @param tMax       the time span {@code t_max > 0}
 */
public record TrajectoryModel(String system, StateSpace stateSpace, Dynamics dynamics, double tMax) implements SystemModel {

    /**
     * Largest spread of a conserved quantity along one sampled trajectory, {@code 10⁻⁸}. The integrator keeps the
     * local error per step below {@code 10⁻¹²} of the state ({@link OdeIntegrator#RELATIVE_TOLERANCE}); over the
     * few hundred steps of a typical trajectory the error of an invariant stays near {@code 10⁻¹⁰}, so the bound
     * leaves a factor of about a hundred, while a quantity that is not conserved changes at order one over a period.
     */
    public static final double CONSERVATION_TOLERANCE = 1e-8;

    /**
     * Most draws of an initial state per group before sampling gives up naming the ranges: a million, so that only a
     * predicate that (almost) nothing in the box satisfies is refused. {@code fput-6} keeps 7.5·10⁻⁴ of its box
     * (energy below the cubic barrier); with 10,000 draws a group then failed with probability e^{-7.5}, which over
     * the ~900 groups of one count happened in one of three seeds (seventh session); now e^{-750}. A draw costs
     * the predicate only (tens of nanoseconds here).
     */
    public static final int MAX_INITIAL_DRAWS = 1_000_000;

    public TrajectoryModel {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(stateSpace, "stateSpace");
        Objects.requireNonNull(dynamics, "dynamics");
        if (dynamics.ranges().size() != stateSpace.dimension()) {
            throw new IllegalArgumentException("system '" + system + "' declares " + dynamics.ranges().size()
                    + " initial ranges for the " + stateSpace.dimension() + " variables " + stateSpace.variables());
        }
        if (!(tMax > 0) || !Double.isFinite(tMax)) {
            throw new IllegalArgumentException("tMax must be positive and finite, got " + tMax);
        }
    }

    @Override
    public List<TrueInvariant> invariants() {
        return dynamics.invariants();
    }

    @Override
    public Optional<ConservedCounts> conservedCounts() {
        return dynamics.counts();
    }

    @Override
    public Optional<VectorField> vectorField() {
        return Optional.of(dynamics.field());
    }

    @Override
    public Optional<List<String>> vectorFieldExpressions() {
        return dynamics.fieldExpressions().isEmpty() ? Optional.empty() : Optional.of(dynamics.fieldExpressions());
    }

    @Override
    public List<Feature> extraFeatures() {
        return dynamics.extraFeatures();
    }

    @Override
    public GroupedData sample(SamplingRequest request) {
        int d = stateSpace.dimension();
        int m = request.perGroup();
        double[] values = new double[request.groups() * m * d];
        SplittableRandom root = new SplittableRandom(request.seed());
        for (int g = 0; g < request.groups(); g++) {
            SplittableRandom random = root.split();
            double[] x0 = initialState(random, g);
            double[] times = new double[m];
            for (int k = 0; k < m; k++) {
                times[k] = random.nextDouble(0, tMax);
            }
            double[][] states;
            try {
                states = OdeIntegrator.statesAt(dynamics.field(), x0, times);
            } catch (IntegrationException e) {
                throw new IntegrationException("system '" + system + "', group " + g + ": " + e.getMessage());
            }
            checkConservation(g, x0, states);
            for (int k = 0; k < m; k++) {
                System.arraycopy(states[k], 0, values, (g * m + k) * d, d);
            }
        }
        return new GroupedData(stateSpace.variables(), request.groups(), m, values);
    }

    private double[] initialState(SplittableRandom random, int group) {
        List<Range> ranges = dynamics.ranges();
        double[] x = new double[ranges.size()];
        for (int attempt = 0; attempt < MAX_INITIAL_DRAWS; attempt++) {
            for (int i = 0; i < x.length; i++) {
                x[i] = ranges.get(i).draw(random);
            }
            if (dynamics.admissible().test(x.clone())) {
                return x;
            }
        }
        throw new InvariantLabException("system '" + system + "': no admissible initial state in " + MAX_INITIAL_DRAWS
                + " draws from the ranges " + ranges.stream().map(r -> "[" + r.min() + ", " + r.max() + "]")
                .collect(java.util.stream.Collectors.joining(" ")) + " for group " + group + "; widen the ranges or "
                + "relax the system's admissibility test");
    }

    private void checkConservation(int group, double[] x0, double[][] states) {
        for (TrueInvariant inv : dynamics.invariants()) {
            double min = inv.value(x0.clone());
            double max = min;
            boolean finite = Double.isFinite(min);
            for (double[] x : states) {
                double v = inv.value(x.clone());
                finite &= Double.isFinite(v);
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            double spread = (max - min) / Math.max(1.0, Math.max(Math.abs(min), Math.abs(max)));
            if (!finite || !(spread <= CONSERVATION_TOLERANCE)) {
                throw new InvariantLabException("system '" + system + "': invariant " + inv.name() + " is not conserved "
                        + "along the trajectory of group " + group + " from " + Arrays.toString(x0)
                        + (finite ? ": its relative spread " + spread + " exceeds " + CONSERVATION_TOLERANCE
                                : ": it is not finite on the trajectory")
                        + "; check the invariant against the vector field");
            }
        }
    }
}
