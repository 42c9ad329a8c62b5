package org.invariantlab.core.train;

import java.util.Arrays;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The outputs of a dense MLP, their input Jacobian, and the parameter gradient of any loss on both: the
 * second-order pass that DL4J/SameDiff M2.1 cannot take (it does not differentiate twice). Double precision,
 * plain Java loops, every buffer allocated once per batch size.
 *
 * <p>Forward, for rows {@code x} ({@code r × d}): layers {@code a_l = h_{l−1} W_l + b_l}, {@code h_l = φ_l(a_l)},
 * {@code h_0 = x}, {@code z = h_L}; then, per row and output {@code o}, the input gradient by reverse mode (one
 * backward pass per output, so the cost grows with {@code k}, not with {@code d}):
 * <pre>
 *   e_L = e_o,   s_l = e_l ⊙ φ_l'(a_l),   e_{l−1} = s_l W_lᵀ,   J[row, o, ·] = ∂z_o/∂x = e_0
 * </pre>
 * Backward, for upstream gradients {@code ∂L/∂z} and {@code Ē_0 = ∂L/∂J} (reverse mode through the backward chain,
 * where {@code φ''} appears, then the ordinary backward pass):
 * <pre>
 *   for l = 1..L:   S̄_l = Ē_{l−1} W_l,   ∂L/∂W_l += Ē_{l−1}ᵀ s_l,
 *                   Ā_l = φ_l''(a_l) ⊙ Σ_o S̄_l ⊙ e_l,   Ē_l = S̄_l ⊙ φ_l'(a_l)
 *   Δ_L = ∂L/∂z;  for l = L..1:   D_l = Δ_l ⊙ φ_l'(a_l) + Ā_l,   ∂L/∂W_l += h_{l−1}ᵀ D_l,   ∂L/∂b_l = 1ᵀ D_l,
 *                   Δ_{l−1} = D_l W_lᵀ
 * </pre>
 * Parameters are read from, and gradients written to, flat arrays laid out like DL4J's {@code params()} (per
 * layer {@code W} in 'f' order, then {@code b}), so the trained network keeps DL4J's model format. The test
 * checks {@code z} against DL4J's own output and {@code J} and the gradient against central differences for
 * every supported activation ({@link ActivationFunction}).
 *
 * <p>The inputs are whatever the network sees (the trainer passes standardised states and converts the
 * Jacobian to raw units itself). Not thread-safe.
 */
final class JacobianKernel implements MlpKernel {

    private final int inputs;
    private final int layers;
    private final int[] fanIn;
    private final int[] widths;
    private final int[] weightOffset;
    private final int[] biasOffset;
    private final int parameterCount;
    private final ActivationFunction[] activations;
    private final double[][] weights;
    private final double[][] weightGradients;

    private int rows = -1;
    private double[][] a;
    private double[][] h;
    private double[][] d1;
    private double[][] d2;
    private double[][] adjoint;
    private double[][] scaled;
    private double[][] delta;
    private double[][] upstream;
    private double[][] scaledBar;
    private double[][] second;
    private double[] x;

    /**
     * @param inputs      input size {@code d}
     * @param widths      layer widths, the last one the number of outputs {@code k}
     * @param activations one activation per layer
     */
    JacobianKernel(int inputs, int[] widths, ActivationFunction[] activations) {
        if (inputs < 1 || widths.length < 1 || widths.length != activations.length) {
            throw new IllegalArgumentException("need inputs, at least one layer and one activation per layer");
        }
        this.inputs = inputs;
        this.layers = widths.length;
        this.widths = widths.clone();
        this.activations = activations.clone();
        fanIn = new int[layers];
        weightOffset = new int[layers];
        biasOffset = new int[layers];
        weights = new double[layers][];
        weightGradients = new double[layers][];
        int offset = 0;
        for (int l = 0; l < layers; l++) {
            fanIn[l] = l == 0 ? inputs : widths[l - 1];
            weightOffset[l] = offset;
            offset += fanIn[l] * widths[l];
            biasOffset[l] = offset;
            offset += widths[l];
            weights[l] = new double[fanIn[l] * widths[l]];
            weightGradients[l] = new double[fanIn[l] * widths[l]];
        }
        parameterCount = offset;
    }

    /**
     * The layout of a DL4J network of dense layers, read once for both kernels: input size, layer widths and
     * activations.
     *
     * @param inputs      {@code d}
     * @param widths      layer widths, the last one {@code k}
     * @param activations one per layer
     */
    record Shape(int inputs, int[] widths, ActivationFunction[] activations) {

