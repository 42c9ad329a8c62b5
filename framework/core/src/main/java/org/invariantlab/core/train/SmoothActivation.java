package org.invariantlab.core.train;

import org.invariantlab.api.InvalidInputException;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationGELU;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftPlus;
import org.nd4j.linalg.activations.impl.ActivationSwish;
import org.nd4j.linalg.activations.impl.ActivationTanH;

/**
 * An activation {@code φ} with its first and second derivatives, for the second-order pass of
 * {@link JacobianKernel}. With {@code σ(a) = 1/(1 + e^{−a})} and {@code s' = s(1 − s)}:
 * <pre>
 *   identity  φ = a                 φ' = 1                        φ'' = 0
 *   swish     φ = a·σ(a)            φ' = s + a·s'                 φ'' = s'·(2 + a(1 − 2s))
 *   gelu      φ = a·σ(ca), c=1.702  φ' = s + c·a·s'               φ'' = c·s'·(2 + c·a(1 − 2s))   (s = σ(ca))
 *   sigmoid   φ = σ(a)              φ' = s'                       φ'' = s'(1 − 2s)
 *   tanh      φ = t = tanh a        φ' = 1 − t²                   φ'' = −2t(1 − t²)
 *   softplus  φ = ln(1 + e^a)       φ' = σ(a)                     φ'' = s'
 * </pre>
 * ({@code gelu} is DL4J's default, non-precise form, Hendrycks and Gimpel, arXiv:1606.08415.) ReLU has no
 * second derivative, so losses on input gradients cannot train through it: it is refused with a plain message.
 */
enum SmoothActivation {
    IDENTITY, SWISH, GELU, SIGMOID, TANH, SOFTPLUS;

    /** DL4J's sigmoid approximation constant of GELU. */
    static final double GELU_C = 1.702f; // the single-precision constant of libnd4j's gelu kernel

    /** The smooth activation of a DL4J activation function; refuses the ones without a second derivative. */
    static SmoothActivation of(IActivation a) {
        if (a instanceof ActivationGELU g && g.isPrecise()) {
            throw new InvalidInputException("the precise GELU is not supported by second-order training; use the "
                    + "default gelu, swish, tanh, sigmoid or softplus");
        }
        SmoothActivation f = find(a);
        if (f == null) {
            throw new InvalidInputException("activation " + a + " has no second derivative, which training on input "
                    + "gradients needs; use --activation " + String.join(", ", EncoderConfig.SECOND_ORDER_ACTIVATIONS));
        }
        return f;
    }

    /** The smooth activation of {@code a}, or {@code null} when it has none (ReLU, precise GELU, …). */
    private static SmoothActivation find(IActivation a) {
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
        return null;
    }

    /** Whether every layer of {@code net} is dense with an activation this enum has (precise GELU excluded). */
    static boolean supports(org.deeplearning4j.nn.multilayer.MultiLayerNetwork net) {
        for (org.deeplearning4j.nn.api.Layer layer : net.getLayers()) {
            if (!(layer.conf().getLayer() instanceof org.deeplearning4j.nn.conf.layers.DenseLayer
                    || layer.conf().getLayer() instanceof org.deeplearning4j.nn.conf.layers.OutputLayer)
                    || find(((org.deeplearning4j.nn.conf.layers.BaseLayer) layer.conf().getLayer())
                    .getActivationFn()) == null) {
                return false;
            }
        }
        return true;
    }

    /**
     * Writes {@code φ(a_i)}, {@code φ'(a_i)} and {@code φ''(a_i)} for {@code i ∈ [0, n)}.
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
            default -> throw new IllegalStateException(name());
        }
    }
}
