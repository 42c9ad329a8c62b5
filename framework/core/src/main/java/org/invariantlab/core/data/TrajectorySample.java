package org.invariantlab.core.data;

import java.util.List;
import java.util.Objects;
import org.invariantlab.api.InvalidInputException;
import org.invariantlab.api.system.GroupedData;
import org.invariantlab.api.system.SamplingRequest;
import org.invariantlab.api.system.SystemModel;
import org.invariantlab.api.system.TrueInvariant;
import org.invariantlab.api.system.VectorField;
import org.invariantlab.physics.ode.IntegrationException;
import org.invariantlab.physics.ode.OdeIntegrator;

/**
 * Time-stamped trajectories of a system with a vector field, as a physicist's measurements would come: trajectory
 * {@code g} starts at a state the system itself samples ({@link SystemModel#sample}, one state per group: for a
 * dynamical system a point of one of its trajectories, reached from an admissible state of its ranges), and is
 * integrated along {@code dx/dt = h(x)} to
 * the evenly spaced times {@code t_k = k·T/(M−1)}, {@code k = 0…M−1} ({@link OdeIntegrator}, local error below
 * {@code 10⁻¹²} of the state). This is the file format {@code count --data FILE --group-column trajectory
 * --time-column t} reads (docs/counting.md).
 *
 * @param variables    the state variables
 * @param trajectories how many trajectories
 * @param times        the common time stamps, increasing from 0
 * @param values       trajectory-major, then time, then variable
 * @param drift        per true invariant, its largest change along a trajectory relative to {@code max(1, |I|)}
 *                     (a check of the integration: conserved quantities stay at rounding level)
 */
public record TrajectorySample(List<String> variables, int trajectories, double[] times, double[] values,
                               double[] drift) {

    /**
     * Largest relative drift of a true invariant along a trajectory that counts as conserved by the integration,
     * {@code 10⁻⁸}: the bound of the systems' own sampling (TrajectoryModel.CONSERVATION_TOLERANCE).
     */
    public static final double DRIFT_TOLERANCE = 1e-8;

    /** Fewest states per trajectory: finite differences in time need three. */
    public static final int MIN_STATES = 3;

    public TrajectorySample {
        variables = List.copyOf(variables);
        Objects.requireNonNull(times, "times");
        Objects.requireNonNull(values, "values");
        if (values.length != trajectories * times.length * variables.size()) {
            throw new IllegalArgumentException("values do not match trajectories × times × variables");
        }
    }

    /** State {@code k} of trajectory {@code g} (a copy). */
    public double[] state(int g, int k) {
        int d = variables.size();
        double[] x = new double[d];
        System.arraycopy(values, (g * times.length + k) * d, x, 0, d);
        return x;
    }

    /**
     * Draws {@code trajectories} trajectories of {@code states} states each over {@code [0, span]}.
     *
     * @throws InvalidInputException without a vector field, with fewer than {@value #MIN_STATES} states, a span that
     *                               is not positive and finite, or an integration that fails (named with its trajectory)
     */
    public static TrajectorySample draw(String system, SystemModel model, int trajectories, int states, double span,
                                        long seed) {
        VectorField h = model.vectorField().orElseThrow(() -> new InvalidInputException("system '" + system
                + "' has no vector field h(x), so it has no trajectories to sample; sample its groups without "
                + "--trajectories, or choose a dynamical system (see 'invariantlab systems')"));
        if (states < MIN_STATES) {
            throw new InvalidInputException("--per-group must be at least " + MIN_STATES + " states per trajectory "
                    + "with --trajectories (finite differences in time need three), got " + states);
        }
        if (!(span > 0) || !Double.isFinite(span)) {
            throw new InvalidInputException("--time-span must be a positive number of time units, got " + span);
        }
        try {
            Math.multiplyExact(Math.multiplyExact(trajectories, states), model.stateSpace().dimension());
        } catch (ArithmeticException e) {
            throw new InvalidInputException(trajectories + " trajectories × " + states + " states are too many for one "
                    + "file; write fewer (--groups, --per-group)");
        }
        GroupedData starts = model.sample(new SamplingRequest(trajectories, 1, seed));
        int d = starts.variables().size();
        double[] times = new double[states];
        for (int k = 0; k < states; k++) {
            times[k] = span * k / (states - 1);
        }
        List<TrueInvariant> invariants = model.invariants();
        double[] drift = new double[invariants.size()];
        double[] values = new double[trajectories * states * d];
        for (int g = 0; g < trajectories; g++) {
            double[][] path;
            try {
                path = OdeIntegrator.statesAt(h, starts.state(g, 0), times);
            } catch (IntegrationException | IllegalArgumentException e) {
                throw new InvalidInputException("system '" + system + "', trajectory " + g + ": " + e.getMessage()
                        + "; try a shorter --time-span");
            }
            for (int k = 0; k < states; k++) {
                System.arraycopy(path[k], 0, values, (g * states + k) * d, d);
            }
            for (int i = 0; i < drift.length; i++) {
                double first = invariants.get(i).value(path[0].clone());
                double max = first;
                double min = first;
                for (double[] x : path) {
                    double v = invariants.get(i).value(x.clone());
                    max = Math.max(max, v);
                    min = Math.min(min, v);
                }
                drift[i] = Math.max(drift[i], (max - min) / Math.max(1, Math.max(Math.abs(max), Math.abs(min))));
            }
        }
        return new TrajectorySample(starts.variables(), trajectories, times, values, drift);
    }
}
