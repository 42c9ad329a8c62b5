package org.invariantlab.core.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.invariantlab.api.InvariantLabException;
import org.invariantlab.api.param.Parameters;
import org.invariantlab.api.system.CanonicalLayout;
import org.invariantlab.api.training.GradientBatch;
import org.invariantlab.api.training.GradientLoss;
import org.invariantlab.api.training.Penalty;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Trains {@code k} outputs of one network on a loss of their <em>input gradients</em>: an
 * {@link GradientLoss} such as AI Poincaré 2.0's gradient orthogonality (Liu, Madhavan, Tegmark, Phys. Rev. E
 * 106, 045307 (2022)) or neural deflation (Zhu, Zhang, Kevrekidis, Phys. Rev. E 108, L022301 (2023)).
 *
 * <p>One step on a batch of states {@code x} (raw units) with vector field {@code h(x)}: the network sees
 * {@code u = (x − μ)/σ}; the kernel gives {@code ∂f/∂u}, hence the raw gradients
 * {@code ∇ₓf_j = (∂f_j/∂u)/σ}; the loss returns {@code ∂L/∂(∇ₓf)}, which goes back through the same chain rule
 * ({@code ∂L/∂(∂f/∂u)_i = ∂L/∂(∇ₓf)_i / σ_i}) and the kernel's second-order backward pass to the weights; Adam
 * (Kingma &amp; Ba, ICLR 2015) with the {@link TrainingConfig}'s schedule updates them. Earlier, frozen networks (a
 * sequential stage plan) enter only through their gradients at the same states, computed once per stage. The epochs
 * are {@link EpochLoop}'s, as for {@link Trainer}: whole batches only, the network after the last epoch kept, the
 * plateau rule, and a step with a non-finite loss ends the stage with a {@link TrainingDivergedException}.
 *
 * <p>The network's precision chooses the kernel ({@link #kernel}): single precision on {@link FloatJacobianKernel}
 * (sgemm, Vector API activations), or double on {@link JacobianKernel}; the optimiser and the loss work in double
 * either way. Deterministic for a fixed seed.
 */
public final class GradientTrainer {

    /**
     * States and the vector field at them, raw units, row-major.
     *
     * @param dimension   {@code d}
     * @param states      {@code n·d} states
     * @param vectorField {@code n·d} values of {@code h(x)}
     * @param canonical   the (q, p) layout for Poisson brackets, if the system has one
     */
    public record FieldSamples(int dimension, double[] states, double[] vectorField,
                               Optional<CanonicalLayout> canonical) {

        public FieldSamples {
            Objects.requireNonNull(canonical, "canonical");
            if (dimension < 1 || states.length == 0 || states.length % dimension != 0
                    || vectorField.length != states.length) {
                throw new IllegalArgumentException("need n·d states and as many vector-field values");
            }
            states = states.clone();
            vectorField = vectorField.clone();
        }

        /** Number of states {@code n}. */
        public int size() {
            return states.length / dimension;
        }

        @Override
        public double[] states() {
            return states.clone();
        }

        @Override
        public double[] vectorField() {
            return vectorField.clone();
        }
    }

    /**
     * A trained stage.
     *
     * @param encoder         the trained network (its standardisation included)
     * @param trainLoss       per epoch, the mean batch loss
     * @param validationLoss  per epoch, the loss on the validation states
     * @param finalLoss       the loss on the validation states after training
     * @param seconds         wall time of the stage
     * @param statesPerSecond training throughput: states per second of the training steps (the frozen networks' gradients,
     *                        computed once per stage, and the validation passes not included; as the peers time it)
     */
    public record Stage(Encoder encoder, double[] trainLoss, double[] validationLoss, double finalLoss, double seconds,
                        double statesPerSecond) {

        public Stage {
            trainLoss = trainLoss.clone();
            validationLoss = validationLoss.clone();
        }

        @Override
        public double[] trainLoss() {
            return trainLoss.clone();
        }

        @Override
        public double[] validationLoss() {
            return validationLoss.clone();
        }
    }

    private GradientTrainer() {
    }

    /**
     * When a network still improving at the end of its epochs trains on ({@link #stillImproving}): a fifth of its
     * epochs at a time, up to {@code budget} times its epochs, unless its validation loss is already below
     * {@code settled} (where more training cannot change what the loss decides).
     *
     * @param budget  the most epochs, as a multiple of the configured ones (1: never extend)
     * @param settled the loss below which a network is not extended
     */
    public record Plateau(int budget, double settled) {

        /** Exactly the configured epochs. */
        public static final Plateau NONE = new Plateau(1, 0);

        public Plateau {
            if (budget < 1 || !(settled >= 0)) {
                throw new IllegalArgumentException("plateau budget " + budget + " below 1 or settled loss " + settled);
            }
        }

        /** The count's rule: up to {@link #PLATEAU_BUDGET} times the epochs, not below {@code settled}. */
        public static Plateau below(double settled) {
            return new Plateau(PLATEAU_BUDGET, settled);
        }
    }

