package org.invariantlab.physics.lorentz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FieldTensorTest {

    private static final long SEED = 977L;
    private static final int SAMPLES = 20_000;
    private static final double MAX_RAPIDITY = 2.0;

    /**
     * Invariants of a transformed field relative to the scale |E|²+|B|² before plus after: every entry of
     * F' = ΛFΛᵀ sums 16 products of entries of Λ (below cosh 2 + sinh 2 ≈ 7.4) and F, rounded at
     * 1.1e-16, which moves E·B and E²−B² by ~1e-14 of the scale (measured: 3e-15); 1e-12 leaves a margin
     * of 100.
     */
    private static final double INVARIANT_TOL = 1e-12;

    /** Closed-form comparisons of fields of order 1 after one boost: a few ulps. */
    private static final double FORMULA_TOL = 1e-14;

    private static double[] field(SplittableRandom rng) {
        double[] f = new double[6];
        for (int i = 0; i < 6; i++) {
            f[i] = rng.nextDouble(-1, 1);
        }
        return f;
    }

    private static double scale(double[] f) {
        double s = 0;
        for (double c : f) {
            s += c * c;
        }
        return s;
    }

    private static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }

    private static double dot3(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    @Test
    void tensorLayoutFollowsTheDocumentedConvention() {
        double[] f = {1, 2, 3, 4, 5, 6};
        double[] t = FieldTensor.toTensor(f);
        assertEquals(1, t[1]);  // F^{01} = Ex
        assertEquals(-2, t[8]); // F^{20} = −Ey
        assertEquals(6, t[6]);  // F^{12} = Bz
        assertEquals(4, t[11]); // F^{23} = Bx
        assertEquals(5, t[13]); // F^{31} = By
        assertEquals(-5, t[7]); // F^{13} = −By
        assertArrayEquals(f, FieldTensor.fromTensor(t));
    }

    @Test
    void invariantsArePreservedUnderRandomTransformations() {
        SplittableRandom rng = new SplittableRandom(SEED);
        double worstDot = 0;
        double worstDiff = 0;
        for (int k = 0; k < SAMPLES; k++) {
            LorentzTransform l = LorentzTransform.random(rng, MAX_RAPIDITY);
            double[] f = field(rng);
            double[] g = FieldTensor.transform(l, f);
            double s = scale(f) + scale(g);
            worstDot = Math.max(worstDot, Math.abs(FieldTensor.eDotB(g) - FieldTensor.eDotB(f)) / s);
            worstDiff = Math.max(worstDiff,
                    Math.abs(FieldTensor.eSquaredMinusBSquared(g) - FieldTensor.eSquaredMinusBSquared(f)) / s);
        }
        assertTrue(worstDot <= INVARIANT_TOL, "max relative drift of E·B = " + worstDot);
        assertTrue(worstDiff <= INVARIANT_TOL, "max relative drift of E²−B² = " + worstDiff);
    }

    @Test
    void boostOfPureElectricFieldGivesMinusGammaVCrossE() {
        double beta = 0.6;
        double gamma = 1.25;
        double[] e = {0.3, -0.7, 0.4};
        LorentzTransform l = LorentzTransform.boost(new double[] {1, 0, 0}, 0.5 * Math.log((1 + beta) / (1 - beta)));
        double[] g = FieldTensor.transform(l, new double[] {e[0], e[1], e[2], 0, 0, 0});
        double[] vxe = cross(new double[] {beta, 0, 0}, e);
        assertArrayEquals(new double[] {-gamma * vxe[0], -gamma * vxe[1], -gamma * vxe[2]},
                new double[] {g[3], g[4], g[5]}, FORMULA_TOL, "B' = −γ v × E");
        // parallel component unchanged, perpendicular components scaled by γ
        assertArrayEquals(new double[] {e[0], gamma * e[1], gamma * e[2]}, new double[] {g[0], g[1], g[2]}, FORMULA_TOL);
    }

    @Test
    void generalBoostMatchesJacksonFieldTransformation() {
        SplittableRandom rng = new SplittableRandom(SEED + 1);
        for (int k = 0; k < 500; k++) {
            double z = rng.nextDouble(-1, 1);
            double a = rng.nextDouble(0, 2 * Math.PI);
            double r = Math.sqrt(1 - z * z);
            double[] n = {r * Math.cos(a), r * Math.sin(a), z};
            double phi = rng.nextDouble(0, MAX_RAPIDITY);
            double gamma = Math.cosh(phi);
            double b = Math.tanh(phi);
            double[] v = {b * n[0], b * n[1], b * n[2]};
            double[] f = field(rng);
            double[] e = {f[0], f[1], f[2]};
            double[] bf = {f[3], f[4], f[5]};
            double[] vxb = cross(v, bf);
            double[] vxe = cross(v, e);
            double c = gamma * gamma / (gamma + 1);
            double ve = dot3(v, e);
            double vb = dot3(v, bf);
            double[] expected = new double[6];
            for (int i = 0; i < 3; i++) {
                expected[i] = gamma * (e[i] + vxb[i]) - c * v[i] * ve;
                expected[i + 3] = gamma * (bf[i] - vxe[i]) - c * v[i] * vb;
            }
            // fields grow at most by γ(1+β) ≈ 7.4; rounding scales with them
            assertArrayEquals(expected, FieldTensor.transform(LorentzTransform.boost(n, phi), f), 10 * FORMULA_TOL);
        }
    }

    @Test
    void rotationRotatesEAndBAsVectors() {
        LorentzTransform r = LorentzTransform.rotation(new double[] {0.2, -1, 0.7}, 1.3);
        double[] f = {0.3, -0.2, 0.9, -0.5, 0.1, 0.4};
        double[] re = r.apply(new double[] {0, f[0], f[1], f[2]});
        double[] rb = r.apply(new double[] {0, f[3], f[4], f[5]});
        assertArrayEquals(new double[] {re[1], re[2], re[3], rb[1], rb[2], rb[3]}, FieldTensor.transform(r, f), FORMULA_TOL);
    }

    @Test
    void eSquaredMinusBSquaredIsMinusHalfTheContraction() {
        double[] f = {0.3, -0.2, 0.9, -0.5, 0.1, 0.4};
        double[] t = FieldTensor.toTensor(f);
        double contraction = 0;
        for (int mu = 0; mu < 4; mu++) {
            for (int nu = 0; nu < 4; nu++) {
                double lower = Minkowski.metric(mu) * Minkowski.metric(nu) * t[mu * 4 + nu];
                contraction += lower * t[mu * 4 + nu];
            }
        }
        assertEquals(FieldTensor.eSquaredMinusBSquared(f), -0.5 * contraction, FORMULA_TOL);
    }

    @Test
    void transformedTensorIsExactlyAntisymmetric() {
        SplittableRandom rng = new SplittableRandom(SEED + 2);
        double[] t = LorentzTransform.random(rng, MAX_RAPIDITY).applyToFieldTensor(FieldTensor.toTensor(field(rng)));
        for (int mu = 0; mu < 4; mu++) {
            assertEquals(0.0, t[mu * 5]);
            for (int nu = 0; nu < 4; nu++) {
                assertEquals(-t[nu * 4 + mu], t[mu * 4 + nu], 0.0); // exact; 0.0 == -0.0 on the diagonal
            }
        }
    }

    @Test
    void rejectsMalformedInput() {
        double[] symmetric = FieldTensor.toTensor(new double[] {1, 2, 3, 4, 5, 6});
        symmetric[4] = 1; // F^{10} = +F^{01}
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LorentzTransform.identity().applyToFieldTensor(symmetric));
        assertTrue(e.getMessage().contains("antisymmetric"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FieldTensor.fromTensor(symmetric));
        assertThrows(IllegalArgumentException.class, () -> FieldTensor.toTensor(new double[4]));
        assertThrows(IllegalArgumentException.class, () -> FieldTensor.eDotB(new double[7]));
        assertThrows(IllegalArgumentException.class, () -> FieldTensor.fromTensor(new double[15]));
    }
}
