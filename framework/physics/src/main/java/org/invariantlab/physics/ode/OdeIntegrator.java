package org.invariantlab.physics.ode;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.hipparchus.exception.LocalizedCoreFormats;
import org.hipparchus.exception.MathRuntimeException;
import org.hipparchus.ode.LocalizedODEFormats;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.ODEStateAndDerivative;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;
import org.hipparchus.ode.sampling.ODEStateInterpolator;
import org.hipparchus.ode.sampling.ODEStepHandler;
import org.invariantlab.api.system.VectorField;

/**
 * Integrates an autonomous system {@code dx/dt = h(x)} from {@code x(0) = x₀} and returns {@code x(t)} at the requested
 * times, with the adaptive Dormand–Prince 8(5,3) method (Hipparchus' {@code DormandPrince853Integrator}).
 *
 * <p>One integration runs from {@code 0} to the largest requested time; each requested state comes from the method's
 * dense output of order 7 inside the step that covers it, so asking for many times costs no extra steps. The step
 * size is chosen so that the local error estimate of every component stays below
 * {@code ABSOLUTE_TOLERANCE + RELATIVE_TOLERANCE·|x_i|} (Hairer, Nørsett, Wanner, <i>Solving Ordinary Differential
 * Equations I</i>, 2nd ed., §II.4, eq. (4.10)).
 *
 * <p>Failures are reported as an {@link IntegrationException} with one line naming the time and the state: a
 * non-finite value of the state or of {@code h}, a step below {@link #MIN_STEP_FRACTION} of the time span
 * (typically a finite-time blow-up such as {@code dx/dt = x²}), or more than {@link #MAX_EVALUATIONS} evaluations of
 * {@code h}. Stateless and safe to use from several threads (each call builds its own Hipparchus integrator).
 */
public final class OdeIntegrator {

    /**
     * Relative local error per step, {@code 10⁻¹²}. Dormand–Prince 8 is still efficient there (its error falls like
     * {@code h⁸}, so halving the tolerance costs about 9% more steps), and a few hundred steps accumulate a global
     * error near {@code 10⁻¹⁰}: four orders of magnitude above double rounding ({@code 2.2·10⁻¹⁶} per operation)
     * and well below the conservation tolerance of trajectory sampling.
     */
    public static final double RELATIVE_TOLERANCE = 1e-12;

    /**
     * Absolute local error per step, {@code 10⁻¹²}: the error allowed for a component passing through zero, where
     * the relative bound alone would force vanishing steps. Equal to the relative tolerance, so for states of order
     * one (the ranges systems sample from) both bounds are alike.
     */
    public static final double ABSOLUTE_TOLERANCE = 1e-12;

    /**
     * Smallest step as a fraction of the time span, {@code 10⁻¹²}: covering the span with steps that small would
     * take {@code 10¹²} steps, so a step size driven down there means a singularity (blow-up) or stiffness, for which
     * an explicit method is the wrong tool; the integration stops with an error instead of crawling.
     */
    public static final double MIN_STEP_FRACTION = 1e-12;

    /**
     * Most evaluations of {@code h} in one integration, {@code 10⁶}: about 83,000 steps of 12 stages. A smooth flow
     * over a few periods at the tolerances above needs a few hundred; exhausting the budget means the request spans
     * thousands of periods or the problem is stiff.
     */
    public static final int MAX_EVALUATIONS = 1_000_000;

    private OdeIntegrator() {
    }

