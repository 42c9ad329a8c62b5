package org.invariantlab.core.count;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.invariantlab.api.InvalidInputException;
import org.invariantlab.api.data.RaggedGroups;
import org.junit.jupiter.api.Test;

/**
 * The orbit dimension counts from unordered snapshots: trajectories of a 2-D oscillator at random times fill closed
 * curves when the frequencies are equal (3 conserved in 4 dimensions), 2-tori when they are incommensurate (2), and
 * states drawn at random in a box fill all 4 dimensions (0, the negative control). 12 trajectories of 400 states each.
 */
class OrbitDimensionTest {

    private static RaggedGroups oscillator(double w, double noise, long seed) {
        return oscillator(w, noise, seed, 400);
    }

    private static RaggedGroups oscillator(double w, double noise, long seed, int states) {
        SplittableRandom r = new SplittableRandom(seed);
        List<double[]> values = new ArrayList<>();
        for (int g = 0; g < 12; g++) {
            double ax = r.nextDouble(0.3, 1.2);
            double ay = r.nextDouble(0.3, 1.2);
            double fx = r.nextDouble(0, 6.3);
            double fy = r.nextDouble(0, 6.3);
            double[] v = new double[states * 4];
            for (int j = 0; j < states; j++) {
                double t = r.nextDouble(0, 400);
                v[4 * j] = ax * Math.cos(t + fx) + noise * r.nextGaussian();
                v[4 * j + 1] = ay * Math.cos(w * t + fy) + noise * r.nextGaussian();
                v[4 * j + 2] = -ax * Math.sin(t + fx) + noise * r.nextGaussian();
                v[4 * j + 3] = -w * ay * Math.sin(w * t + fy) + noise * r.nextGaussian();
            }
            values.add(v);
        }
        return RaggedGroups.of(List.of("x", "y", "px", "py"), values);
    }

    @Test
    void closedOrbitsToriAndABoxGiveThreeTwoAndNone() {
        OrbitDimension.Result closed = OrbitDimension.measure(oscillator(1, 0, 1));
        assertEquals(1, closed.dimension(), closed.rule());
        assertEquals(3, closed.count(), closed.rule());
        assertTrue(closed.warnings().isEmpty(), closed.warnings().toString());
        OrbitDimension.Result torus = OrbitDimension.measure(oscillator(Math.sqrt(2), 0, 2));
        assertEquals(2, torus.count(), torus.rule());
        SplittableRandom r = new SplittableRandom(3);
        List<double[]> box = new ArrayList<>();
        for (int g = 0; g < 12; g++) {
            double[] v = new double[400 * 4];
            for (int i = 0; i < v.length; i++) {
                v[i] = r.nextDouble(-1, 1);
            }
            box.add(v);
        }
        OrbitDimension.Result none = OrbitDimension.measure(RaggedGroups.of(List.of("x", "y", "px", "py"), box));
        assertEquals(0, none.count(), none.rule());
    }

    /**
     * Measurement noise of 1 % of the orbits' size keeps the count: the neighbourhoods' radius (about a tenth of an
     * orbit for 16 of 400 states on a curve) puts the noise's variance two decades below the tangent one, and above the
     * curvature's.
     */
    @Test
    void onePercentNoiseKeepsTheCount() {
        OrbitDimension.Result noisy = OrbitDimension.measure(oscillator(1, 0.01, 4));
        assertEquals(3, noisy.count(), noisy.rule() + " " + noisy.warnings());
    }

    /**
     * Noise of 8 % of the orbits' size fills the smallest neighbourhoods (16 states: the count would be 2, nothing
     * conserved, in the 4-D box's company); at 32 and 64 neighbours the curve stands out again. The smallest dimension
     * over the scales is taken, and the difference is said: the count is right and called uncertain, never a
     * confident 0.
     */
    @Test
    void noiseThatFillsTheSmallestNeighbourhoodsIsSeenAtLargerScales() {
        OrbitDimension.Result noisy = OrbitDimension.measure(oscillator(1, 0.08, 5));
        assertEquals(3, noisy.count(), noisy.rule() + " " + noisy.warnings());
        assertTrue(noisy.warnings().stream().anyMatch(w -> w.startsWith("the dimension depends on the neighbourhood")),
                noisy.warnings().toString());
    }

    /**
     * The bound where other methods count: the 2-torus sampled with 1600 states per trajectory (as many as a count
     * draws, {@link OrbitDimension#statesPerTrajectory}) bounds the count by 2 and is trusted (the same dimension with
     * 16 and 32 neighbours, the trajectories agreeing); with 400 states a circle of amplitude 0.3 curves inside 32
     * neighbours and the bound is refused. A 3-torus in 6 dimensions, (x_i, p_i) = a_i (cos, −sin)(ω_i t)
     * with ω = 1, √2, √3 and a thin third circle (a_3 = 0.15 against 1), sampled with the same 400 states, is read too
     * high: all of its 6 dimensions with 24 and with 48 neighbours, every trajectory agreeing — a bound of 0 below the
     * 3 the torus carries. What refuses it is the resolution: 24 of 400 states span about (24/400)^(1/6) = 0.63 of each
     * direction of a 6-dimensional set, more than the 0.39 at which an arc's curvature closes the gap.
     */
    @Test
    void aBoundIsTrustedOnlyWhenTheNeighbourhoodsAndTheTrajectoriesAgree() {
        OrbitDimension.Result torus = OrbitDimension.measure(oscillator(Math.sqrt(2), 0, 2,
                OrbitDimension.statesPerTrajectory(4)));
        assertEquals(2, torus.bound(), torus.rule());
        assertTrue(torus.boundWarnings().isEmpty(), torus.boundWarnings().toString());
        OrbitDimension.Result sparse = OrbitDimension.measure(oscillator(Math.sqrt(2), 0, 2));
        assertTrue(sparse.bound() == 2 || !sparse.boundWarnings().isEmpty(), sparse.rule());
        SplittableRandom r = new SplittableRandom(7);
        double[] w = {1, Math.sqrt(2), Math.sqrt(3)};
        List<double[]> values = new ArrayList<>();
        for (int g = 0; g < 12; g++) {
            double[] a = {r.nextDouble(0.8, 1.2), r.nextDouble(0.8, 1.2), 0.15};
            double[] f = {r.nextDouble(0, 6.3), r.nextDouble(0, 6.3), r.nextDouble(0, 6.3)};
            double[] v = new double[400 * 6];
            for (int j = 0; j < 400; j++) {
                double t = r.nextDouble(0, 400);
                for (int i = 0; i < 3; i++) {
                    v[6 * j + i] = a[i] * Math.cos(w[i] * t + f[i]);
                    v[6 * j + 3 + i] = -a[i] * Math.sin(w[i] * t + f[i]);
                }
            }
            values.add(v);
        }
        OrbitDimension.Result thin = OrbitDimension.measure(RaggedGroups.of(List.of("x", "y", "z", "px", "py", "pz"),
                values));
        assertTrue(thin.bound() >= 3 || thin.boundWarnings().stream().anyMatch(x -> x.contains("too coarse")),
                thin.rule() + " " + thin.boundWarnings());
    }

    @Test
    void shortTrajectoriesAreRefusedWithWhatWouldDo() {
        List<double[]> few = List.of(new double[40], new double[40], new double[40]);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> OrbitDimension.measure(RaggedGroups.of(List.of("x", "y", "px", "py"), few)));
        assertTrue(e.getMessage().startsWith("counting from snapshots needs trajectories of at least 80 states"),
                e.getMessage());
    }
}
