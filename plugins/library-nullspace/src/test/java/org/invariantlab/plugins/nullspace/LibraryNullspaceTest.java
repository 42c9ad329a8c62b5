package org.invariantlab.plugins.nullspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.invariantlab.api.count.CountedQuantity;
import org.invariantlab.api.count.CountingOutcome;
import org.invariantlab.api.count.CountingProblem;
import org.invariantlab.api.param.Parameters;
import org.invariantlab.api.system.CanonicalLayout;
import org.invariantlab.api.system.Feature;
import org.invariantlab.api.system.StateSpace;
import org.junit.jupiter.api.Test;

/**
 * The library nullspace on vector fields whose conserved quantities are known in closed form. States are drawn
 * uniformly in a box (the nullspace needs no trajectories: a Lie derivative vanishes at every state or not).
 */
class LibraryNullspaceTest {

    private static final StateSpace CANONICAL = new StateSpace(List.of("x", "y", "px", "py"),
            Optional.of(new CanonicalLayout(List.of(0, 1), List.of(2, 3))));

    /** A conserved quantity's own Lie derivative, relative: what a formula of an exact count must reach. */
    private static final double CONSERVED = 1e-8;

    private static CountingOutcome count(StateSpace space, UnaryOperator<double[]> h, double noise, List<Feature> features,
                                         Map<String, String> params) {
        int d = space.dimension();
        int n = d > 4 ? 4000 : 2000;
        SplittableRandom r = new SplittableRandom(7);
        double[] x = new double[n * d];
        double[] u = new double[n * d];
        for (int i = 0; i < n; i++) {
            double[] s = new double[d];
            for (int k = 0; k < d; k++) {
                s[k] = r.nextDouble(-1.5, 1.5);
            }
            double[] v = h.apply(s);
            double norm = 0;
            for (int k = 0; k < d; k++) {
                v[k] += noise * r.nextGaussian() / Math.sqrt(d);
                norm += v[k] * v[k];
            }
            for (int k = 0; k < d; k++) {
                x[i * d + k] = s[k];
                u[i * d + k] = v[k] / Math.sqrt(norm);
            }
        }
        LibraryNullspace method = new LibraryNullspace();
        int[] own = java.util.stream.IntStream.range(0, n).toArray(); // box states: each its own trajectory
        return method.count(new CountingProblem(space, x, own, u, noise, features, 1),
                Parameters.resolve(method.id(), method.parameters(), params));
    }

    private static void assertConserved(CountingOutcome o, UnaryOperator<double[]> h) {
        SplittableRandom r = new SplittableRandom(11);
        for (CountedQuantity q : o.quantities()) {
            for (int t = 0; t < 20; t++) {
                double[] s = {r.nextDouble(-1, 1), r.nextDouble(-1, 1), r.nextDouble(-1, 1), r.nextDouble(-1, 1)};
                double[] g = q.field().gradient(s);
                double[] v = h.apply(s);
                double lie = 0;
                double gn = 0;
                double vn = 0;
                for (int k = 0; k < 4; k++) {
                    lie += g[k] * v[k];
                    gn += g[k] * g[k];
                    vn += v[k] * v[k];
                }
                assertTrue(Math.abs(lie) <= CONSERVED * Math.sqrt(gn * vn), q.expression() + " at state " + t);
            }
        }
    }

    @Test
    void isotropicOscillatorHasThreeIndependentAndTwoInInvolution() {
        UnaryOperator<double[]> h = s -> new double[] {s[2], s[3], -s[0], -s[1]};
        CountingOutcome o = count(CANONICAL, h, 0, List.of(), Map.of());
        assertEquals(3, o.independent(), o.rule());
        assertEquals(2, o.inInvolution(), o.rule());
        assertConserved(o, h);
        assertTrue(o.warnings().isEmpty(), o.warnings().toString());
        System.out.println(o.rule() + " " + o.quantities().stream().map(CountedQuantity::expression).toList());
    }