    /** Trains a new network for exactly {@code config.epochs()} (see the other overload, with {@link Plateau#NONE}). */
    public static Stage train(FieldSamples train, FieldSamples validation, GradientLoss loss, Parameters lossParams,
                              TrainingConfig config, List<Encoder> frozen, TrainingListener listener) {
        return train(train, validation, loss, lossParams, config, frozen, listener, Plateau.NONE);
    }

    /**
     * Trains a new network of {@code config.encoder().latentSize()} outputs.
     *
     * @param train       training states
     * @param validation  states for the per-epoch and final loss
     * @param loss        the loss on input gradients
     * @param lossParams  its resolved parameters
     * @param config      network shape (built in double precision) and training settings
     * @param frozen      earlier networks (one output each is used: all their outputs, in order), may be empty
     * @param listener    progress, may be null
     * @param plateau     whether and how far a network still improving trains on
     * @throws InvariantLabException if the loss becomes NaN or infinite (with what to change)
     */
    public static Stage train(FieldSamples train, FieldSamples validation, GradientLoss loss, Parameters lossParams,
                              TrainingConfig config, List<Encoder> frozen, TrainingListener listener,
                              Plateau plateau) {
        int d = train.dimension();
        if (validation.dimension() != d) {
            throw new IllegalArgumentException("training and validation states differ in dimension");
        }
        long start = System.nanoTime();
        Standardization standardization = Standardization.fit(d, train.states);
        MultiLayerNetwork net = Encoder.network(config.encoder(), d, config.seed());
        MlpKernel kernel = kernel(net);
        double[] params = JacobianKernel.parameters(net);
        int k = kernel.outputs();
        Frozen trainFrozen = Frozen.of(frozen, train);
        Frozen validationFrozen = Frozen.of(frozen, validation);
        double[] u = standardization.apply(train.states);
        double[] std = standardization.std();
        int n = train.size();
        int batch = Math.min(config.batchSize(), n);
        Batch work = new Batch(batch, d, k, trainFrozen.count, params.length);
        ParameterAdam adam = new ParameterAdam(params.length);
        EpochLoop.Objective steps = new EpochLoop.Objective() {
            @Override
            public EpochLoop.Step step(int[] order, int from, int to, double eta, int epoch, int step,
                                       long iteration) {
                work.gather(order, from, train, u, trainFrozen);
                double value = work.step(kernel, params, loss, lossParams, std, train.canonical());
                if (!Double.isFinite(value)) {
                    return EpochLoop.Step.failed("the loss on input gradients is " + value + " at epoch " + (epoch + 1));
                }
                adam.step(params, work.gradient, eta);
                return new EpochLoop.Step(value, 1, to - from, 0, -1, null);
            }

            @Override
            public EpochLoop.Measure validate() {
                return new EpochLoop.Measure(true, evaluate(kernel, params, loss, lossParams, standardization,
                        validation, validationFrozen, batch), Double.NaN);
            }
        };
        // the network after its last epoch is the stage (a deflation stage is judged by its final loss)
        EpochLoop.Outcome o = EpochLoop.run(config, n, new SplittableRandom(config.seed() ^ 0x5DEECE66DL), steps,
                new EpochLoop.Rules(true, false, 0, plateau, EpochLoop.Divergence.THROW), listener, start);
        net.setParams(Nd4j.create(params, new long[] {1, params.length}, DataType.DOUBLE)
                .castTo(net.params().dataType()));
        double seconds = (System.nanoTime() - start) / 1e9;
        double[] validationLoss = o.validationLoss();
        return new Stage(new Encoder(net, standardization), o.trainLoss(), validationLoss,
                validationLoss[validationLoss.length - 1], seconds, o.examplesPerSecond());
    }

    /**
     * The plateau rule's budget ({@link Plateau#below}): a stage still improving when its epochs end
     * ({@link #stillImproving}) trains on, a fifth of its epochs at a time, until it stops improving or has trained this
     * many times its epochs.
     */
    public static final int PLATEAU_BUDGET = 2;

    /** A curve whose best over its last fifth is this fraction of its best before, or less, is still falling. */
    public static final double STILL_IMPROVING = 0.8;

