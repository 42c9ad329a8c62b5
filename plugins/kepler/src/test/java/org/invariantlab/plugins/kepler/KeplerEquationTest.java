package org.invariantlab.plugins.kepler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KeplerEquationTest {

    /**
     * Residual bound {@code |E − e sin E − M|} with {@code M} reduced to {@code [−π, π]}: the terms are at most
     * {@code π + 1 < 4.2}, whose ulp is {@code 8.9e-16}; a converged Newton iterate is within rounding of the
     * root, so two ulps of the largest term bound the residual (measured: {@code 4.4e-16}, one ulp, for
     * {@code e} from 0.1 to 0.999).
     */
    private static final double RESIDUAL_TOLERANCE = 2 * Math.ulp(4.2);

    /**
     * Agreement with plain bisection: both stop within rounding of the root, where {@code f} is known to about
     * {@code 9e-16}; dividing by the smallest slope {@code 1 − e = 0.05} (for {@code e ≤ 0.95}) gives
     * {@code 1.8e-14}; {@code 5e-14} allows for both solvers.
     */
    private static final double BISECTION_AGREEMENT = 5e-14;

    private static final long SEED = 42L;

    @Test
    void residualIsAtTheRoundingLevelForEccentricitiesUpTo0999() {
        SplittableRandom rng = new SplittableRandom(SEED);
        for (double e : new double[] {0.0, 0.1, 0.5, 0.8, 0.95, 0.99, 0.999}) {
            double worst = 0;
            double worstM = 0;
            for (int i = 0; i < 20_000; i++) {
                double m = -20 + 40 * rng.nextDouble();
                double anomaly = KeplerEquation.eccentricAnomaly(m, e);
                double residual = Math.abs(anomaly - e * Math.sin(anomaly) - Math.IEEEremainder(m, 2 * Math.PI));
                if (residual > worst) {
                    worst = residual;
                    worstM = m;
                }
            }
            assertTrue(worst <= RESIDUAL_TOLERANCE, "e = " + e + ": residual " + worst + " at M = " + worstM
                    + " exceeds " + RESIDUAL_TOLERANCE);
        }
    }

    @Test
    void agreesWithBisection() {
        SplittableRandom rng = new SplittableRandom(SEED);
        double worst = 0;
        for (int i = 0; i < 2_000; i++) {
            double e = 0.95 * rng.nextDouble();
            double m = Math.PI * (2 * rng.nextDouble() - 1);
            double newton = KeplerEquation.eccentricAnomaly(m, e);
            double lo = m - e;
            double hi = m + e;
            for (int k = 0; k < 200 && hi - lo > 0; k++) {
                double mid = 0.5 * (lo + hi);
                if (mid - e * Math.sin(mid) - m > 0) {
                    hi = mid;
                } else {
                    lo = mid;
                }
            }
            worst = Math.max(worst, Math.abs(newton - 0.5 * (lo + hi)));
        }
        assertTrue(worst <= BISECTION_AGREEMENT, "Newton and bisection differ by " + worst + " > " + BISECTION_AGREEMENT);
    }

    @Test
    void symmetricPointsAndCircularOrbits() {
        // exact fixed points of M = E − e sin E: periapsis and apoapsis
        assertEquals(0.0, KeplerEquation.eccentricAnomaly(0.0, 0.9), 0.0, "periapsis");
        assertEquals(Math.PI, Math.abs(KeplerEquation.eccentricAnomaly(Math.PI, 0.9)), 1e-15, "apoapsis");
        // odd symmetry E(−M) = −E(M)
        assertEquals(-KeplerEquation.eccentricAnomaly(1.234, 0.7), KeplerEquation.eccentricAnomaly(-1.234, 0.7), 1e-15);
        // e = 0: E = M
        assertEquals(1.234, KeplerEquation.eccentricAnomaly(1.234, 0.0), 0.0);
    }

    @Test
    void unboundOrNonFiniteInputsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> KeplerEquation.eccentricAnomaly(1.0, 1.0));
        assertThrows(IllegalArgumentException.class, () -> KeplerEquation.eccentricAnomaly(1.0, -0.1));
        assertThrows(IllegalArgumentException.class, () -> KeplerEquation.eccentricAnomaly(Double.NaN, 0.5));
    }
}
