package org.invariantlab.core.train;

/**
 * The activations of {@link FloatJacobianKernel} in single precision: {@code φ}, {@code φ'} and (for second-order
 * training) {@code φ''} of a {@link ActivationFunction}, with the formulas documented there.
 *
 * <p>The exponential is the cost of an activation: a scalar loop over 256 × 64 floats with {@code Math.exp} takes
 * about 120 µs per swish layer (φ, φ', φ'') on this project's machine, as much as four of the layer's matrix
 * products. Java 17's Vector API ({@code jdk.incubator.vector}, 16 float lanes there, with an exponential built from
 * exactly rounded operations so that runs are reproducible, {@link VectorActivations}) takes a fraction of that. It is an incubator module: the launcher
 * adds it with {@code --add-modules jdk.incubator.vector}; where it is absent (another launcher, an embedding
 * application) or switched off with {@code -Dinvariantlab.vector=false}, the scalar loops run, with the same results
 * to single-precision rounding.
 */
final class FloatActivations {

    /** Whether the Vector API path is used: the module is present and not switched off. */
    static final boolean VECTOR = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
            && !"false".equalsIgnoreCase(System.getProperty("invariantlab.vector"));

    private FloatActivations() {
    }

    /**
     * Writes {@code φ(a_i)}, {@code φ'(a_i)} and, when {@code second}, {@code φ''(a_i)} for {@code i ∈ [0, n)}.
     */
    static void apply(ActivationFunction f, float[] a, float[] h, float[] d1, float[] d2, int n, boolean second) {
        if (f == ActivationFunction.IDENTITY) {
            System.arraycopy(a, 0, h, 0, n);
            java.util.Arrays.fill(d1, 0, n, 1f);
            if (second) {
                java.util.Arrays.fill(d2, 0, n, 0f);
            }
            return;
        }
        int done = VECTOR ? VectorActivations.apply(f, a, h, d1, d2, n, second) : 0;
        scalar(f, a, h, d1, d2, done, n, second);
    }

    /** The scalar loops, for {@code i ∈ [from, n)}. */
    static void scalar(ActivationFunction f, float[] a, float[] h, float[] d1, float[] d2, int from, int n,
                       boolean second) {
        float c = (float) ActivationFunction.GELU_C;
        for (int i = from; i < n; i++) {
            float x = a[i];
            switch (f) {
                case SWISH -> {
                    float s = (float) (1 / (1 + Math.exp(-x)));
                    float ds = s * (1 - s);
                    h[i] = x * s;
                    d1[i] = s + x * ds;
                    if (second) {
                        d2[i] = ds * (2 + x * (1 - 2 * s));
                    }
                }
                case GELU -> {
                    float s = (float) (1 / (1 + Math.exp(-c * x)));
                    float ds = s * (1 - s);
                    h[i] = x * s;
                    d1[i] = s + c * x * ds;
                    if (second) {
                        d2[i] = c * ds * (2 + c * x * (1 - 2 * s));
                    }
                }
                case SIGMOID -> {
                    float s = (float) (1 / (1 + Math.exp(-x)));
                    float ds = s * (1 - s);
                    h[i] = s;
                    d1[i] = ds;
                    if (second) {
                        d2[i] = ds * (1 - 2 * s);
                    }
                }
                case TANH -> {
                    float t = (float) Math.tanh(x);
                    float dt = 1 - t * t;
                    h[i] = t;
                    d1[i] = dt;
                    if (second) {
                        d2[i] = -2 * t * dt;
                    }
                }
                case SOFTPLUS -> {
                    float s = (float) (1 / (1 + Math.exp(-x)));
                    h[i] = (float) (Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x))));
                    d1[i] = s;
                    if (second) {
                        d2[i] = s * (1 - s);
                    }
                }
                case MISH -> {
                    float u = (float) Math.exp(Math.min(x, (float) ActivationFunction.MISH_CLAMP));
                    float nn = u * (u + 2);
                    float t = nn / (nn + 2);
                    float s = (float) (1 / (1 + Math.exp(-x)));
                    float dt = 1 - t * t;
                    h[i] = x * t;
                    d1[i] = t + x * dt * s;
                    if (second) {
                        d2[i] = dt * s * (2 + x * (1 - s - 2 * t * s));
                    }
                }
                default -> throw new IllegalStateException(f.name());
            }
        }
    }
}
