package org.invariantlab.core.train;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API loops of {@link FloatActivations}; loaded only when {@code jdk.incubator.vector} is present.
 * Each handles whole vectors and returns where the scalar remainder starts.
 */
final class VectorActivations {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private VectorActivations() {
    }

    static int apply(SmoothActivation f, float[] a, float[] h, float[] d1, float[] d2, int n, boolean second) {
        int bound = S.loopBound(n);
        float c = (float) SmoothActivation.GELU_C;
        for (int i = 0; i < bound; i += S.length()) {
            FloatVector x = FloatVector.fromArray(S, a, i);
            switch (f) {
                case SWISH, GELU -> {
                    float scale = f == SmoothActivation.GELU ? c : 1f;
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
                    FloatVector t = x.lanewise(VectorOperators.TANH);
                    FloatVector dt = t.mul(t).neg().add(1f);
                    t.intoArray(h, i);
                    dt.intoArray(d1, i);
                    if (second) {
                        t.mul(-2f).mul(dt).intoArray(d2, i);
                    }
                }
                case SOFTPLUS -> {
                    FloatVector s = sigmoid(x);
                    x.max(0f).add(x.abs().neg().lanewise(VectorOperators.EXP).lanewise(VectorOperators.LOG1P))
                            .intoArray(h, i);
                    s.intoArray(d1, i);
                    if (second) {
                        s.mul(s.neg().add(1f)).intoArray(d2, i);
                    }
                }
                default -> throw new IllegalStateException(f.name());
            }
        }
        return bound;
    }

    /** {@code 1/(1 + e^{−x})}. */
    private static FloatVector sigmoid(FloatVector x) {
        return FloatVector.broadcast(S, 1f).div(x.neg().lanewise(VectorOperators.EXP).add(1f));
    }
}
