package org.invariantlab.core.train;

/**
 * Adam for the head's own parameters {@code θ} (a handful of numbers), in plain Java, with the same rule as
 * ND4J's {@code AdamUpdater} that trains the network (Kingma &amp; Ba, ICLR 2015, §2 with the efficient
 * ordering of the bias corrections): at step {@code t = 1, 2, …}
 * <pre>
 *   m ← β₁ m + (1 − β₁) g,   v ← β₂ v + (1 − β₂) g²
 *   θ ← θ − α_t · m / (√v + ε),   α_t = η · √(1 − β₂ᵗ) / (1 − β₁ᵗ)
 * </pre>
 * with {@code β₁ = 0.9}, {@code β₂ = 0.999}, {@code ε = 10⁻⁸}. Not thread-safe.
 */
final class ParameterAdam {

    static final double BETA1 = 0.9;
    static final double BETA2 = 0.999;
    static final double EPSILON = 1e-8;

    private final double[] m;
    private final double[] v;
    private int t;

    ParameterAdam(int size) {
        m = new double[size];
        v = new double[size];
    }

    /** One update of {@code theta} in place with gradient {@code g} and step size {@code eta}. */
    void step(double[] theta, double[] g, double eta) {
        if (theta.length != m.length || g.length != m.length) {
            throw new IllegalArgumentException("expected " + m.length + " parameters and gradients");
        }
        t++;
        double alpha = eta * Math.sqrt(1.0 - Math.pow(BETA2, t)) / (1.0 - Math.pow(BETA1, t));
        for (int i = 0; i < m.length; i++) {
            m[i] = BETA1 * m[i] + (1.0 - BETA1) * g[i];
            v[i] = BETA2 * v[i] + (1.0 - BETA2) * g[i] * g[i];
            theta[i] -= alpha * m[i] / (Math.sqrt(v[i]) + EPSILON);
        }
    }
}
