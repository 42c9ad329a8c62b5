package org.invariantlab.core.train;

import org.invariantlab.api.InvalidInputException;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationGELU;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationMish;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftPlus;
import org.nd4j.linalg.activations.impl.ActivationSwish;
import org.nd4j.linalg.activations.impl.ActivationTanH;

/**
 * The one home of the network's activations: {@code φ} with its first derivative for every activation the engine
 * runs ({@link #value}, {@link #derivative}: {@link DenseFunction}'s exact double-precision evaluation), and with its
 * second derivative for the smooth ones, for the second-order pass of {@link JacobianKernel} and the single-precision
 * kernels ({@link FloatActivations}, {@link VectorActivations} vectorise the same formulas). With
 * {@code σ(a) = 1/(1 + e^{−a})} and {@code s' = s(1 − s)}:
 * <pre>
 *   identity  φ = a                 φ' = 1                        φ'' = 0
 *   swish     φ = a·σ(a)            φ' = s + a·s'                 φ'' = s'·(2 + a(1 − 2s))
 *   gelu      φ = a·σ(ca), c=1.702  φ' = s + c·a·s'               φ'' = c·s'·(2 + c·a(1 − 2s))   (s = σ(ca))
 *   sigmoid   φ = σ(a)              φ' = s'                       φ'' = s'(1 − 2s)
 *   tanh      φ = t = tanh a        φ' = 1 − t²                   φ'' = −2t(1 − t²)
 *   softplus  φ = ln(1 + e^a)       φ' = σ(a)                     φ'' = s'
 *   relu      φ = max(a, 0)         φ' = [a > 0]                  (none)
 *   mish      φ = a·t, t = tanh(softplus a)
 *                                   φ' = t + a(1 − t²)s           φ'' = (1 − t²)s·(2 + a(1 − s − 2ts))   (s = σ(a))
 * </pre>
 * Mish (Misra, arXiv:1908.08681) is the activation of Ha and Jeong's networks; with {@code u = eᵃ},
 * {@code t = u(u + 2)/(u(u + 2) + 2)} needs only the exponential (for {@code a > 20}, {@code t = 1} in float and
 * double alike, and the ratio would overflow: it is evaluated at {@code min(a, 20)}).
 * ({@code gelu} is DL4J's default, non-precise form, Hendrycks and Gimpel, arXiv:1606.08415.) ReLU has no
 * second derivative, so losses on input gradients cannot train through it: it is refused with a plain message.
 */
enum ActivationFunction {
    IDENTITY, SWISH, GELU, SIGMOID, TANH, SOFTPLUS, RELU, MISH;

    /** Above this, {@code tanh(softplus a) = 1} to double precision; Mish's ratio is evaluated at most here. */
    static final double MISH_CLAMP = 20;

    /** DL4J's sigmoid approximation constant of GELU. */
    static final double GELU_C = 1.702f; // the single-precision constant of libnd4j's gelu kernel

    /** The smooth activation of a DL4J activation function; refuses the ones without a second derivative. */
    static ActivationFunction of(IActivation a) {
        if (a instanceof ActivationGELU g && g.isPrecise()) {
            throw new InvalidInputException("the precise GELU is not supported by second-order training; use the "
                    + "default gelu, swish, tanh, sigmoid, softplus or mish");
        }
        ActivationFunction f = find(a);
        if (f == null || !f.smooth()) {
            throw new InvalidInputException("activation " + a + " has no second derivative, which training on input "
                    + "gradients needs; use --activation " + String.join(", ", EncoderConfig.SECOND_ORDER_ACTIVATIONS));
        }
        return f;
    }

    /** Whether {@code φ''} exists (every activation but ReLU). */
    boolean smooth() {
        return this != RELU;
    }

    /** The activation of {@code a}, or {@code null} when the engine has none for it (precise GELU, …). */
    static ActivationFunction find(IActivation a) {
        if (a instanceof ActivationIdentity) {
            return IDENTITY;
        }
        if (a instanceof ActivationSwish) {
            return SWISH;
        }
        if (a instanceof ActivationGELU g) {
            return g.isPrecise() ? null : GELU;
        }
        if (a instanceof ActivationSigmoid) {
            return SIGMOID;
        }
        if (a instanceof ActivationTanH) {
            return TANH;
        }
        if (a instanceof ActivationSoftPlus) {
            return SOFTPLUS;
        }
        if (a instanceof ActivationReLU) {
            return RELU;
        }
        if (a instanceof ActivationMish) {
            return MISH;
        }
        return null;
    }

    /** Whether every layer of {@code net} is dense with a smooth activation of this enum (ReLU, precise GELU excluded). */
    static boolean supports(org.deeplearning4j.nn.multilayer.MultiLayerNetwork net) {
        for (org.deeplearning4j.nn.api.Layer layer : net.getLayers()) {
            if (!(layer.conf().getLayer() instanceof org.deeplearning4j.nn.conf.layers.DenseLayer
                    || layer.conf().getLayer() instanceof org.deeplearning4j.nn.conf.layers.OutputLayer)
                    || !smooth(find(((org.deeplearning4j.nn.conf.layers.BaseLayer) layer.conf().getLayer())
                    .getActivationFn()))) {
                return false;
            }
        }
        return true;
    }

