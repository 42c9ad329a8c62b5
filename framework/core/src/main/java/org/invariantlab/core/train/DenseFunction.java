package org.invariantlab.core.train;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.invariantlab.api.system.ScalarField;
import org.nd4j.linalg.activations.IActivation;

/**
 * An immutable plain-Java copy of a trained encoder for pointwise use: the value of one latent and its
 * analytic gradient with respect to the raw input, in double precision, for one state at a time.
 *
 * <p>With {@code u = (x − μ)/σ}, {@code a_l = h_{l−1} W_l + b_l}, {@code h_l = φ(a_l)}, {@code h_0 = u} and a
 * linear last layer, the gradient of output {@code o} is the backward recursion
 * <pre>
 *   g_L = e_o,   g_{l−1} = (W_l g_l) ⊙ φ'(a_{l−1}),   ∂f_o/∂x_j = (W_1 g_1)_j / σ_j
 * </pre>
 * (the input Jacobian of the MLP, transposed, times the chain rule through the standardisation).
 * Activations: swish {@code aσ(a)}, tanh, relu, softplus {@code log(1 + e^a)}, sigmoid, and GELU in DL4J's
 * default form {@code a·σ(1.702a)} (Hendrycks &amp; Gimpel, arXiv:1606.08415). It agrees with the DL4J
 * network to rounding: exactly the same function for DOUBLE networks, within single-precision rounding of
 * the network's own arithmetic for FLOAT ones (tested). Thread-safe: no mutable state.
 */
final class DenseFunction {

    private final double[] mean;
    private final double[] std;
    private final double[][] weights;
    private final double[][] biases;
    private final int[] fanIn;
    private final int[] fanOut;
    private final ActivationFunction[] phi;

    DenseFunction(MultiLayerNetwork net, Standardization standardization) {
        Layer[] layers = net.getLayers();
        int n = layers.length;
        weights = new double[n][];
        biases = new double[n][];
        fanIn = new int[n];
        fanOut = new int[n];
        phi = new ActivationFunction[n];
        for (int l = 0; l < n; l++) {
            double[][] w = layers[l].getParam(DefaultParamInitializer.WEIGHT_KEY).toDoubleMatrix();
            fanIn[l] = w.length;
            fanOut[l] = w[0].length;
            weights[l] = new double[fanIn[l] * fanOut[l]];
            for (int i = 0; i < fanIn[l]; i++) {
                System.arraycopy(w[i], 0, weights[l], i * fanOut[l], fanOut[l]);
            }
            biases[l] = layers[l].getParam(DefaultParamInitializer.BIAS_KEY).reshape(fanOut[l]).toDoubleVector();
            phi[l] = phiOf(((org.deeplearning4j.nn.conf.layers.BaseLayer) layers[l].conf().getLayer())
                    .getActivationFn());
        }
        mean = standardization.mean();
        std = standardization.std();
        if (mean.length != fanIn[0]) {
            throw new IllegalArgumentException("standardisation has " + mean.length + " inputs, the network "
                    + fanIn[0]);
        }
    }

    private static ActivationFunction phiOf(IActivation a) {
        ActivationFunction f = ActivationFunction.find(a);
        if (f == null) {
            throw new IllegalArgumentException("unsupported activation " + a);
        }
        return f;
    }

    int inputs() {
        return fanIn[0];
    }

    int outputs() {
        return fanOut[fanOut.length - 1];
    }

    /** A {@link ScalarField} view of output {@code o}. */
    ScalarField field(int o) {
        if (o < 0 || o >= outputs()) {
            throw new IndexOutOfBoundsException("output " + o + " outside [0, " + outputs() + ")");
        }
        return new ScalarField() {
            @Override
            public double value(double[] x) {
                double[][] a = forward(x);
                int last = a.length - 1;
                return phi[last].value(a[last][o]);
            }

            @Override
            public double[] gradient(double[] x) {
                return DenseFunction.this.gradient(x, o);
            }

            @Override
            public String toString() {
                return "latent " + o + " of a " + inputs() + "-input encoder";
            }
        };
    }

    /** Pre-activations {@code a_1..a_L} for the raw state {@code x}; the last one is the output. */
    private double[][] forward(double[] x) {
        if (x.length != mean.length) {
            throw new IllegalArgumentException("expected a state of dimension " + mean.length + ", got " + x.length);
        }
        double[] h = new double[x.length];
        for (int j = 0; j < x.length; j++) {
            h[j] = (x[j] - mean[j]) / std[j];
        }
        double[][] pre = new double[weights.length][];
        for (int l = 0; l < weights.length; l++) {
            int m = fanOut[l];
            double[] a = biases[l].clone();
            double[] w = weights[l];
            for (int i = 0; i < fanIn[l]; i++) {
                double hi = h[i];
                int row = i * m;
                for (int j = 0; j < m; j++) {
                    a[j] += hi * w[row + j];
                }
            }
            pre[l] = a;
            h = new double[m];
            for (int j = 0; j < m; j++) {
                h[j] = phi[l].value(a[j]);
            }
        }
        return pre;
    }

    private double[] gradient(double[] x, int o) {
        double[][] pre = forward(x);
        int last = weights.length - 1;
        double[] g = new double[fanOut[last]];
        g[o] = phi[last].derivative(pre[last][o]);
        for (int l = last; l >= 0; l--) {
            int m = fanOut[l];
            double[] w = weights[l];
            double[] back = new double[fanIn[l]];
            for (int i = 0; i < fanIn[l]; i++) {
                double s = 0;
                int row = i * m;
                for (int j = 0; j < m; j++) {
                    s += w[row + j] * g[j];
                }
                back[i] = l > 0 ? s * phi[l - 1].derivative(pre[l - 1][i]) : s;
            }
            g = back;
        }
        for (int j = 0; j < g.length; j++) {
            g[j] /= std[j];
        }
        return g;
    }
}