    @Test
    void oneToTwoOscillatorsCubicInvariantIsCounted() {
        UnaryOperator<double[]> h = s -> new double[] {s[2], s[3], -s[0], -4 * s[1]};
        CountingOutcome o = count(CANONICAL, h, 0, List.of(), Map.of());
        assertEquals(3, o.independent(), o.rule());
        assertEquals(2, o.inInvolution(), o.rule());
        assertConserved(o, h);
        // the third quantity is the cubic one: below degree 3 only the two energies are conserved
        CountingOutcome quadratic = count(CANONICAL, h, 0, List.of(), Map.of(LibraryNullspace.DEGREE, "2"));
        assertEquals(2, quadratic.independent(), quadratic.rule());
    }

    @Test
    void incommensurateOscillatorHasTwo() {
        double w = Math.sqrt(2);
        UnaryOperator<double[]> h = s -> new double[] {s[2], s[3], -s[0], -w * w * s[1]};
        CountingOutcome o = count(CANONICAL, h, 0, List.of(), Map.of());
        assertEquals(2, o.independent(), o.rule());
        assertEquals(2, o.inInvolution(), o.rule());
    }

    @Test
    void dampedOscillatorHasNone() {
        UnaryOperator<double[]> h = s -> new double[] {s[2], s[3], -s[0] - 0.3 * s[2], -s[1] - 0.3 * s[3]};
        CountingOutcome o = count(CANONICAL, h, 0, List.of(), Map.of());
        assertEquals(0, o.independent(), o.rule());
        assertEquals(0, o.inInvolution(), o.rule());
    }

    @Test
    void keplerNeedsItsFeaturesAndThenFindsEnergyAngularMomentumAndRungeLenz() {
        StateSpace space = new StateSpace(List.of("x", "y", "vx", "vy"),
                Optional.of(new CanonicalLayout(List.of(0, 1), List.of(2, 3))));
        UnaryOperator<double[]> h = s -> {
            double r3 = Math.pow(s[0] * s[0] + s[1] * s[1], 1.5);
            return new double[] {s[2], s[3], -s[0] / r3, -s[1] / r3};
        };
        List<Feature> features = List.of(
                new Feature("inv_r", "1/Sqrt(x^2+y^2)", s -> 1 / Math.hypot(s[0], s[1])),
                new Feature("x_r", "x/Sqrt(x^2+y^2)", s -> s[0] / Math.hypot(s[0], s[1])),
                new Feature("y_r", "y/Sqrt(x^2+y^2)", s -> s[1] / Math.hypot(s[0], s[1])));
        CountingOutcome polynomial = count(space, h, 0, List.of(), Map.of());
        assertEquals(1, polynomial.independent(), "only L is a polynomial: " + polynomial.rule());
        CountingOutcome o = count(space, h, 0, features, Map.of());
        assertEquals(3, o.independent(), o.rule());
        assertEquals(2, o.inInvolution(), o.rule());
    }

    /**
     * Without directions (unordered snapshots of each trajectory), the trajectories themselves say what is conserved:
     * the isotropic oscillator's 120 orbits, 20 states each at random phases, give the same three quantities; the
     * 1:√2 oscillator's two; the spectrum's gap separates them from the motion by many decades.
     */
    @Test
    void snapshotsOfEachTrajectoryCountWithoutDirections() {
        for (double w : new double[] {1, Math.sqrt(2)}) {
            SplittableRandom r = new SplittableRandom(5);
            int groups = 120;
            int per = 20;
            double[] x = new double[groups * per * 4];
            int[] trajectory = new int[groups * per];
            for (int g = 0; g < groups; g++) {
                double ax = r.nextDouble(0.2, 1.2);
                double ay = r.nextDouble(0.2, 1.2);
                double fx = r.nextDouble(0, 6.3);
                double fy = r.nextDouble(0, 6.3);
                for (int j = 0; j < per; j++) {
                    double t = r.nextDouble(0, 40);
                    int i = g * per + j;
                    x[4 * i] = ax * Math.cos(t + fx);
                    x[4 * i + 1] = ay * Math.cos(w * t + fy);
                    x[4 * i + 2] = -ax * Math.sin(t + fx);
                    x[4 * i + 3] = -w * ay * Math.sin(w * t + fy);
                    trajectory[i] = g;
                }
            }
            LibraryNullspace method = new LibraryNullspace();
            CountingOutcome o = method.count(new CountingProblem(CANONICAL, x, trajectory, new double[0], 0, List.of(), 1),
                    Parameters.resolve(method.id(), method.parameters(), Map.of()));
            assertEquals(w == 1 ? 3 : 2, o.independent(), w + ": " + o.rule());
            assertEquals(2, o.inInvolution(), w + ": " + o.rule());
        }
    }

