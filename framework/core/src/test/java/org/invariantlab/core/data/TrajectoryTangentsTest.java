package org.invariantlab.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.invariantlab.api.InvalidInputException;
import org.invariantlab.api.data.RaggedGroups;
import org.junit.jupiter.api.Test;

class TrajectoryTangentsTest {

    /** The three-point weights are exact for quadratics at any spacing; only rounding remains (bound 1e-12). */
    private static final double QUADRATIC_EXACT = 1e-12;

    @Test
    void derivativesOfAQuadraticAreExactAtUnevenSteps() {
        double[] t = {0.0, 0.3, 0.35, 1.0, 1.7};
        double[] x = new double[t.length * 2];
        for (int i = 0; i < t.length; i++) {
            x[2 * i] = 1 + 2 * t[i] - 3 * t[i] * t[i];   // x' = 2 − 6t
            x[2 * i + 1] = 0.5 * t[i] * t[i];           // y' = t
        }
        TrajectoryTangents.Result r = TrajectoryTangents.of(new RaggedGroups(List.of("x", "y"), List.of(x), List.of(t),
                List.of()), "test");
        double[] v = r.tangents().get(0);
        for (int i = 0; i < t.length; i++) {
            assertEquals(2 - 6 * t[i], v[2 * i], QUADRATIC_EXACT, "x' at t = " + t[i]);
            assertEquals(t[i], v[2 * i + 1], QUADRATIC_EXACT, "y' at t = " + t[i]);
        }
    }

    /** A circle sampled every θ radians turns by θ between neighbouring steps: the median turn is θ in degrees. */
    @Test
    void theTurnBetweenStepsIsTheAngleSwept() {
        double step = Math.toRadians(12);
        double[] t = new double[10];
        double[] x = new double[20];
        for (int i = 0; i < t.length; i++) {
            t[i] = i * step;
            x[2 * i] = Math.cos(t[i]);
            x[2 * i + 1] = Math.sin(t[i]);
        }
        TrajectoryTangents.Result r = TrajectoryTangents.of(new RaggedGroups(List.of("x", "y"), List.of(x), List.of(t),
                List.of()), "test");
        assertEquals(12, r.medianTurnDegrees(), 1e-9);
    }

    /**
     * The directions' noise is read from their roughness: on a smoothly sampled circle it is of the order of the
     * three-point derivative's truncation error (steps of 0.05 rad: far below 10⁻²), and with Gaussian noise of
     * standard deviation ε on the positions at step h it grows like the noise of a central difference,
     * ε/(√2·h·|v|) per component; a unit direction keeps only the component across the motion (one of the two on a
     * circle), so σ = ε/(√2·h). Within a factor of 2: the estimator is exact only to a factor of order one
     * (TrajectoryTangents#directionNoise: 1.25 instead of 1.5 for equal steps).
     */
    @Test
    void theNoiseOfTheDirectionsIsEstimatedFromTheirRoughness() {
        int n = 200;
        double h = 0.05;
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        List<double[]> clean = new java.util.ArrayList<>();
        List<double[]> noisy = new java.util.ArrayList<>();
        List<double[]> times = new java.util.ArrayList<>();
        double eps = 1e-3;
        for (int g = 0; g < 20; g++) {
            double[] t = new double[n];
            double[] a = new double[2 * n];
            double[] b = new double[2 * n];
            double phase = r.nextDouble(0, 6.28);
            for (int i = 0; i < n; i++) {
                t[i] = i * h;
                a[2 * i] = Math.cos(t[i] + phase);
                a[2 * i + 1] = Math.sin(t[i] + phase);
                b[2 * i] = a[2 * i] + eps * r.nextGaussian();
                b[2 * i + 1] = a[2 * i + 1] + eps * r.nextGaussian();
            }
            clean.add(a);
            noisy.add(b);
            times.add(t);
        }
        double quiet = TrajectoryTangents.of(new RaggedGroups(List.of("x", "y"), clean, times, null), "circle").directionNoise();
        assertTrue(quiet < 1e-2, "clean: " + quiet);
        double loud = TrajectoryTangents.of(new RaggedGroups(List.of("x", "y"), noisy, times, null), "circle").directionNoise();
        double expected = eps / (Math.sqrt(2) * h); // |v| = 1, one component across the motion
        assertTrue(loud > expected / 2 && loud < 2 * expected, "noisy: " + loud + " against " + expected);
    }

    @Test
    void dataWithoutTimesTooShortTrajectoriesAndRepeatedTimesAreRefusedPlainly() {
        RaggedGroups noTimes = RaggedGroups.of(List.of("x"), List.of(new double[] {1, 2, 3}));
        assertTrue(assertThrows(InvalidInputException.class, () -> TrajectoryTangents.of(noTimes, "f.csv"))
                .getMessage().contains("--time-column"));
        RaggedGroups shortOne = new RaggedGroups(List.of("x"), List.of(new double[] {1, 2}), List.of(new double[] {0, 1}),
                List.of("a"));
        assertTrue(assertThrows(InvalidInputException.class, () -> TrajectoryTangents.of(shortOne, "f.csv"))
                .getMessage().contains("trajectory 'a' has 2 states"));
        RaggedGroups repeated = new RaggedGroups(List.of("x"), List.of(new double[] {1, 2, 3}), List.of(new double[] {0, 1, 1}),
                List.of("b"));
        assertTrue(assertThrows(InvalidInputException.class, () -> TrajectoryTangents.of(repeated, "f.csv"))
                .getMessage().contains("has the time 1.0 twice"));
    }
}
