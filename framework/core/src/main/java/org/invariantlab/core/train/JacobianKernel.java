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
 * <p>Forward, for rows {@code x} ({@code r × d}), layers {@code a_l = h_{l−1} W_l + b_l}, {@code h_l = φ_l(a_l)},
 * {@code h_0 = x}, and the tangents along each input direction {@code e_i} (forward-mode differentiation):
 * <pre>
 *   ȧ_1 = e_i W_1 (row i of W_1),   ȧ_l = ṫ_{l−1} W_l,   ṫ_l = φ_l'(a_l) ⊙ ȧ_l,
 *   z = h_L,   J = ∂z/∂x = ṫ_L   (r × d × k, index [row][input][output])
 * </pre>
 * Backward, for upstream gradients {@code Δ_L = ∂L/∂z} and {@code U_L = ∂L/∂J} (reverse mode through both
 * chains; the tangent chain makes {@code φ''} appear):
 * <pre>
 *   V_l = U_l ⊙ φ_l'(a_l)                              (∂L/∂ȧ_l)
 *   D_l = Δ_l ⊙ φ_l'(a_l) + φ_l''(a_l) ⊙ Σ_i U_l ⊙ ȧ_l   (∂L/∂a_l)
 *   ∂L/∂W_l = h_{l−1}ᵀ D_l + ṫ_{l−1}ᵀ V_l   (ṫ_0 = I: row i gets Σ_rows V_1[·, i, ·]),   ∂L/∂b_l = 1ᵀ D_l
 *   Δ_{l−1} = D_l W_lᵀ,   U_{l−1} = V_l W_lᵀ
 * </pre>
 * Parameters are read from, and gradients written to, flat arrays laid out like DL4J's {@code params()} (per
 * layer {@code W} in 'f' order, then {@code b}), so the trained network keeps DL4J's model format. The test
 * checks {@code z} against DL4J's own output and {@code J} and the gradient against central differences for
 * every supported activation ({@link SmoothActivation}).
 *
 * <p>The inputs are whatever the network sees (the trainer passes standardised states and converts the
 * Jacobian to raw units itself). Not thread-safe.
 */
final class JacobianKernel {

    private final int inputs;
    private final int layers;
    private final int[] fanIn;
    private final int[] widths;
    private final int[] weightOffset;
    private final int[] biasOffset;
    private final int parameterCount;
    private final SmoothActivation[] activations;
    private final double[][] transposed;

    private int rows = -1;
    private double[][] a;
    private double[][] h;
    private double[][] d1;
    private double[][] d2;
    private double[][] tangentIn;
    private double[][] tangent;
    private double[][] delta;
    private double[][] upstream;
    private double[] x;

    /**
     * @param inputs      input size {@code d}
     * @param widths      layer widths, the last one the number of outputs {@code k}
     * @param activations one activation per layer
     */
    JacobianKernel(int inputs, int[] widths, SmoothActivation[] activations) {
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
        transposed = new double[layers][];
        int offset = 0;
        for (int l = 0; l < layers; l++) {
            fanIn[l] = l == 0 ? inputs : widths[l - 1];
            weightOffset[l] = offset;
            offset += fanIn[l] * widths[l];
            biasOffset[l] = offset;
            offset += widths[l];
            transposed[l] = new double[fanIn[l] * widths[l]];
        }
        parameterCount = offset;
    }

