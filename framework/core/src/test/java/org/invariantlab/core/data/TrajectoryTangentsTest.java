package org.invariantlab.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.invariantlab.api.InvalidInputException;
import org.invariantlab.api.data.Groups;
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
        TrajectoryTangents.Result r = TrajectoryTangents.of(new Groups(List.of("x", "y"), List.of(x), List.of(t),
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
        TrajectoryTangents.Result r = TrajectoryTangents.of(new Groups(List.of("x", "y"), List.of(x), List.of(t),
                List.of()), "test");
        assertEquals(12, r.medianTurnDegrees(), 1e-9);
    }

    @Test
    void dataWithoutTimesTooShortTrajectoriesAndRepeatedTimesAreRefusedPlainly() {
        Groups noTimes = Groups.of(List.of("x"), List.of(new double[] {1, 2, 3}));
        assertTrue(assertThrows(InvalidInputException.class, () -> TrajectoryTangents.of(noTimes, "f.csv"))
                .getMessage().contains("--time-column"));
        Groups shortOne = new Groups(List.of("x"), List.of(new double[] {1, 2}), List.of(new double[] {0, 1}),
                List.of("a"));
        assertTrue(assertThrows(InvalidInputException.class, () -> TrajectoryTangents.of(shortOne, "f.csv"))
                .getMessage().contains("trajectory 'a' has 2 states"));
        Groups repeated = new Groups(List.of("x"), List.of(new double[] {1, 2, 3}), List.of(new double[] {0, 1, 1}),
                List.of("b"));
        assertTrue(assertThrows(InvalidInputException.class, () -> TrajectoryTangents.of(repeated, "f.csv"))
                .getMessage().contains("has the time 1.0 twice"));
    }
}
