package org.invariantlab.core.train;

import java.util.Arrays;

/**
 * {@link JacobianKernel}'s passes in single precision: the same equations, with the products on OpenBLAS
 * {@code cblas_sgemm} (twice the rate of {@code dgemm} on this project's machine: 28 against 55 µs for 256 × 64 by
 * 64 × 64) and the activations on the Vector API ({@link FloatActivations}). The trainers' double arrays are
 * converted at the boundary (parameters, inputs, outputs, Jacobian and gradients: a few thousand numbers per step,
 * against the ~10⁷ operations of the products); accumulations over the batch happen inside the products, in single
 * precision, as in any float training.
 *
 * <p>{@code secondOrder = false} gives the ordinary forward and backward pass (first-order training: the siamese
 * and group heads); then {@link #jacobian} is not available and {@code ∂L/∂J} must be {@code null}. The tests check
 * both orders against the double kernel to single-precision accuracy. Not thread-safe.
 */
final class FloatJacobianKernel implements MlpKernel {

    private final int inputs;
    private final int layers;
    private final int[] fanIn;
    private final int[] widths;
    private final int[] weightOffset;
    private final int[] biasOffset;
    private final int parameterCount;
    private final ActivationFunction[] activations;
    private final boolean secondOrder;
    private final float[][] weights;
    private final float[][] biases;
    private final float[][] weightGradients;
    private final float[][] biasGradients;

    private int rows = -1;
    private float[] x;
    private float[][] a;
    private float[][] h;
    private float[][] d1;
    private float[][] d2;
    private float[][] adjoint;
    private float[][] scaled;
    private float[][] delta;
    private float[][] upstream;
    private float[][] scaledBar;
    private float[][] second;
    private float[] eBar0;
    private double[] out;
    private double[] jac;

    FloatJacobianKernel(int inputs, int[] widths, ActivationFunction[] activations, boolean secondOrder) {
        if (inputs < 1 || widths.length < 1 || widths.length != activations.length) {
            throw new IllegalArgumentException("need inputs, at least one layer and one activation per layer");
        }
        this.inputs = inputs;
        this.layers = widths.length;
        this.widths = widths.clone();
        this.activations = activations.clone();
        this.secondOrder = secondOrder;
        fanIn = new int[layers];
        weightOffset = new int[layers];
        biasOffset = new int[layers];
        weights = new float[layers][];
        biases = new float[layers][];
        weightGradients = new float[layers][];
        biasGradients = new float[layers][];
        int offset = 0;
        for (int l = 0; l < layers; l++) {
            fanIn[l] = l == 0 ? inputs : widths[l - 1];
            weightOffset[l] = offset;
            offset += fanIn[l] * widths[l];
            biasOffset[l] = offset;
            offset += widths[l];
            weights[l] = new float[fanIn[l] * widths[l]];
            biases[l] = new float[widths[l]];
            weightGradients[l] = new float[fanIn[l] * widths[l]];
            biasGradients[l] = new float[widths[l]];
        }
        parameterCount = offset;
    }