    /**
     * The periodic Toda lattice of three particles with its exponentials declared as features: the library's feature
     * products ({@code p_i e^{q_i − q_{i+1}}} for {@code I_3}) give all three invariants, in involution; without the
     * features only the momentum is a polynomial.
     */
    @Test
    void todaWithItsExponentialsDeclaredHasThreeInInvolution() {
        StateSpace space = new StateSpace(List.of("q1", "q2", "q3", "p1", "p2", "p3"),
                Optional.of(new CanonicalLayout(List.of(0, 1, 2), List.of(3, 4, 5))));
        UnaryOperator<double[]> h = s -> {
            double[] out = new double[6];
            for (int i = 0; i < 3; i++) {
                int next = (i + 1) % 3;
                int prev = (i + 2) % 3;
                out[i] = s[3 + i];
                out[3 + i] = -Math.exp(s[i] - s[next]) + Math.exp(s[prev] - s[i]);
            }
            return out;
        };
        List<Feature> exps = List.of(
                new Feature("e12", "Exp(q1-q2)", s -> Math.exp(s[0] - s[1])),
                new Feature("e23", "Exp(q2-q3)", s -> Math.exp(s[1] - s[2])),
                new Feature("e31", "Exp(q3-q1)", s -> Math.exp(s[2] - s[0])));
        CountingOutcome plain = count(space, h, 0, List.of(), Map.of());
        assertEquals(1, plain.independent(), plain.rule());
        CountingOutcome o = count(space, h, 0, exps, Map.of());
        assertEquals(3, o.independent(), o.rule() + o.quantities().stream().map(CountedQuantity::expression).toList());
        assertEquals(3, o.inInvolution(), o.rule());
    }

    /**
     * Snapshots of the isotropic oscillator in three dimensions: superintegrable, 2·3 − 1 = 5 independent quantities.
     * Its orbits lie in planes, and Hipparchus' symmetric QL iteration did not converge on the degenerate Gram matrix
     * ("convergence failed", surfacing as an exception class on the command line); the singular value decomposition
     * takes over then.
     */
    @Test
    void snapshotsOfAThreeDimensionalOscillatorCountFive() {
        SplittableRandom r = new SplittableRandom(11);
        int groups = 40;
        int per = 300;
        double[] x = new double[groups * per * 6];
        int[] trajectory = new int[groups * per];
        for (int g = 0; g < groups; g++) {
            double[] a = {r.nextDouble(0.3, 1.2), r.nextDouble(0.3, 1.2), r.nextDouble(0.3, 1.2)};
            double[] ph = {r.nextDouble(0, 6.3), r.nextDouble(0, 6.3), r.nextDouble(0, 6.3)};
            for (int j = 0; j < per; j++) {
                double t = r.nextDouble(0, 60);
                int i = g * per + j;
                for (int k = 0; k < 3; k++) {
                    x[6 * i + k] = a[k] * Math.cos(t + ph[k]);
                    x[6 * i + 3 + k] = -a[k] * Math.sin(t + ph[k]);
                }
                trajectory[i] = g;
            }
        }
        StateSpace space = new StateSpace(List.of("x", "y", "z", "px", "py", "pz"),
                Optional.of(new CanonicalLayout(List.of(0, 1, 2), List.of(3, 4, 5))));
        LibraryNullspace method = new LibraryNullspace();
        CountingOutcome o = method.count(new CountingProblem(space, x, trajectory, new double[0], 0, List.of(), 1),
                Parameters.resolve(method.id(), method.parameters(), Map.of()));
        assertEquals(5, o.independent(), o.rule());
    }

    @Test
    void measurementNoiseRaisesTheThresholdAndKeepsTheCount() {
        UnaryOperator<double[]> h = s -> new double[] {s[2], s[3], -s[0], -s[1]};
        for (double noise : new double[] {0.01, 0.05}) {
            CountingOutcome o = count(CANONICAL, h, noise, List.of(), Map.of());
            assertEquals(3, o.independent(), noise + ": " + o.rule());
            assertTrue(o.threshold() >= 9 * noise * noise / 3 * 0.999, o.rule());
        }
    }
}
