package org.invariantlab.physics.lorentz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LorentzTransformTest {

    private static final long SEED = 20240611L;
    private static final int SAMPLES = 20_000;
    /** Rapidity bound for the random-sample tests: γ ≤ cosh 2 ≈ 3.8, entries of Λ below 4. */
    private static final double MAX_RAPIDITY = 2.0;

    /**
     * ΛᵀηΛ = η for products of three exact factors: each entry of ΛᵀηΛ is a sum of 4 products of entries
     * below 4, i.e. terms below 16 rounded at 1.1e-16 plus the rounding of Λ itself (three 4×4 products):
     * about 1e-14 in the worst case (measured over 20,000 samples: 2.1e-14), so 1e-12 leaves two orders
     * of magnitude.
     */
    private static final double METRIC_TOL = 1e-12;

    /**
     * det Λ = 1: the Laplace expansion sums 12 products of 4 entries below 4 (terms up to ~250) that
     * cancel to 1; rounding of order 250·1.1e-16·12 ≈ 3e-13 (measured: 1.1e-14), so 1e-11 is a safe bound.
     */
    private static final double DET_TOL = 1e-11;

    /**
     * Entries of matrices built from exact textbook values (γ = 5/4, βγ = 3/4) by cosh/sinh of a rounded
     * rapidity: a few ulps of 1.25.
     */
    private static final double TEXTBOOK_TOL = 1e-15;

    /**
     * s² of a transformed event relative to its Euclidean scale |x|²+|x'|²: each transformed coordinate
     * carries ~4 roundings of terms below 4·|x|, and Λ carries its own ~1e-15 defect, so the interval is
     * off by ~1e-14 of the scale; 1e-12 leaves a margin of 100.
     */
    private static final double INTERVAL_TOL = 1e-12;

    private static double[] event(SplittableRandom rng) {
        return new double[] {rng.nextDouble(-1, 1), rng.nextDouble(-1, 1), rng.nextDouble(-1, 1), rng.nextDouble(-1, 1)};
    }

    private static double euclid2(double[] v) {
        double s = 0;
        for (double c : v) {
            s += c * c;
        }
        return s;
    }

    private static void assertIdentity(LorentzTransform l, double tol) {
        double[] m = l.matrix();
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                assertEquals(i == j ? 1.0 : 0.0, m[i * 4 + j], tol, "entry (" + i + ", " + j + ") of " + l);
            }
        }
    }

    @Test
    void randomTransformationsAreProperOrthochronousLorentz() {
        SplittableRandom rng = new SplittableRandom(SEED);
        double maxDefect = 0;
        double maxDet = 0;
        for (int k = 0; k < SAMPLES; k++) {
            LorentzTransform l = LorentzTransform.random(rng, MAX_RAPIDITY);
            maxDefect = Math.max(maxDefect, l.metricDefect());
            maxDet = Math.max(maxDet, Math.abs(l.determinant() - 1));
            assertTrue(l.get(0, 0) >= 1, "Λ⁰₀ = " + l.get(0, 0) + " < 1");
            assertTrue(l.isOrthochronous());
            assertTrue(l.get(0, 0) <= Math.cosh(MAX_RAPIDITY) * (1 + 1e-15), "γ above cosh φ_max: " + l.get(0, 0));
        }
        assertTrue(maxDefect <= METRIC_TOL, "max |ΛᵀηΛ − η| = " + maxDefect);
        assertTrue(maxDet <= DET_TOL, "max |det Λ − 1| = " + maxDet);
    }

    @Test
    void boostAlongXMatchesTextbookGammaForm() {
        double beta = 0.6; // γ = 5/4, βγ = 3/4
        LorentzTransform l = LorentzTransform.boost(new double[] {1, 0, 0}, 0.5 * Math.log((1 + beta) / (1 - beta)));
        double[] expected = {
            1.25, -0.75, 0, 0,
            -0.75, 1.25, 0, 0,
            0, 0, 1, 0,
            0, 0, 0, 1};
        assertArrayEquals(expected, l.matrix(), TEXTBOOK_TOL);
        // t' = γ(t − βx), x' = γ(x − βt): a clock at rest at the origin moves to −x in the new frame
        assertArrayEquals(new double[] {1.25, -0.75, 0, 0}, l.apply(new double[] {1, 0, 0, 0}), TEXTBOOK_TOL);
    }

    @Test
    void collinearRapiditiesAdd() {
        double[] n = {0, 0.6, 0.8};
        LorentzTransform ab = LorentzTransform.boost(n, 0.3).compose(LorentzTransform.boost(n, 0.45));
        assertArrayEquals(LorentzTransform.boost(n, 0.75).matrix(), ab.matrix(), TEXTBOOK_TOL * 4);
        assertIdentity(LorentzTransform.boost(n, 0.7).compose(LorentzTransform.boost(n, -0.7)), TEXTBOOK_TOL * 4);
    }

    @Test
    void boostAlongAnyDirectionIsRotatedXBoost() {
        // the rotation by θ about z maps x̂ to (cos θ, sin θ, 0)
        double theta = 0.9;
        LorentzTransform r = LorentzTransform.rotation(new double[] {0, 0, 2}, theta);
        LorentzTransform viaRotation = r.compose(LorentzTransform.boost(new double[] {1, 0, 0}, 1.1)).compose(r.inverse());
        LorentzTransform direct = LorentzTransform.boost(new double[] {Math.cos(theta), Math.sin(theta), 0}, 1.1);
        assertArrayEquals(direct.matrix(), viaRotation.matrix(), METRIC_TOL);
    }

    @Test
    void rotationIsActiveRightHandedAndMatchesQuaternion() {
        LorentzTransform quarter = LorentzTransform.rotation(new double[] {0, 0, 1}, Math.PI / 2);
        assertArrayEquals(new double[] {0, 0, 1, 0}, quarter.apply(new double[] {0, 1, 0, 0}), TEXTBOOK_TOL);
        double half = Math.PI / 2 / 2;
        LorentzTransform q = LorentzTransform.rotationFromQuaternion(Math.cos(half), 0, 0, Math.sin(half));
        assertArrayEquals(quarter.matrix(), q.matrix(), TEXTBOOK_TOL);

        double[] axis = {1, -2, 0.5};
        double angle = 2.3;
        double norm = Math.sqrt(1 + 4 + 0.25);
        double s = Math.sin(angle / 2);
        LorentzTransform fromQ = LorentzTransform.rotationFromQuaternion(Math.cos(angle / 2), s / norm, -2 * s / norm, 0.5 * s / norm);
        assertArrayEquals(LorentzTransform.rotation(axis, angle).matrix(), fromQ.matrix(), METRIC_TOL);
        assertEquals(1.0, fromQ.determinant(), DET_TOL);
    }

    @Test
    void intervalIsPreserved() {
        SplittableRandom rng = new SplittableRandom(SEED + 1);
        double worst = 0;
        for (int k = 0; k < SAMPLES; k++) {
            LorentzTransform l = LorentzTransform.random(rng, MAX_RAPIDITY);
            double[] x = event(rng);
            double[] y = l.apply(x);
            double drift = Math.abs(Minkowski.interval(y) - Minkowski.interval(x)) / (euclid2(x) + euclid2(y));
            worst = Math.max(worst, drift);
        }
        assertTrue(worst <= INTERVAL_TOL, "max relative drift of s² = " + worst);
    }

    @Test
    void inverseAndCompositionAreConsistent() {
        SplittableRandom rng = new SplittableRandom(SEED + 2);
        for (int k = 0; k < 200; k++) {
            LorentzTransform a = LorentzTransform.random(rng, MAX_RAPIDITY);
            LorentzTransform b = LorentzTransform.random(rng, MAX_RAPIDITY);
            assertIdentity(a.compose(a.inverse()), METRIC_TOL);
            assertIdentity(a.inverse().compose(a), METRIC_TOL);
            double[] x = event(rng);
            // (a·b)x = a(bx)
            assertArrayEquals(a.apply(b.apply(x)), a.compose(b).apply(x), METRIC_TOL);
            assertArrayEquals(x, a.inverse().apply(a.apply(x)), METRIC_TOL);
        }
    }

    @Test
    void largeRapiditiesAreAcceptedAndModerateOnesInvert() {
        // entries ~ cosh 20 ≈ 2.4e8: the constructor's scaled test must accept rounding of order 1e-16·|Λ|²
        LorentzTransform far = LorentzTransform.boost(new double[] {0, 1, 0}, 20);
        double scale2 = far.get(0, 0) * far.get(0, 0);
        assertTrue(far.metricDefect() / scale2 <= 1e-15, "scaled defect " + far.metricDefect() / scale2);
        // φ = 5, γ ≈ 74: Λ⁻¹Λ sums 4 products of size γ² ≈ 5.5e3, each rounded at 1.1e-16
        LorentzTransform l = LorentzTransform.boost(new double[] {0, 1, 0}, 5);
        assertIdentity(l.inverse().compose(l), 8 * 1.1e-16 * l.get(0, 0) * l.get(0, 0));
    }

    @Test
    void improperAndNonOrthochronousTransformationsAreRecognised() {
        LorentzTransform parity = new LorentzTransform(new double[] {1, 0, 0, 0, 0, -1, 0, 0, 0, 0, -1, 0, 0, 0, 0, -1});
        assertEquals(-1.0, parity.determinant());
        assertTrue(parity.isOrthochronous());
        LorentzTransform timeReversal = new LorentzTransform(new double[] {-1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1});
        assertFalse(timeReversal.isOrthochronous());
        assertEquals(-1.0, timeReversal.determinant());
    }

    @Test
    void rejectsInvalidInput() {
        double[] scaled = new double[16];
        for (int i = 0; i < 4; i++) {
            scaled[i * 5] = 2;
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LorentzTransform(scaled));
        assertTrue(e.getMessage().contains("not a Lorentz transformation"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LorentzTransform(new double[9]));
        double[] nan = LorentzTransform.identity().matrix();
        nan[5] = Double.NaN;
        assertThrows(IllegalArgumentException.class, () -> new LorentzTransform(nan));
        assertThrows(IllegalArgumentException.class, () -> LorentzTransform.boost(new double[] {0.6, 0, 0}, 1));
        assertThrows(IllegalArgumentException.class, () -> LorentzTransform.boost(new double[] {1, 0}, 1));
        assertThrows(IllegalArgumentException.class, () -> LorentzTransform.boost(new double[] {1, 0, 0}, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> LorentzTransform.rotation(new double[] {0, 0, 0}, 1));
        assertThrows(IllegalArgumentException.class, () -> LorentzTransform.rotationFromQuaternion(1, 1, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> LorentzTransform.random(new SplittableRandom(1), -0.1));
        assertThrows(IllegalArgumentException.class, () -> LorentzTransform.identity().apply(new double[3]));
        assertThrows(IllegalArgumentException.class, () -> Minkowski.interval(new double[5]));
    }

    @Test
    void matrixIsCopiedInAndOut() {
        double[] m = LorentzTransform.identity().matrix();
        LorentzTransform l = new LorentzTransform(m);
        m[0] = 5;
        assertEquals(1.0, l.get(0, 0));
        l.matrix()[0] = 7;
        assertEquals(1.0, l.get(0, 0));
        assertEquals(LorentzTransform.identity(), l);
        assertEquals(LorentzTransform.identity().hashCode(), l.hashCode());
    }

    @Test
    void sameSeedGivesSameTransformation() {
        LorentzTransform a = LorentzTransform.random(new SplittableRandom(7), 1.5);
        LorentzTransform b = LorentzTransform.random(new SplittableRandom(7), 1.5);
        assertEquals(a, b);
        assertNotEquals(a, LorentzTransform.random(new SplittableRandom(8), 1.5));
    }

    @Test
    void randomRotationsAreUnbiased() {
        // Haar measure: every entry of R has mean 0 and standard deviation 1/√3
        SplittableRandom rng = new SplittableRandom(SEED + 3);
        double[] mean = new double[16];
        for (int k = 0; k < SAMPLES; k++) {
            double[] m = LorentzTransform.randomRotation(rng).matrix();
            for (int i = 0; i < 16; i++) {
                mean[i] += m[i] / SAMPLES;
            }
        }
        // standard error (1/√3)/√20000 ≈ 0.0041; 5 standard errors
        double bound = 5 / Math.sqrt(3.0 * SAMPLES);
        for (int i = 1; i < 4; i++) {
            for (int j = 1; j < 4; j++) {
                assertEquals(0.0, mean[i * 4 + j], bound, "mean of R[" + i + "][" + j + "]");
            }
        }
    }
}