    /**
     * Whether a validation curve was still falling when training stopped: its best value over the last fifth of the
     * epochs is at most {@value #STILL_IMPROVING} of its best before — a fifth better in a fifth of the time, where a
     * curve on its plateau gains far less (Kepler's second deflation stage with the bracket, which needs about 2000
     * steps, is the case this catches). Under a {@link Plateau} training goes on while it holds; a stage of which it
     * still holds at the end is under-trained: its loss and its check are not final.
     */
    public static boolean stillImproving(double[] curve) {
        int n = curve.length;
        int tail = Math.max(1, n / 5);
        if (n - tail < 1) {
            return false;
        }
        double before = Double.POSITIVE_INFINITY;
        double after = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(curve[i])) {
                continue;
            }
            if (i < n - tail) {
                before = Math.min(before, curve[i]);
            } else {
                after = Math.min(after, curve[i]);
            }
        }
        return Double.isFinite(before) && after <= STILL_IMPROVING * before;
    }

    /**
     * The loss of a trained stage on {@code samples} (batches of {@code batch} states, the mean over them).
     */
    public static double loss(Encoder encoder, FieldSamples samples, GradientLoss loss, Parameters lossParams,
                              List<Encoder> frozen, int batch) {
        MlpKernel kernel = kernel(encoder.network());
        double[] params = JacobianKernel.parameters(encoder.network());
        return evaluate(kernel, params, loss, lossParams, encoder.standardization(), samples, Frozen.of(frozen, samples),
                Math.min(batch, samples.size()));
    }

    /**
     * The second-order kernel for {@code net}'s precision: {@link FloatJacobianKernel} for a float network (the fast
     * path), {@link JacobianKernel} for a double one.
     */
    static MlpKernel kernel(MultiLayerNetwork net) {
        return net.params().dataType() == DataType.FLOAT ? FloatJacobianKernel.of(net, true) : JacobianKernel.of(net);
    }

    private static double evaluate(MlpKernel kernel, double[] params, GradientLoss loss, Parameters lossParams,
                                   Standardization standardization, FieldSamples samples, Frozen frozen, int batch) {
        int n = samples.size();
        int d = samples.dimension();
        // fewer validation states than a batch (a small data file): one batch of all of them; else whole batches
        batch = Math.min(batch, n);
        double[] u = standardization.apply(samples.states);
        Batch work = new Batch(batch, d, kernel.outputs(), frozen.count, 0);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        double sum = 0;
        int batches = 0;
        for (int from = 0; from + batch <= n; from += batch) {
            work.gather(order, from, samples, u, frozen);
            sum += work.value(kernel, params, loss, lossParams, standardization.std(), samples.canonical());
            batches++;
        }
        return sum / batches;
    }

    /** The gradients of the frozen networks at every state, {@code n·j·d}, computed once. */
    private record Frozen(int count, double[] gradients) {

        static Frozen of(List<Encoder> frozen, FieldSamples samples) {
            int n = samples.size();
            int d = samples.dimension();
            List<double[]> each = new ArrayList<>();
            for (Encoder e : frozen) {
                for (int o = 0; o < e.latentSize(); o++) {
                    each.add(e.inputGradients(samples.states, o));
                }
            }
            int j = each.size();
            double[] g = new double[n * j * d];
            for (int r = 0; r < n; r++) {
                for (int q = 0; q < j; q++) {
                    System.arraycopy(each.get(q), r * d, g, (r * j + q) * d, d);
                }
            }
            return new Frozen(j, g);
        }
    }

    /** The buffers of one batch. */
    private static final class Batch {
        final int rows;
        final int d;
        final int k;
        final int frozenCount;
        final double[] x;
        final double[] u;
        final double[] h;
        final double[] frozen;
        final double[] jacobian;
        final double[] outputGradient;
        final double[] kernelJacobianGradient;
        final double[] gradient;

        Batch(int rows, int d, int k, int frozenCount, int parameters) {
            this.rows = rows;
            this.d = d;
            this.k = k;
            this.frozenCount = frozenCount;
            x = new double[rows * d];
            u = new double[rows * d];
            h = new double[rows * d];
            frozen = new double[rows * frozenCount * d];
            jacobian = new double[rows * k * d];
            outputGradient = new double[rows * k];
            kernelJacobianGradient = new double[rows * k * d];
            gradient = new double[parameters];
        }

        void gather(int[] order, int from, FieldSamples s, double[] standardized, Frozen f) {
            for (int r = 0; r < rows; r++) {
                int src = order[from + r];
                System.arraycopy(s.states, src * d, x, r * d, d);
                System.arraycopy(standardized, src * d, u, r * d, d);
                System.arraycopy(s.vectorField, src * d, h, r * d, d);
                if (frozenCount > 0) {
                    System.arraycopy(f.gradients, src * frozenCount * d, frozen, r * frozenCount * d, frozenCount * d);
                }
            }
        }

        private Penalty penalty(MlpKernel kernel, double[] params, GradientLoss loss, Parameters lossParams,
                                double[] std, Optional<CanonicalLayout> canonical) {
            kernel.forward(params, u, rows);
            Standardization.perStd(kernel.jacobian(rows), rows * k, std, jacobian);
            return loss.evaluate(new GradientBatch(rows, d, k, x, jacobian, frozenCount, frozen, h, canonical),
                    lossParams);
        }

        double value(MlpKernel kernel, double[] params, GradientLoss loss, Parameters lossParams, double[] std,
                     Optional<CanonicalLayout> canonical) {
            return penalty(kernel, params, loss, lossParams, std, canonical).value();
        }

        double step(MlpKernel kernel, double[] params, GradientLoss loss, Parameters lossParams, double[] std,
                    Optional<CanonicalLayout> canonical) {
            Penalty p = penalty(kernel, params, loss, lossParams, std, canonical);
            Standardization.perStd(p.jacobianGradient(), rows * k, std, kernelJacobianGradient);
            kernel.backward(params, outputGradient, kernelJacobianGradient, rows, gradient);
            return p.value();
        }
    }
}
