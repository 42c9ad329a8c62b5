package org.invariantlab.plugins.kepler;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The closed-form orbit against numerical integration and the textbook relations between elements. */
class OrbitTest {

    /**
     * Closed form vs RK4 (largest componentwise difference): measured RK4 errors after 0.6 periods with the
     * step counts below are {@code ≤ 1.3e-13} ({@code e = 0.5}, 8000 steps), {@code 3.3e-12} ({@code e = 0.9},
     * 32000 steps) and {@code 3.4e-11} ({@code e = 0.95}, 32000 steps), shrinking 16-fold per halved step;
     * {@code 1e-9} bounds them with a margin of thirty.
     */
    private static final double RK4_TOLERANCE = 1e-9;

    /**
     * Return to the start after one period {@code T = 2π a^(3/2)} with RK4 (20000 steps, {@code e = 0.5}):
     * measured {@code 1.0e-13}; {@code 1e-10} allows for platform differences. An error of the period of
     * {@code δT} would leave a gap of about {@code |v|·δT}, so this pins {@code T} to about {@code 1e-10}.
     */
    private static final double PERIOD_TOLERANCE = 1e-10;

    /**
     * Identities between elements and invariants computed from states: a few floating-point operations on
     * numbers of order one, plus cancellation in {@code v²/2 − 1/r} near periapsis (terms up to 9 for the
     * orbits here), so errors stay below {@code 1e-14}; {@code 1e-12} is a safe bound.
     */
    private static final double IDENTITY_TOLERANCE = 1e-12;

    private static final long SEED = 7L;

    @Test
    void closedFormAgreesWithRungeKuttaThroughPeriapsis() {
        Orbit[] orbits = {new Orbit(1.0, 0.5, 1, 0.7), new Orbit(0.8, 0.9, -1, 2.0), new Orbit(1.5, 0.95, 1, 0.0)};
        int[] steps = {8000, 32000, 32000};
        for (int i = 0; i < orbits.length; i++) {
            Orbit o = orbits[i];
            double m0 = 2.5; // 0.6 periods from here pass through periapsis (M = 2π)
            double duration = 0.6 * o.period();
            double[] exact = o.stateAt(m0 + o.meanMotion() * duration);
            double[] numeric = Rk4.integrate(KeplerDynamics.FIELD, o.stateAt(m0), duration, steps[i]);
            double err = Rk4.maxDifference(exact, numeric);
            assertTrue(err <= RK4_TOLERANCE, o + ": closed form and RK4 (" + steps[i] + " steps) differ by " + err);
        }
    }

    @Test
    void rungeKuttaConvergesToTheClosedFormAtFourthOrder() {
        // if the closed form were off by δ, the RK4 error would level off at δ instead of falling 16-fold
        Orbit o = new Orbit(0.8, 0.9, -1, 2.0);
        double m0 = 2.5;
        double duration = 0.6 * o.period();
        double[] exact = o.stateAt(m0 + o.meanMotion() * duration);
        double coarse = Rk4.maxDifference(exact, Rk4.integrate(KeplerDynamics.FIELD, o.stateAt(m0), duration, 4000));
        double fine = Rk4.maxDifference(exact, Rk4.integrate(KeplerDynamics.FIELD, o.stateAt(m0), duration, 8000));
        double ratio = coarse / fine;
        // 2⁴ = 16 in the asymptotic regime; measured 15.6
        assertTrue(ratio > 12 && ratio < 20, "error ratio for a halved step is " + ratio + " (errors " + coarse
                + ", " + fine + "), expected about 16");
    }

    @Test
    void onePeriodReturnsTheStateToItself() {
        Orbit o = new Orbit(1.0, 0.5, 1, 0.3);
        double[] start = o.stateAt(2.5);
        double[] back = Rk4.integrate(KeplerDynamics.FIELD, start, o.period(), 20_000);
        double err = Rk4.maxDifference(start, back);
        assertTrue(err <= PERIOD_TOLERANCE, "after T = 2π a^(3/2) = " + o.period() + " RK4 is " + err + " from the start");
        double[] late = Rk4.integrate(KeplerDynamics.FIELD, start, 1.001 * o.period(), 20_000);
        double miss = Rk4.maxDifference(start, late);
        assertTrue(miss > 1e-4, "after 1.001 T the state should have moved on, but is only " + miss + " away");
        // the closed form is 2π-periodic in M (up to the reduction of M modulo 2π)
        assertTrue(Rk4.maxDifference(o.stateAt(2.5), o.stateAt(2.5 + 2 * Math.PI)) <= IDENTITY_TOLERANCE,
                "stateAt(M + 2π) differs from stateAt(M)");
    }