        /** Reads {@code net}; refuses layers that are not dense and activations without a second derivative. */
        static Shape of(MultiLayerNetwork net) {
            Layer[] ls = net.getLayers();
            int[] widths = new int[ls.length];
            ActivationFunction[] acts = new ActivationFunction[ls.length];
            int inputs = -1;
            long count = 0;
            for (int l = 0; l < ls.length; l++) {
                var w = ls[l].getParam(DefaultParamInitializer.WEIGHT_KEY);
                var b = ls[l].getParam(DefaultParamInitializer.BIAS_KEY);
                if (w == null || b == null || w.rank() != 2 || w.length() + b.length() != ls[l].numParams()) {
                    throw new IllegalArgumentException("layer " + l + " is not a dense layer with weights and bias");
                }
                if (l == 0) {
                    inputs = (int) w.size(0);
                }
                widths[l] = (int) w.size(1);
                acts[l] = ActivationFunction.of(((BaseLayer) ls[l].conf().getLayer()).getActivationFn());
                count += ls[l].numParams();
            }
            if (count != net.numParams()) {
                throw new IllegalArgumentException("network has parameters outside its dense layers");
            }
            return new Shape(inputs, widths, acts);
        }
    }

    /** The kernel of a DL4J network of dense layers; refuses activations without a second derivative. */
    static JacobianKernel of(MultiLayerNetwork net) {
        Shape s = Shape.of(net);
        return new JacobianKernel(s.inputs(), s.widths(), s.activations());
    }

    /** The network's parameters as doubles, in DL4J's flat layout. */
    static double[] parameters(MultiLayerNetwork net) {
        return net.params().castTo(DataType.DOUBLE).toDoubleVector();
    }

    @Override
    public int inputs() {
        return inputs;
    }

    @Override
    public int outputs() {
        return widths[layers - 1];
    }

    @Override
    public int parameterCount() {
        return parameterCount;
    }

    /** The outputs {@code z} ({@code rows × k}, row-major) of the last {@link #forward}; a live buffer. */
    @Override
    public double[] outputs(int rows) {
        check(rows);
        return h[layers - 1];
    }

    /**
     * The Jacobian ({@code rows × k × d}, index {@code (row·k + o)·d + i}, the layout of
     * {@link org.invariantlab.api.training.GradientBatch#jacobian()}) of the last {@link #forward}; a live buffer.
     */
    @Override
    public double[] jacobian(int rows) {
        check(rows);
        return adjoint[0];
    }

    /**
     * Runs the network on {@code rows} inputs ({@code x}, row-major {@code rows × d}) and its backward chain for
     * every output.
     */
    @Override
    public void forward(double[] params, double[] xs, int rows) {
        if (params.length != parameterCount) {
            throw new IllegalArgumentException("expected " + parameterCount + " parameters, got " + params.length);
        }
        ensure(rows);
        System.arraycopy(xs, 0, x, 0, rows * inputs);
        int k = widths[layers - 1];
        for (int l = 0; l < layers; l++) {
            int nIn = fanIn[l];
            int nOut = widths[l];
            System.arraycopy(params, weightOffset[l], weights[l], 0, nIn * nOut);
            double[] al = a[l];
            int bo = biasOffset[l];
            for (int r = 0; r < rows; r++) {
                System.arraycopy(params, bo, al, r * nOut, nOut);
            }
            Gemm.timesWeights(l == 0 ? x : h[l - 1], weights[l], al, rows, nIn, nOut);
            activations[l].apply(al, h[l], d1[l], d2[l], rows * nOut);
        }
        // the input gradient of every output: e_L = e_o, s_l = e_l ⊙ φ', e_{l−1} = s_l W_lᵀ
        for (int l = layers - 1; l >= 0; l--) {
            int nIn = fanIn[l];
            int nOut = widths[l];
            double[] s = scaled[l];
            double[] p1 = d1[l];
            if (l == layers - 1) {
                java.util.Arrays.fill(s, 0, rows * k * nOut, 0.0);
                for (int r = 0; r < rows; r++) {
                    for (int o = 0; o < k; o++) {
                        s[(r * k + o) * nOut + o] = p1[r * nOut + o];
                    }
                }
            } else {
                double[] e = adjoint[l + 1];
                for (int r = 0; r < rows; r++) {
                    for (int o = 0; o < k; o++) {
                        int base = (r * k + o) * nOut;
                        for (int j = 0; j < nOut; j++) {
                            s[base + j] = e[base + j] * p1[r * nOut + j];
                        }
                    }
                }
            }
            Gemm.timesWeightsTransposed(s, weights[l], adjoint[l], rows * k, nIn, nOut);
        }
    }