    private static boolean smooth(ActivationFunction f) {
        return f != null && f.smooth();
    }

    /** {@code σ(t)} in the form that never overflows. */
    private static double sigmoid(double t) {
        return t >= 0 ? 1.0 / (1.0 + Math.exp(-t)) : Math.exp(t) / (1.0 + Math.exp(t));
    }

    /** {@code φ(a)}, exactly as the double-precision DL4J network computes it (tested). */
    double value(double a) {
        return switch (this) {
            case IDENTITY -> a;
            case SWISH -> a * sigmoid(a);
            case TANH -> Math.tanh(a);
            case RELU -> a > 0 ? a : 0.0;
            case SOFTPLUS -> Math.max(a, 0.0) + Math.log1p(Math.exp(-Math.abs(a)));
            case SIGMOID -> sigmoid(a);
            case GELU -> a * sigmoid(GELU_C * a);
            case MISH -> a * mishT(a);
        };
    }

    /** {@code tanh(softplus a) = u(u + 2)/(u(u + 2) + 2)} with {@code u = e^{min(a, 20)}}. */
    static double mishT(double a) {
        double u = Math.exp(Math.min(a, MISH_CLAMP));
        double n = u * (u + 2);
        return n / (n + 2);
    }

    /** {@code φ'(a)}. */
    double derivative(double a) {
        return switch (this) {
            case IDENTITY -> 1.0;
            case SWISH -> {
                double s = sigmoid(a);
                yield s + a * s * (1.0 - s);
            }
            case TANH -> {
                double t = Math.tanh(a);
                yield 1.0 - t * t;
            }
            case RELU -> a > 0 ? 1.0 : 0.0;
            case SOFTPLUS -> sigmoid(a);
            case SIGMOID -> {
                double s = sigmoid(a);
                yield s * (1.0 - s);
            }
            case GELU -> {
                double s = sigmoid(GELU_C * a);
                yield s + GELU_C * a * s * (1.0 - s);
            }
            case MISH -> {
                double t = mishT(a);
                yield t + a * (1 - t * t) * sigmoid(a);
            }
        };
    }

    /**
     * Writes {@code φ(a_i)}, {@code φ'(a_i)} and {@code φ''(a_i)} for {@code i ∈ [0, n)} (smooth activations only).
     */
    void apply(double[] a, double[] h, double[] d1, double[] d2, int n) {
        switch (this) {
            case IDENTITY -> {
                System.arraycopy(a, 0, h, 0, n);
                java.util.Arrays.fill(d1, 0, n, 1.0);
                java.util.Arrays.fill(d2, 0, n, 0.0);
            }
            case SWISH -> {
                for (int i = 0; i < n; i++) {
                    double x = a[i];
                    double s = 1 / (1 + Math.exp(-x));
                    double ds = s * (1 - s);
                    h[i] = x * s;
                    d1[i] = s + x * ds;
                    d2[i] = ds * (2 + x * (1 - 2 * s));
                }
            }
            case GELU -> {
                for (int i = 0; i < n; i++) {
                    double x = a[i];
                    double s = 1 / (1 + Math.exp(-GELU_C * x));
                    double ds = s * (1 - s);
                    h[i] = x * s;
                    d1[i] = s + GELU_C * x * ds;
                    d2[i] = GELU_C * ds * (2 + GELU_C * x * (1 - 2 * s));
                }
            }
            case SIGMOID -> {
                for (int i = 0; i < n; i++) {
                    double s = 1 / (1 + Math.exp(-a[i]));
                    double ds = s * (1 - s);
                    h[i] = s;
                    d1[i] = ds;
                    d2[i] = ds * (1 - 2 * s);
                }
            }
            case TANH -> {
                for (int i = 0; i < n; i++) {
                    double t = Math.tanh(a[i]);
                    double dt = 1 - t * t;
                    h[i] = t;
                    d1[i] = dt;
                    d2[i] = -2 * t * dt;
                }
            }
            case SOFTPLUS -> {
                for (int i = 0; i < n; i++) {
                    double x = a[i];
                    double s = 1 / (1 + Math.exp(-x));
                    h[i] = x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
                    d1[i] = s;
                    d2[i] = s * (1 - s);
                }
            }
            case MISH -> {
                for (int i = 0; i < n; i++) {
                    double x = a[i];
                    double t = mishT(x);
                    double s = sigmoid(x);
                    double dt = 1 - t * t;
                    h[i] = x * t;
                    d1[i] = t + x * dt * s;
                    d2[i] = dt * s * (2 + x * (1 - s - 2 * t * s));
                }
            }
            default -> throw new IllegalStateException(name());
        }
    }
}
