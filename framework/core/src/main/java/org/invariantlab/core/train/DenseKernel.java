package org.invariantlab.core.train;

import java.util.HashMap;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.XwPlusB;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.SubOp;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Tanh;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Forward and backward pass of a DL4J {@link MultiLayerNetwork} made of dense layers, with every buffer
 * allocated once per batch shape: the training hot loop.
 *
 * <p>It reads the network's own parameter views ({@code W_l}, {@code b_l}), so an update of
 * {@link MultiLayerNetwork#params()} is seen at once, and writes the parameter gradient into one flat array
 * laid out exactly like {@code params()} (DL4J's {@link DefaultParamInitializer} views: per layer {@code W}
 * in 'f' order, then {@code b}). For rows {@code X} ({@code r × d}) and an upstream gradient
 * {@code G = ∂L/∂Z} ({@code r × k}):
 * <pre>
 *   forward:   A_l = H_{l−1} W_l + b_l (one fused XwPlusB op),   H_l = φ_l(A_l),   H_0 = X,  Z = H_L
 *   backward:  Δ_L = G;   for l = L..1:
 *              D_l = Δ_l ⊙ φ_l'(A_l)
 *              ∂L/∂W_l = H_{l−1}ᵀ D_l,   ∂L/∂b_l = 1ᵀ D_l (a GEMV),   Δ_{l−1} = D_l W_lᵀ
 * </pre>
 * The gradient is exactly that of the loss whose {@code ∂L/∂Z} the caller passes: no averaging over rows
 * happens here (heads return gradients of their mean loss, see {@link Trainer}).
 *
 * <p>Activation derivatives avoid recomputing exponentials where the forward pass already has them: swish
 * keeps {@code S = σ(A)} and uses {@code φ' = S + H − H⊙S} (since {@code φ = A⊙S},
 * {@code φ' = S + A S (1 − S)}); sigmoid uses {@code H − H⊙H}; tanh {@code 1 − H⊙H}. Other activations call
 * DL4J's own {@link IActivation#getActivation}/{@link IActivation#backprop}. A test checks every activation
 * against {@link MultiLayerNetwork#backpropGradient}.
 *
 * <p>Subnormal numbers: a head's gradient for a confidently classified pair can be as small as 10⁻⁴⁰,
 * which is subnormal in single precision, and every subnormal operand makes the CPU's vector units take a
 * slow microcode path; on this project's machines a few such rows doubled the time of the backward GEMMs.
 * {@link #flushNegligible} therefore zeroes the upstream-gradient entries that are negligible against the
 * batch's largest one (below {@code 2⁻¹⁷} of the rounding unit of the largest entry, or subnormal), far
 * below what the gradient sums resolve.
 *
 * <p>Why not {@code feedForward} + {@code backpropGradient}: that path allocates every activation and
 * gradient per step, and ND4J allocations cost 50–500 µs each on this hardware; this kernel is about three times
 * faster per step (numbers in {@link TrainerBenchmark}). Not thread-safe.
 */
final class DenseKernel {

    private enum Kind { IDENTITY, SWISH, SIGMOID, TANH, GENERIC }

    private final int layers;
    private final int inputs;
    private final int[] widths;
    private final DataType type;
    private final INDArray[] weights;
    private final INDArray[] biases;
    private final INDArray[] weightGradients;
    private final INDArray[] biasGradients;
    private final IActivation[] activations;
    private final Kind[] kinds;
    private final INDArray gradient;
    private final Map<Integer, Buffers> buffers = new HashMap<>();

    /** Per batch size: inputs, pre-activations, activations, swish sigmoids, upstream gradients. */
    private static final class Buffers {
        final INDArray x;
        final INDArray onesRow;
        final INDArray[] a;
        final INDArray[] h;
        final INDArray[] s;
        final INDArray[] delta;

        Buffers(int rows, DenseKernel k) {
            int n = k.layers;
            x = HostCopy.create(k.type, rows, k.inputs);
            onesRow = Nd4j.ones(k.type, 1, rows);
            a = new INDArray[n];
            h = new INDArray[n];
            s = new INDArray[n];
            delta = new INDArray[n];
            for (int l = 0; l < n; l++) {
                int w = k.widths[l];
                a[l] = HostCopy.create(k.type, rows, w);
                h[l] = k.kinds[l] == Kind.IDENTITY ? a[l] : HostCopy.create(k.type, rows, w);
                s[l] = k.kinds[l] == Kind.SWISH ? HostCopy.create(k.type, rows, w) : null;
                delta[l] = HostCopy.create(k.type, rows, w);
            }
        }
    }

    /**
     * @param net an initialised network of dense layers (as built by {@link Encoder#network})
     */
    DenseKernel(MultiLayerNetwork net) {
        Layer[] ls = net.getLayers();
        layers = ls.length;
        type = net.params().dataType();
        weights = new INDArray[layers];
        biases = new INDArray[layers];
        weightGradients = new INDArray[layers];
        biasGradients = new INDArray[layers];
        activations = new IActivation[layers];
        kinds = new Kind[layers];
        widths = new int[layers];
        gradient = Nd4j.create(type, 1, net.numParams());
        long offset = 0;
        for (int l = 0; l < layers; l++) {
            Layer layer = ls[l];
            INDArray w = layer.getParam(DefaultParamInitializer.WEIGHT_KEY);
            INDArray b = layer.getParam(DefaultParamInitializer.BIAS_KEY);
            if (w == null || b == null || w.rank() != 2) {
                throw new IllegalArgumentException("layer " + l + " is not a dense layer with weights and bias");
            }
            weights[l] = w;
            biases[l] = b.reshape(b.length());
            widths[l] = (int) w.size(1);
            long n = layer.numParams();
            INDArray slice = gradient.get(NDArrayIndex.interval(0, 1), NDArrayIndex.interval(offset, offset + n));
            Map<String, INDArray> views = DefaultParamInitializer.getInstance().getGradientsFromFlattened(layer.conf(),
                    slice);
            weightGradients[l] = views.get(DefaultParamInitializer.WEIGHT_KEY);
            long weightCount = w.length();
            if (weightCount + b.length() != n) {
                throw new IllegalArgumentException("layer " + l + " has parameters besides W and b");
            }
            // DL4J lays out W (nIn·nOut values, 'f' order) then b; take b as a 1 × nOut row view (DL4J's own view
            // is rank 1 when nOut = 1, which GEMM does not accept as an output)
            biasGradients[l] = slice.get(NDArrayIndex.interval(0, 1), NDArrayIndex.interval(weightCount, n));
            offset += n;
            activations[l] = ((org.deeplearning4j.nn.conf.layers.BaseLayer) layer.conf().getLayer()).getActivationFn();
            kinds[l] = kindOf(activations[l]);
        }
        inputs = (int) weights[0].size(0);
        if (offset != net.numParams()) {
            throw new IllegalArgumentException("network has parameters outside its dense layers");
        }
    }

    private static Kind kindOf(IActivation a) {
        ActivationFunction f = ActivationFunction.find(a);
        return f == null ? Kind.GENERIC : switch (f) {
            case IDENTITY -> Kind.IDENTITY;
            case SWISH -> Kind.SWISH;
            case SIGMOID -> Kind.SIGMOID;
            case TANH -> Kind.TANH;
            default -> Kind.GENERIC;
        };
    }

    /** Number of inputs {@code d}. */
    int inputs() {
        return inputs;
    }

    /** Number of outputs {@code k}. */
    int outputs() {
        return widths[layers - 1];
    }

    /** The flat gradient ({@code 1 × P}) written by {@link #backward}, laid out like the network's parameters. */
    INDArray gradient() {
        return gradient;
    }

    /** The input buffer ({@code rows × d}) to fill before {@link #forward}. */
    INDArray input(int rows) {
        return buffers(rows).x;
    }

    /** The buffer ({@code rows × k}) to fill with {@code ∂L/∂Z} before {@link #backward}. */
    INDArray outputGradient(int rows) {
        Buffers b = buffers(rows);
        return b.delta[layers - 1];
    }

    /** Runs the network on {@link #input}{@code (rows)}; returns the output buffer {@code Z} ({@code rows × k}). */
    INDArray forward(int rows) {
        Buffers buf = buffers(rows);
        INDArray in = buf.x;
        for (int l = 0; l < layers; l++) {
            INDArray a = buf.a[l];
            Nd4j.exec(new XwPlusB(new INDArray[] {in, weights[l], biases[l]}, a));
            INDArray h = buf.h[l];
            switch (kinds[l]) {
                case IDENTITY -> {
                    // h is a
                }
                case SWISH -> {
                    Nd4j.exec(new Sigmoid(a, buf.s[l]));
                    Nd4j.exec(new MulOp(a, buf.s[l], h));
                }
                case SIGMOID -> Nd4j.exec(new Sigmoid(a, h));
                case TANH -> Nd4j.exec(new Tanh(a, h));
                case GENERIC -> {
                    h.assign(a);
                    activations[l].getActivation(h, true);
                }
                default -> throw new IllegalStateException(kinds[l].toString());
            }
            in = h;
        }
        return buf.h[layers - 1];
    }

    /**
     * Back-propagates {@link #outputGradient}{@code (rows)} through the last {@link #forward}{@code (rows)} and
     * writes the parameter gradient into {@link #gradient()}. Overwrites the pre-activation buffers.
     */
    void backward(int rows) {
        Buffers buf = buffers(rows);
        for (int l = layers - 1; l >= 0; l--) {
            INDArray delta = buf.delta[l];
            INDArray a = buf.a[l];
            INDArray h = buf.h[l];
            INDArray d;
            switch (kinds[l]) {
                case IDENTITY -> d = delta;
                case SWISH -> {
                    INDArray s = buf.s[l];
                    Nd4j.exec(new MulOp(h, s, a));
                    Nd4j.exec(new SubOp(h, a, a));
                    a.addi(s);
                    a.muli(delta);
                    d = a;
                }
                case SIGMOID -> {
                    Nd4j.exec(new MulOp(h, h, a));
                    Nd4j.exec(new SubOp(h, a, a));
                    a.muli(delta);
                    d = a;
                }
                case TANH -> {
                    Nd4j.exec(new MulOp(h, h, a));
                    a.rsubi(1.0);
                    a.muli(delta);
                    d = a;
                }
                case GENERIC -> d = activations[l].backprop(a, delta).getFirst();
                default -> throw new IllegalStateException(kinds[l].toString());
            }
            INDArray in = l == 0 ? buf.x : buf.h[l - 1];
            Nd4j.gemm(in, d, weightGradients[l], true, false, 1.0, 0.0);
            Nd4j.gemm(buf.onesRow, d, biasGradients[l], false, false, 1.0, 0.0);
            if (l > 0) {
                Nd4j.gemm(d, weights[l], buf.delta[l - 1], false, true, 1.0, 0.0);
            }
        }
    }

    /**
     * Sets to zero the entries of {@code g[0, n)} that are negligible for a backward pass in {@code type}:
     * {@code |g_i| < 2⁻⁴¹·max|g|} in FLOAT ({@code 2⁻⁷⁰·max|g|} in DOUBLE), or below the type's smallest
     * normal number.
     */
    static void flushNegligible(double[] g, int n, DataType type) {
        double max = 0;
        for (int i = 0; i < n; i++) {
            max = Math.max(max, Math.abs(g[i]));
        }
        boolean single = type == DataType.FLOAT;
        double threshold = Math.max(max * (single ? 0x1p-41 : 0x1p-70), single ? Float.MIN_NORMAL : Double.MIN_NORMAL);
        for (int i = 0; i < n; i++) {
            if (Math.abs(g[i]) < threshold) {
                g[i] = 0.0;
            }
        }
    }

    /** The precision of the network and of every buffer. */
    DataType type() {
        return type;
    }

    private Buffers buffers(int rows) {
        if (rows < 1) {
            throw new IllegalArgumentException("need at least one row, got " + rows);
        }
        return buffers.computeIfAbsent(rows, r -> new Buffers(r, this));
    }
}
