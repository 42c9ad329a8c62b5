package org.invariantlab.core.train;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API loops of {@link FloatActivations}; loaded only when {@code jdk.incubator.vector} is present.
 * Each handles whole vectors and returns where the scalar remainder starts.
 *
 * <p><b>Reproducibility.</b> The exponential is computed here from exactly rounded operations only (multiply, add,
 * divide, integer shifts on the bits), not with {@code lanewise(EXP)}: the library's {@code EXP} gives different last bits
 * before and after the JIT compiles the loop (a Java fallback, then a native intrinsic), which made the same seed
 * train to different bytes from run to run. With
 * {@code x = clamp(x, −87, 88)}, {@code t = x·log₂e}, {@code n = round(t)}, {@code f = t − n ∈ [−½, ½]}:
 * <pre>  eˣ = 2ⁿ · 2ᶠ,   2ᶠ = Σ_{k=0..7} (f ln 2)ᵏ / k!   (Taylor; remainder below (½ ln 2)⁸/8! ≈ 5·10⁻⁹)</pre>
 * and {@code 2ⁿ} built from its exponent bits. Relative error about 10⁻⁷ (single-precision rounding of the
 * evaluation). Softplus needs a logarithm and has no vector loop (the scalar one runs).
 */
final class VectorActivations {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private static final float LOG2E = 1.44269504088896341f;
    private static final float LN2 = 0.693147180559945309f;
    /** {@code 1.5·2²³}: adding it rounds a float of magnitude below 2²² to an integer, exactly (IEEE). */
    private static final float ROUNDER = 12582912f;
    private static final int ROUNDER_BITS = Float.floatToRawIntBits(ROUNDER);
    /** Taylor coefficients of {@code 2ᶠ = e^{f ln 2}}: {@code (ln 2)ᵏ/k!}, k = 1..7. */
    private static final float[] C = taylor();

    private VectorActivations() {
    }

    private static float[] taylor() {
        float[] c = new float[8];
        double term = 1;
        for (int k = 0; k < c.length; k++) {
            c[k] = (float) term;
            term *= LN2 / (k + 1);
        }
        return c;
    }

    static int apply(ActivationFunction f, float[] a, float[] h, float[] d1, float[] d2, int n, boolean second) {
        if (f == ActivationFunction.SOFTPLUS) {
            return 0;
        }
        int bound = S.loopBound(n);
        float c = (float) ActivationFunction.GELU_C;
        for (int i = 0; i < bound; i += S.length()) {
            FloatVector x = FloatVector.fromArray(S, a, i);
            switch (f) {
                case SWISH, GELU -> {
                    float scale = f == ActivationFunction.GELU ? c : 1f;
                    FloatVector cx = x.mul(scale);
                    FloatVector s = sigmoid(cx);
                    FloatVector ds = s.mul(s.neg().add(1f));
                    x.mul(s).intoArray(h, i);
                    s.add(cx.mul(ds)).intoArray(d1, i);
                    if (second) {
                        ds.mul(scale).mul(cx.mul(s.mul(-2f).add(1f)).add(2f)).intoArray(d2, i);
                    }
                }
                case SIGMOID -> {
                    FloatVector s = sigmoid(x);
                    FloatVector ds = s.mul(s.neg().add(1f));
                    s.intoArray(h, i);
                    ds.intoArray(d1, i);
                    if (second) {
                        ds.mul(s.mul(-2f).add(1f)).intoArray(d2, i);
                    }
                }
                case TANH -> {
                    // tanh x = 1 − 2/(e^{2x} + 1)
                    FloatVector t = FloatVector.broadcast(S, 1f).sub(FloatVector.broadcast(S, 2f)
                            .div(exp(x.mul(2f)).add(1f)));
                    FloatVector dt = t.mul(t).neg().add(1f);
                    t.intoArray(h, i);
                    dt.intoArray(d1, i);
                    if (second) {
                        t.mul(-2f).mul(dt).intoArray(d2, i);
                    }
                }
                case MISH -> {
                    // t = tanh(softplus x) = n/(n + 2), n = u(u + 2), u = e^{min(x, 20)}; s = σ(x) = 1 − 1/(1 + e^x)
                    FloatVector u = exp(x.min((float) ActivationFunction.MISH_CLAMP));
                    FloatVector nn = u.mul(u.add(2f));
                    FloatVector t = nn.div(nn.add(2f));
                    FloatVector s = sigmoid(x);
                    FloatVector dt = t.mul(t).neg().add(1f);
                    x.mul(t).intoArray(h, i);
                    t.add(x.mul(dt).mul(s)).intoArray(d1, i);
                    if (second) {
                        // (1 − t²)s·(2 + x(1 − s − 2ts))
                        FloatVector inner = s.neg().add(1f).sub(t.mul(s).mul(2f));
                        dt.mul(s).mul(x.mul(inner).add(2f)).intoArray(d2, i);
                    }
                }
                default -> throw new IllegalStateException(f.name());
            }
        }
        return bound;
    }

    /** {@code 1/(1 + e^{−x})}. */
    private static FloatVector sigmoid(FloatVector x) {
        return FloatVector.broadcast(S, 1f).div(exp(x.neg()).add(1f));
    }

    /** {@code eˣ} from exactly rounded operations (see the class comment). */
    static FloatVector exp(FloatVector x) {
        FloatVector t = x.max(-87f).min(88f).mul(LOG2E);
        // n = round(t): adding 1.5·2²³ leaves the integer part in the low mantissa bits (ulp 1 there)
        FloatVector shifted = t.add(ROUNDER);
        FloatVector fr = t.sub(shifted.sub(ROUNDER));
        FloatVector p = fr.mul(C[7]).add(C[6]);
        p = p.mul(fr).add(C[5]);
        p = p.mul(fr).add(C[4]);
        p = p.mul(fr).add(C[3]);
        p = p.mul(fr).add(C[2]);
        p = p.mul(fr).add(C[1]);
        p = p.mul(fr).add(C[0]);
        // 2ⁿ: the bits of shifted are bits(1.5·2²³) + n; move n + 127 into the exponent field
        FloatVector twoToN = ((IntVector) shifted.reinterpretAsInts()).sub(ROUNDER_BITS - 127)
                .lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        return p.mul(twoToN);
    }
}