    /** The kernel of a DL4J network of dense layers with smooth activations (or identity). */
    static FloatJacobianKernel of(org.deeplearning4j.nn.multilayer.MultiLayerNetwork net, boolean secondOrder) {
        JacobianKernel.Shape shape = JacobianKernel.Shape.of(net);
        return new FloatJacobianKernel(shape.inputs(), shape.widths(), shape.activations(), secondOrder);
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

    @Override
    public double[] outputs(int rows) {
        check(rows);
        return out;
    }

    @Override
    public double[] jacobian(int rows) {
        check(rows);
        if (!secondOrder) {
            throw new IllegalStateException("a first-order kernel computes no Jacobian");
        }
        return jac;
    }

    @Override
    public void forward(double[] params, double[] xs, int rows) {
        if (params.length != parameterCount) {
            throw new IllegalArgumentException("expected " + parameterCount + " parameters, got " + params.length);
        }
        ensure(rows);
        for (int i = 0; i < rows * inputs; i++) {
            x[i] = (float) xs[i];
        }
        int k = widths[layers - 1];
        for (int l = 0; l < layers; l++) {
            int nIn = fanIn[l];
            int nOut = widths[l];
            float[] w = weights[l];
            int wo = weightOffset[l];
            for (int i = 0; i < nIn * nOut; i++) {
                w[i] = (float) params[wo + i];
            }
            float[] b = biases[l];
            int bo = biasOffset[l];
            for (int j = 0; j < nOut; j++) {
                b[j] = (float) params[bo + j];
            }
            float[] al = a[l];
            for (int r = 0; r < rows; r++) {
                System.arraycopy(b, 0, al, r * nOut, nOut);
            }
            Gemm.timesWeights(l == 0 ? x : h[l - 1], w, al, rows, nIn, nOut);
            FloatActivations.apply(activations[l], al, h[l], d1[l], d2[l], rows * nOut, secondOrder);
        }
        float[] z = h[layers - 1];
        for (int i = 0; i < rows * k; i++) {
            out[i] = z[i];
        }
        if (!secondOrder) {
            return;
        }
        for (int l = layers - 1; l >= 0; l--) {
            int nIn = fanIn[l];
            int nOut = widths[l];
            float[] s = scaled[l];
            float[] p1 = d1[l];
            if (l == layers - 1) {
                Arrays.fill(s, 0, rows * k * nOut, 0f);
                for (int r = 0; r < rows; r++) {
                    for (int o = 0; o < k; o++) {
                        s[(r * k + o) * nOut + o] = p1[r * nOut + o];
                    }
                }
            } else {
                float[] e = adjoint[l + 1];
                for (int r = 0; r < rows; r++) {
                    int pr = r * nOut;
                    for (int o = 0; o < k; o++) {
                        int base = (r * k + o) * nOut;
                        for (int j = 0; j < nOut; j++) {
                            s[base + j] = e[base + j] * p1[pr + j];
                        }
                    }
                }
            }
            Gemm.timesWeightsTransposed(s, weights[l], adjoint[l], rows * k, nIn, nOut);
        }
        float[] j0 = adjoint[0];
        for (int i = 0; i < rows * k * inputs; i++) {
            jac[i] = j0[i];
        }
    }

    @Override
    public void backward(double[] params, double[] outputGradient, double[] jacobianGradient, int rows,
                         double[] gradient) {
        check(rows);
        if (jacobianGradient != null && !secondOrder) {
            throw new IllegalStateException("a first-order kernel cannot take a loss on the Jacobian");
        }
        int k = widths[layers - 1];
        for (int l = 0; l < layers; l++) {
            Arrays.fill(weightGradients[l], 0f);
            Arrays.fill(biasGradients[l], 0f);
        }
        boolean withJacobian = jacobianGradient != null;
        if (withJacobian) {
            for (int i = 0; i < rows * k * inputs; i++) {
                eBar0[i] = (float) jacobianGradient[i];
            }
            float[] eBar = eBar0;
            for (int l = 0; l < layers; l++) {
                int nIn = fanIn[l];
                int nOut = widths[l];
                float[] sBar = scaledBar[l];
                Arrays.fill(sBar, 0, rows * k * nOut, 0f);
                Gemm.timesWeights(eBar, weights[l], sBar, rows * k, nIn, nOut);
                Gemm.accumulateWeightGradient(eBar, scaled[l], weightGradients[l], rows * k, nIn, nOut);
                float[] p1 = d1[l];
                float[] p2 = d2[l];
                float[] secondL = second[l];
                boolean last = l == layers - 1;
                float[] e = last ? null : adjoint[l + 1];
                float[] eNext = last ? null : upstream[l + 1];
                for (int r = 0; r < rows; r++) {
                    int pr = r * nOut;
                    Arrays.fill(secondL, pr, pr + nOut, 0f);
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
        }
        float[] dl = delta[layers - 1];
        for (int i = 0; i < rows * k; i++) {
            dl[i] = (float) outputGradient[i];
        }
        for (int l = layers - 1; l >= 0; l--) {
            int nIn = fanIn[l];
            int nOut = widths[l];
            dl = delta[l];
            float[] p1 = d1[l];
            if (withJacobian) {
                float[] secondL = second[l];
                for (int i = 0; i < rows * nOut; i++) {
                    dl[i] = dl[i] * p1[i] + secondL[i];
                }
            } else {
                for (int i = 0; i < rows * nOut; i++) {
                    dl[i] *= p1[i];
                }
            }
            float[] bg = biasGradients[l];
            for (int r = 0; r < rows; r++) {
                int pr = r * nOut;
                for (int j = 0; j < nOut; j++) {
                    bg[j] += dl[pr + j];
                }
            }
            Gemm.accumulateWeightGradient(l == 0 ? x : h[l - 1], dl, weightGradients[l], rows, nIn, nOut);
            if (l > 0) {
                Gemm.timesWeightsTransposed(dl, weights[l], delta[l - 1], rows, nIn, nOut);
            }
        }
        for (int l = 0; l < layers; l++) {
            float[] wg = weightGradients[l];
            int wo = weightOffset[l];
            for (int i = 0; i < wg.length; i++) {
                gradient[wo + i] = wg[i];
            }
            float[] bg = biasGradients[l];
            int bo = biasOffset[l];
            for (int j = 0; j < bg.length; j++) {
                gradient[bo + j] = bg[j];
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
        int kk = secondOrder ? k : 0;
        x = new float[n * inputs];
        a = new float[layers][];
        h = new float[layers][];
        d1 = new float[layers][];
        d2 = new float[layers][];
        adjoint = new float[layers][];
        scaled = new float[layers][];
        delta = new float[layers][];
        upstream = new float[layers][];
        scaledBar = new float[layers][];
        second = new float[layers][];
        for (int l = 0; l < layers; l++) {
            int w = widths[l];
            a[l] = new float[n * w];
            h[l] = new float[n * w];
            d1[l] = new float[n * w];
            d2[l] = new float[secondOrder ? n * w : 0];
            adjoint[l] = new float[n * kk * fanIn[l]];
            scaled[l] = new float[n * kk * w];
            delta[l] = new float[n * w];
            upstream[l] = new float[n * kk * fanIn[l]];
            scaledBar[l] = new float[n * kk * w];
            second[l] = new float[secondOrder ? n * w : 0];
        }
        eBar0 = new float[n * kk * inputs];
        out = new double[n * k];
        jac = new double[n * kk * inputs];
    }
}
