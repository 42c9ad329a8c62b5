package org.invariantlab.core.symbolic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Exact rationals and the simplest rational within a tolerance (no Symja involved). */
class RationalTest {

    /** The tolerance of the interpreter's default rationalisation. */
    private static final double TOLERANCE = 0.02;

    @Test
    void findsTheSimplestRationalWithinTheTolerance() {
        assertEquals(Rational.of(-2, 3), Rational.simplestWithin(-0.6823, TOLERANCE));
        assertEquals(Rational.of(1, 1), Rational.simplestWithin(0.99977, TOLERANCE));
        assertEquals(Rational.ZERO, Rational.simplestWithin(0.0012, TOLERANCE));
        assertEquals(Rational.ZERO, Rational.simplestWithin(-0.02, TOLERANCE), "the interval is closed");
        assertEquals(Rational.of(1, 2), Rational.simplestWithin(0.5, TOLERANCE));
        assertEquals(Rational.of(3, 1), Rational.simplestWithin(3.0001, TOLERANCE));
        assertEquals(Rational.of(-27, 14), Rational.simplestWithin(-175.0 / 90, TOLERANCE));
        assertEquals(Rational.of(1, 3), Rational.simplestWithin(0.333, 0.001));
        assertEquals(Rational.exact(0.1), Rational.simplestWithin(0.1, 0), "tolerance 0 keeps the exact binary value");
    }

    @Test
    void isStableForNearbyValues() {
        // Symja 3.0.0's Rationalize gives 28/29 for 0.96664 and 29/30 for 0.96667
        for (double v : new double[] {0.9666, 0.96664, 0.96666, 0.966667, 0.9667}) {
            assertEquals(Rational.of(18, 19), Rational.simplestWithin(v, TOLERANCE), "at " + v);
        }
    }

    @Test
    void hasTheSmallestDenominatorOfAllRationalsInTheInterval() {
        Random random = new Random(17);
        for (int k = 0; k < 200; k++) {
            double v = 6 * random.nextDouble() - 3;
            double tolerance = 0.001 + 0.05 * random.nextDouble();
            Rational r = Rational.simplestWithin(v, tolerance);
            assertTrue(Math.abs(r.doubleValue() - v) <= tolerance + 1e-15, r + " is not within " + tolerance + " of " + v);
            long q = r.denominator().longValueExact();
            for (long smaller = 1; smaller < q; smaller++) {
                long p = Math.round(v * smaller);
                assertTrue(Math.abs(v - (double) p / smaller) > tolerance, p + "/" + smaller + " is simpler than " + r + " for " + v);
            }
        }
    }

    @Test
    void doesArithmeticInLowestTerms() {
        assertEquals("-2/3", Rational.of(4, -6).toString());
        assertEquals(Rational.of(1, 6), Rational.of(1, 2).subtract(Rational.of(1, 3)));
        assertEquals(-2, Rational.of(-3, 2).floor().intValueExact());
        assertEquals(-2.0 / 3, Rational.of(-2, 3).doubleValue(), 0.0);
        assertThrows(IllegalArgumentException.class, () -> Rational.of(1, 0));
        assertThrows(IllegalArgumentException.class, () -> Rational.simplestWithin(Double.NaN, TOLERANCE));
    }
}