    /**
     * The states {@code x(t_k)} of {@code dx/dt = h(x)}, {@code x(0) = x₀}.
     *
     * @param h     the vector field; must return {@code d} finite numbers for a state of dimension {@code d}
     * @param x0    the initial state, finite; not modified
     * @param times the times {@code t_k ≥ 0}, finite, in any order (repeats allowed)
     * @return {@code states[k] = x(t_k)}, fresh arrays of length {@code d}
     * @throws IllegalArgumentException if {@code x0} or a time is not finite, or a time is negative
     * @throws IntegrationException     if the integration fails (non-finite values, step underflow, budget)
     */
    public static double[][] statesAt(VectorField h, double[] x0, double[] times) {
        Objects.requireNonNull(h, "h");
        Objects.requireNonNull(times, "times");
        double[] start = Objects.requireNonNull(x0, "x0").clone();
        if (start.length == 0) {
            throw new IllegalArgumentException("the initial state is empty");
        }
        if (!allFinite(start)) {
            throw new IllegalArgumentException("the initial state " + format(start) + " is not finite");
        }
        double end = 0;
        for (double t : times) {
            if (!Double.isFinite(t) || t < 0) {
                throw new IllegalArgumentException("integration times must be finite and at least 0, got " + t);
            }
            end = Math.max(end, t);
        }
        double[][] states = new double[times.length][];
        Integer[] order = IntStream.range(0, times.length).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(k -> times[k]));
        int next = 0;
        while (next < order.length && times[order[next]] == 0) {
            states[order[next++]] = start.clone();
        }
        if (next == order.length) {
            return states;
        }
        DormandPrince853Integrator integrator = new DormandPrince853Integrator(MIN_STEP_FRACTION * end, end,
                ABSOLUTE_TOLERANCE, RELATIVE_TOLERANCE);
        integrator.setMaxEvaluations(MAX_EVALUATIONS);
        Collector collector = new Collector(times, order, next, states);
        integrator.addStepHandler(collector);
        try {
            integrator.integrate(new Equation(h, start.length), new ODEState(0, start), end);
        } catch (MathRuntimeException e) {
            ODEStateAndDerivative at = integrator.getStepStart();
            String where = at == null ? "at t = 0 from " + format(start)
                    : "at t = " + at.getTime() + ", state " + format(at.getPrimaryState());
            if (e.getSpecifier() == LocalizedODEFormats.MINIMAL_STEPSIZE_REACHED_DURING_INTEGRATION) {
                throw new IntegrationException("the step size fell below " + MIN_STEP_FRACTION * end + " " + where
                        + " (the solution may blow up before t = " + end + "); shorten the time span or change the initial state");
            }
            if (e.getSpecifier() == LocalizedCoreFormats.MAX_COUNT_EXCEEDED) {
                throw new IntegrationException("more than " + MAX_EVALUATIONS + " evaluations of the vector field " + where
                        + " while integrating to t = " + end + "; the problem is stiff or the time span too long");
            }
            throw new IntegrationException("the integration failed " + where + ": " + e.getMessage());
        }
        return states;
    }

    private static boolean allFinite(double[] v) {
        for (double c : v) {
            if (!Double.isFinite(c)) {
                return false;
            }
        }
        return true;
    }

    /** A state as {@code (a, b, c)} with numbers in full precision. */
    static String format(double[] v) {
        return Arrays.stream(v).mapToObj(Double::toString).collect(Collectors.joining(", ", "(", ")"));
    }

    /** {@code h} as Hipparchus sees it, refusing non-finite states and values with their time. */
    private record Equation(VectorField h, int dimension) implements OrdinaryDifferentialEquation {

        @Override
        public int getDimension() {
            return dimension;
        }

        @Override
        public double[] computeDerivatives(double t, double[] x) {
            if (!allFinite(x)) {
                throw new IntegrationException("the state became non-finite at t = " + t + ": " + format(x));
            }
            double[] dx = h.at(x.clone());
            if (dx == null || dx.length != dimension) {
                throw new IntegrationException("the vector field returned " + (dx == null ? "null" : dx.length + " components")
                        + " for a state of dimension " + dimension);
            }
            if (!allFinite(dx)) {
                throw new IntegrationException("the vector field is not finite at t = " + t + ", state " + format(x)
                        + ": h = " + format(dx));
            }
            return dx;
        }
    }

    /** Fills the requested states, in increasing time, from the dense output of each accepted step. */
    private static final class Collector implements ODEStepHandler {
        private final double[] times;
        private final Integer[] order;
        private final double[][] states;
        private int next;

        Collector(double[] times, Integer[] order, int next, double[][] states) {
            this.times = times;
            this.order = order;
            this.next = next;
            this.states = states;
        }

        @Override
        public void handleStep(ODEStateInterpolator interpolator) {
            double stepEnd = interpolator.getCurrentState().getTime();
            while (next < order.length && times[order[next]] <= stepEnd) {
                int k = order[next++];
                states[k] = times[k] == stepEnd ? interpolator.getCurrentState().getPrimaryState().clone()
                        : interpolator.getInterpolatedState(times[k]).getPrimaryState().clone();
            }
        }
    }
}