    /** The kernel of a DL4J network of dense layers; refuses activations without a second derivative. */
    static JacobianKernel of(MultiLayerNetwork net) {
        Layer[] ls = net.getLayers();
        int[] widths = new int[ls.length];
        SmoothActivation[] acts = new SmoothActivation[ls.length];
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
            acts[l] = SmoothActivation.of(((BaseLayer) ls[l].conf().getLayer()).getActivationFn());
            count += ls[l].numParams();
        }
        if (count != net.numParams()) {
            throw new IllegalArgumentException("network has parameters outside its dense layers");
        }
        return new JacobianKernel(inputs, widths, acts);
    }

    /** The network's parameters as doubles, in DL4J's flat layout. */
    static double[] parameters(MultiLayerNetwork net) {
        return net.params().castTo(DataType.DOUBLE).toDoubleVector();
    }

    int inputs() {
        return inputs;
    }

    int outputs() {
        return widths[layers - 1];
    }

    int parameterCount() {
        return parameterCount;
    }

    /** The outputs {@code z} ({@code rows × k}, row-major) of the last {@link #forward}; a live buffer. */
    double[] outputs(int rows) {
        check(rows);
        return h[layers - 1];
    }

    /** The Jacobian ({@code rows × d × k}, index {@code (row·d + i)·k + j}) of the last {@link #forward}; live. */
    double[] jacobian(int rows) {
        check(rows);
        return tangent[layers - 1];
    }

    /**
     * Runs the network and its tangents on {@code rows} inputs ({@code x}, row-major {@code rows × d}).
     */
    void forward(double[] params, double[] xs, int rows) {
        if (params.length != parameterCount) {
            throw new IllegalArgumentException("expected " + parameterCount + " parameters, got " + params.length);
        }
        ensure(rows);
        System.arraycopy(xs, 0, x, 0, rows * inputs);
        int d = inputs;
        for (int l = 0; l < layers; l++) {
            int nIn = fanIn[l];
            int nOut = widths[l];
            double[] wt = transposed[l];
            int wo = weightOffset[l];
            for (int j = 0; j < nOut; j++) {
                for (int i = 0; i < nIn; i++) {
                    wt[i * nOut + j] = params[wo + j * nIn + i];
                }
            }
            double[] in = l == 0 ? x : h[l - 1];
            double[] al = a[l];
            int bo = biasOffset[l];
            for (int r = 0; r < rows; r++) {
                int ar = r * nOut;
                System.arraycopy(params, bo, al, ar, nOut);
                int ir = r * nIn;
                for (int i = 0; i < nIn; i++) {
                    double v = in[ir + i];
                    int wr = i * nOut;
                    for (int j = 0; j < nOut; j++) {
                        al[ar + j] += v * wt[wr + j];
                    }
                }
            }
            activations[l].apply(al, h[l], d1[l], d2[l], rows * nOut);
            double[] ta = tangentIn[l];
            if (l == 0) {
                for (int r = 0; r < rows; r++) {
                    System.arraycopy(wt, 0, ta, r * d * nOut, d * nOut);
                }
            } else {
                double[] tPrev = tangent[l - 1];
                Arrays.fill(ta, 0, rows * d * nOut, 0.0);
                for (int rr = 0; rr < rows * d; rr++) {
                    int tr = rr * nIn;
                    int ar = rr * nOut;
                    for (int i = 0; i < nIn; i++) {
                        double v = tPrev[tr + i];
                        int wr = i * nOut;
                        for (int j = 0; j < nOut; j++) {
                            ta[ar + j] += v * wt[wr + j];
                        }
                    }
                }
            }
            double[] t = tangent[l];
            double[] p1 = d1[l];
            for (int r = 0; r < rows; r++) {
                for (int i = 0; i < d; i++) {
                    int base = (r * d + i) * nOut;
                    int pr = r * nOut;
                    for (int j = 0; j < nOut; j++) {
                        t[base + j] = p1[pr + j] * ta[base + j];
                    }
                }
            }
        }
    }

    /**
     * Back-propagates {@code ∂L/∂z} ({@code rows × k}) and {@code ∂L/∂J} ({@code rows × d × k}, the layout of
     * {@link #jacobian}) through the last {@link #forward} and writes {@code ∂L/∂θ} into {@code gradient}
     * (overwritten, DL4J's flat layout).
     */
    void backward(double[] params, double[] outputGradient, double[] jacobianGradient, int rows, double[] gradient) {
        check(rows);
        int d = inputs;
        int k = widths[layers - 1];
        System.arraycopy(outputGradient, 0, delta[layers - 1], 0, rows * k);
        System.arraycopy(jacobianGradient, 0, upstream[layers - 1], 0, rows * d * k);
        Arrays.fill(gradient, 0, parameterCount, 0.0);
        for (int l = layers - 1; l >= 0; l--) {
            int nIn = fanIn[l];
            int nOut = widths[l];
            double[] dl = delta[l];
            double[] ul = upstream[l];
            double[] ta = tangentIn[l];
            double[] p1 = d1[l];
            double[] p2 = d2[l];
            // D = Δ⊙φ' + φ''⊙Σ_i U⊙ȧ (in place in Δ), then V = U⊙φ' (in place in U)
            for (int r = 0; r < rows; r++) {
                int pr = r * nOut;
                for (int j = 0; j < nOut; j++) {
                    dl[pr + j] *= p1[pr + j];
                }
                for (int i = 0; i < d; i++) {
                    int base = (r * d + i) * nOut;
                    for (int j = 0; j < nOut; j++) {
                        dl[pr + j] += p2[pr + j] * ul[base + j] * ta[base + j];
                        ul[base + j] *= p1[pr + j];
                    }
                }
            }
            int wo = weightOffset[l];
            int bo = biasOffset[l];
            double[] in = l == 0 ? x : h[l - 1];
            for (int r = 0; r < rows; r++) {
                int pr = r * nOut;
                int ir = r * nIn;
                for (int j = 0; j < nOut; j++) {
                    double dj = dl[pr + j];
                    gradient[bo + j] += dj;
                    int col = wo + j * nIn;
                    for (int i = 0; i < nIn; i++) {
                        gradient[col + i] += dj * in[ir + i];
                    }
                }
            }
            if (l == 0) {
                // ṫ_0 = I: ∂W_1[i, j] += Σ_rows V_1[row, i, j]
                for (int r = 0; r < rows; r++) {
                    for (int i = 0; i < d; i++) {
                        int base = (r * d + i) * nOut;
                        for (int j = 0; j < nOut; j++) {
                            gradient[wo + j * nIn + i] += ul[base + j];
                        }
                    }
                }
                continue;
            }
            double[] tPrev = tangent[l - 1];
            for (int rr = 0; rr < rows * d; rr++) {
                int vr = rr * nOut;
                int tr = rr * nIn;
                for (int j = 0; j < nOut; j++) {
                    double vj = ul[vr + j];
                    if (vj == 0.0) {
                        continue;
                    }
                    int col = wo + j * nIn;
                    for (int i = 0; i < nIn; i++) {
                        gradient[col + i] += vj * tPrev[tr + i];
                    }
                }
            }
            double[] dPrev = delta[l - 1];
            double[] uPrev = upstream[l - 1];
            Arrays.fill(dPrev, 0, rows * nIn, 0.0);
            Arrays.fill(uPrev, 0, rows * d * nIn, 0.0);
            for (int r = 0; r < rows; r++) {
                int pr = r * nOut;
                int ir = r * nIn;
                for (int j = 0; j < nOut; j++) {
                    double dj = dl[pr + j];
                    int col = wo + j * nIn;
                    for (int i = 0; i < nIn; i++) {
                        dPrev[ir + i] += dj * params[col + i];
                    }
                }
            }
            for (int rr = 0; rr < rows * d; rr++) {
                int vr = rr * nOut;
                int ur = rr * nIn;
                for (int j = 0; j < nOut; j++) {
                    double vj = ul[vr + j];
                    if (vj == 0.0) {
                        continue;
                    }
                    int col = wo + j * nIn;
                    for (int i = 0; i < nIn; i++) {
                        uPrev[ur + i] += vj * params[col + i];
                    }
                }
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
        int d = inputs;
        x = new double[n * d];
        a = new double[layers][];
        h = new double[layers][];
        d1 = new double[layers][];
        d2 = new double[layers][];
        tangentIn = new double[layers][];
        tangent = new double[layers][];
        delta = new double[layers][];
        upstream = new double[layers][];
        for (int l = 0; l < layers; l++) {
            int w = widths[l];
            a[l] = new double[n * w];
            h[l] = new double[n * w];
            d1[l] = new double[n * w];
            d2[l] = new double[n * w];
            tangentIn[l] = new double[n * d * w];
            tangent[l] = new double[n * d * w];
            delta[l] = new double[n * w];
            upstream[l] = new double[n * d * w];
        }
    }
}