    @Test
    void periapsisStateIsOnThePositiveXAxis() {
        double a = 1.3;
        double e = 0.6;
        double[] x = new Orbit(a, e, 1, 0).stateAt(0);
        double speed = Math.sqrt((1 + e) / (a * (1 - e))); // vis-viva at r = a(1 − e)
        assertAll(
                () -> assertEquals(a * (1 - e), x[0], IDENTITY_TOLERANCE, "x at periapsis"),
                () -> assertEquals(0, x[1], IDENTITY_TOLERANCE, "y at periapsis"),
                () -> assertEquals(0, x[2], IDENTITY_TOLERANCE, "vx at periapsis"),
                () -> assertEquals(speed, x[3], IDENTITY_TOLERANCE, "vy at periapsis (counter-clockwise)"));
        double[] cw = new Orbit(a, e, -1, 0).stateAt(0);
        assertEquals(-speed, cw[3], IDENTITY_TOLERANCE, "vy at periapsis (clockwise)");
    }

    @Test
    void elementsMapToEnergyAngularMomentumAndRungeLenz() {
        SplittableRandom rng = new SplittableRandom(SEED);
        for (int i = 0; i < 200; i++) {
            double energy = -1.0 + 0.9 * rng.nextDouble();
            double e = 0.95 * rng.nextDouble();
            int sense = rng.nextBoolean() ? 1 : -1;
            double omega = 2 * Math.PI * rng.nextDouble();
            Orbit o = Orbit.fromEnergyAndEccentricity(energy, e, sense, omega);
            double l = sense * Math.sqrt((1 - e * e) / (-2 * energy));
            double[] x = o.stateAt(2 * Math.PI * rng.nextDouble());
            String where = "E = " + energy + ", e = " + e + ", s = " + sense + ", ω = " + omega;
            assertEquals(-0.5 / energy, o.semiMajorAxis(), IDENTITY_TOLERANCE, "a = −1/(2E) for " + where);
            assertEquals(energy, KeplerDynamics.energy(x), IDENTITY_TOLERANCE, "E of the state for " + where);
            assertEquals(l, KeplerDynamics.angularMomentum(x), IDENTITY_TOLERANCE, "L = s√((1−e²)/(−2E)) for " + where);
            assertEquals(l, o.angularMomentum(), IDENTITY_TOLERANCE, "orbit's L for " + where);
            // the Runge–Lenz vector has length e and points to the periapsis, at angle ω
            assertEquals(e * Math.cos(omega), KeplerDynamics.rungeLenzX(x), IDENTITY_TOLERANCE, "Ax = e cos ω for " + where);
            assertEquals(e * Math.sin(omega), KeplerDynamics.rungeLenzY(x), IDENTITY_TOLERANCE, "Ay = e sin ω for " + where);
            // and the inverse mapping from (E, L) gives back e
            Orbit back = Orbit.fromEnergyAndAngularMomentum(energy, l, omega);
            assertEquals(e, back.eccentricity(), 1e-7, "e = √(1 + 2EL²) for " + where
                    + " (1e-7: the square root amplifies rounding of 1 + 2EL² near e = 0 to √ε)");
            assertEquals(sense, back.sense(), "sense from the sign of L for " + where);
        }
    }

    @Test
    void fixedAngularMomentumOrbitsKeepTheirL() {
        Orbit o = Orbit.fromEnergyAndAngularMomentum(-0.3, -1.1, 0.0);
        assertEquals(Math.sqrt(1 - 2 * 0.3 * 1.21), o.eccentricity(), IDENTITY_TOLERANCE, "e = √(1 + 2EL²)");
        for (double m = 0; m < 6.3; m += 0.5) {
            assertEquals(-1.1, KeplerDynamics.angularMomentum(o.stateAt(m)), IDENTITY_TOLERANCE, "L at M = " + m);
        }
        // the circular orbit, where 1 + 2EL² rounds to about zero
        Orbit circle = Orbit.fromEnergyAndAngularMomentum(-0.5 / (1.1 * 1.1), 1.1, 0.0);
        assertTrue(circle.eccentricity() < 1e-7, "circular orbit has e = " + circle.eccentricity());
        assertThrows(IllegalArgumentException.class, () -> Orbit.fromEnergyAndAngularMomentum(-1.0, 1.1, 0.0));
        assertThrows(IllegalArgumentException.class, () -> Orbit.fromEnergyAndAngularMomentum(-0.3, 0.0, 0.0));
    }

    @Test
    void invalidElementsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Orbit(-1, 0.5, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new Orbit(1, 1.0, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new Orbit(1, 0.5, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> Orbit.fromEnergyAndEccentricity(0.1, 0.5, 1, 0));
    }
}