    /**
     * Back-propagates {@code ∂L/∂z} ({@code rows × k}) and {@code ∂L/∂J} ({@code rows × k × d}, the layout of
     * {@link #jacobian}) through the last {@link #forward} and writes {@code ∂L/∂θ} into {@code gradient}
     * (overwritten, DL4J's flat layout).
     */
    @Override
    public void backward(double[] params, double[] outputGradient, double[] jacobianGradient, int rows,
                         double[] gradient) {
        check(rows);
        int k = widths[layers - 1];
        Arrays.fill(gradient, 0, parameterCount, 0.0);
        for (double[] g : weightGradients) {
            Arrays.fill(g, 0.0);
        }
        if (jacobianGradient == null) {
            for (double[] sl : second) {
                Arrays.fill(sl, 0.0);
            }
        }
        // reverse mode through the backward chain, from the input side up: Ē_0 = ∂L/∂J
        double[] eBar = jacobianGradient;
        for (int l = 0; l < layers && jacobianGradient != null; l++) {
            int nIn = fanIn[l];
            int nOut = widths[l];
            double[] sBar = scaledBar[l];
            Arrays.fill(sBar, 0, rows * k * nOut, 0.0);
            Gemm.timesWeights(eBar, weights[l], sBar, rows * k, nIn, nOut);
            Gemm.accumulateWeightGradient(eBar, scaled[l], weightGradients[l], rows * k, nIn, nOut);
            double[] p1 = d1[l];
            double[] p2 = d2[l];
            double[] secondL = second[l];
            boolean last = l == layers - 1;
            double[] e = last ? null : adjoint[l + 1];
            double[] eNext = last ? null : upstream[l + 1];
            for (int r = 0; r < rows; r++) {
                int pr = r * nOut;
                for (int j = 0; j < nOut; j++) {
                    secondL[pr + j] = 0.0;
                }
                for (int o = 0; o < k; o++) {
                    int base = (r * k + o) * nOut;
                    if (last) {
                        secondL[pr + o] += sBar[base + o];
                    } else {
                        for (int j = 0; j < nOut; j++) {
                            secondL[pr + j] += sBar[base + j] * e[base + j];
                            eNext[base + j] = sBar[base + j] * p1[pr + j];
                        }
                    }
                }
                for (int j = 0; j < nOut; j++) {
                    secondL[pr + j] *= p2[pr + j];
                }
            }
            eBar = eNext;
        }
        // the ordinary backward pass, with Ā_l added to ∂L/∂a_l
        double[] dl = delta[layers - 1];
        System.arraycopy(outputGradient, 0, dl, 0, rows * k);
        for (int l = layers - 1; l >= 0; l--) {
            int nIn = fanIn[l];
            int nOut = widths[l];
            dl = delta[l];
            double[] p1 = d1[l];
            double[] secondL = second[l];
            for (int i = 0; i < rows * nOut; i++) {
                dl[i] = dl[i] * p1[i] + secondL[i];
            }
            int bo = biasOffset[l];
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < nOut; j++) {
                    gradient[bo + j] += dl[r * nOut + j];
                }
            }
            Gemm.accumulateWeightGradient(l == 0 ? x : h[l - 1], dl, weightGradients[l], rows, nIn, nOut);
            System.arraycopy(weightGradients[l], 0, gradient, weightOffset[l], nIn * nOut);
            if (l > 0) {
                Gemm.timesWeightsTransposed(dl, weights[l], delta[l - 1], rows, nIn, nOut);
            }
        }
    }

    private void check(int rows) {
        if (rows != this.rows) {
            throw new IllegalStateException("no forward pass of " + rows + " rows to read");
        }
    }

    private void ensure(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("need at least one row, got " + n);
        }
        if (n == rows) {
            return;
        }
        rows = n;
        int k = widths[layers - 1];
        x = new double[n * inputs];
        a = new double[layers][];
        h = new double[layers][];
        d1 = new double[layers][];
        d2 = new double[layers][];
        adjoint = new double[layers][];
        scaled = new double[layers][];
        delta = new double[layers][];
        upstream = new double[layers][];
        scaledBar = new double[layers][];
        second = new double[layers][];
        for (int l = 0; l < layers; l++) {
            int w = widths[l];
            a[l] = new double[n * w];
            h[l] = new double[n * w];
            d1[l] = new double[n * w];
            d2[l] = new double[n * w];
            adjoint[l] = new double[n * k * fanIn[l]];
            scaled[l] = new double[n * k * w];
            delta[l] = new double[n * w];
            upstream[l] = new double[n * k * fanIn[l]];
            scaledBar[l] = new double[n * k * w];
            second[l] = new double[n * w];
        }
    }
}
