package org.invariantlab.physics.ode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.invariantlab.api.system.VectorField;
import org.junit.jupiter.api.Test;

class OdeIntegratorTest {

    /**
     * Largest error allowed against an exact solution over a few periods: the local tolerance is 1e-12 and a few
     * hundred steps accumulate at most about 1e-10; 1e-9 leaves a factor of ten.
     */
    private static final double EXACT_TOLERANCE = 1e-9;

    @Test
    void harmonicOscillatorMatchesTheExactSolution() {
        double omega = 1.7;
        double x0 = 0.8;
        double p0 = -0.3;
        VectorField h = s -> new double[] {s[1], -omega * omega * s[0]};
        double[] times = {5.0, 0.0, 0.25, 12.5, 3.0, 12.5};
        double[][] states = OdeIntegrator.statesAt(h, new double[] {x0, p0}, times);
        for (int k = 0; k < times.length; k++) {
            double t = times[k];
            double x = x0 * Math.cos(omega * t) + p0 / omega * Math.sin(omega * t);
            double p = -x0 * omega * Math.sin(omega * t) + p0 * Math.cos(omega * t);
            assertArrayEquals(new double[] {x, p}, states[k], EXACT_TOLERANCE, "state at t = " + t);
        }
        assertArrayEquals(new double[] {x0, p0}, states[1], 0.0, "t = 0 gives the initial state itself");
    }

    @Test
    void exponentialGrowthMatchesTheExactSolutionToRelativeAccuracy() {
        double rate = 0.9;
        double[] times = {1, 4, 10};
        double[][] states = OdeIntegrator.statesAt(s -> new double[] {rate * s[0]}, new double[] {2.0}, times);
        for (int k = 0; k < times.length; k++) {
            double exact = 2.0 * Math.exp(rate * times[k]);
            double rel = Math.abs(states[k][0] - exact) / exact;
            assertTrue(rel < EXACT_TOLERANCE, "x(" + times[k] + ") = " + states[k][0] + " vs " + exact + ", relative error " + rel);
        }
    }

    @Test
    void aBlowUpEndsWithAPlainErrorNamingTheTime() {
        // dx/dt = x² from x(0) = 1 has x(t) = 1/(1 − t): infinite at t = 1
        IntegrationException e = assertThrows(IntegrationException.class,
                () -> OdeIntegrator.statesAt(s -> new double[] {s[0] * s[0]}, new double[] {1.0}, new double[] {2.0}));
        assertTrue(e.getMessage().startsWith("the step size fell below"), e.getMessage());
        assertTrue(e.getMessage().contains("t = 0.99"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    @Test
    void aNonFiniteVectorFieldIsReportedWithItsStateAndTime() {
        // dx/dt = −1 where x ≥ 0.5, undefined below: x reaches 0.5 at t = 0.5
        VectorField h = s -> new double[] {s[0] >= 0.5 ? -1 : Double.NaN};
        IntegrationException e = assertThrows(IntegrationException.class,
                () -> OdeIntegrator.statesAt(h, new double[] {1.0}, new double[] {1.0}));
        assertTrue(e.getMessage().startsWith("the vector field is not finite at t = "), e.getMessage());
        assertTrue(e.getMessage().contains("h = (NaN)"), e.getMessage());
    }

    @Test
    void badTimesAndStatesAreRefused() {
        VectorField h = s -> new double[] {0};
        assertThrows(IllegalArgumentException.class, () -> OdeIntegrator.statesAt(h, new double[] {1}, new double[] {-1}));
        assertThrows(IllegalArgumentException.class, () -> OdeIntegrator.statesAt(h, new double[] {1}, new double[] {Double.NaN}));
        assertThrows(IllegalArgumentException.class,
                () -> OdeIntegrator.statesAt(h, new double[] {Double.POSITIVE_INFINITY}, new double[] {1}));
    }
}
