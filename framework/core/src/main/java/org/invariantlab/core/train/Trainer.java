package org.invariantlab.core.train;

import java.util.Objects;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.invariantlab.api.InvariantLabException;
import org.invariantlab.api.param.Parameters;
import org.invariantlab.api.training.BatchLayout;
import org.invariantlab.api.training.GroupExamples;
import org.invariantlab.api.training.HeadOutput;
import org.invariantlab.api.training.LatentBatch;
import org.invariantlab.api.training.NetworkHead;
import org.invariantlab.api.training.PairExamples;
import org.invariantlab.api.training.Perturbation;
import org.invariantlab.api.training.TrainingExamples;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Trains an {@link Encoder} through a {@link NetworkHead}: the siamese scheme of Wetzel, Melko, Scott, Panju
 * and Ganesh (PRR 2, 033499, 2020) for pair examples, and whole-group losses such as Ha &amp; Jeong's
 * (PRR 3, L042035, 2021) for group examples.
 *
 * <p>One step, for a batch of {@code B} examples:
 * <ol>
 *   <li>stack the batch's states into {@code R} rows in the head's {@link BatchLayout} (pairs: the {@code B}
 *       first members, then the {@code B} second members, {@code R = 2B}; groups: all originals group by
 *       group, then all perturbed states group by group) and run the one shared-weight network on all
 *       rows at once: {@code Z = f(X)}, {@code R × k};</li>
 *   <li>{@code head.evaluate(Z, θ)} returns the batch loss {@code L}, {@code ∂L/∂Z} and {@code ∂L/∂θ};</li>
 *   <li>back-propagate {@code ∂L/∂Z} through the network to {@code ∂L/∂w}, with a kernel whose buffers are
 *       allocated once per batch shape (entries of {@code ∂L/∂Z} negligible against the batch's largest are
 *       zeroed first, see below) — {@link NetworkStep} chooses it: the single-precision kernel on OpenBLAS
 *       and the Vector API for float networks with smooth activations, ND4J's ops otherwise;</li>
 *   <li>Adam steps on the flattened network parameters and on {@code θ} (the same rule, {@link ParameterAdam}
 *       or ND4J's {@code AdamUpdater}), both at the epoch's learning rate.</li>
 * </ol>
 *
 * <p><b>Scaling convention.</b> A head returns the <em>mean</em> loss over the batch's examples and its
 * gradients with respect to that mean, so {@code ∂L/∂Z} already carries the {@code 1/B}. The trainer
 * back-propagates it unchanged and applies no further division by the batch size (DL4J's own updater
 * would divide by the minibatch size; it is not used). Hence the network gradient is exactly
 * {@code ∂(mean loss)/∂w}, as in PyTorch with a mean-reduced loss (tested against finite differences).
 *
 * <p><b>Speed.</b> The straightforward DL4J recipe ({@code feedForward}, {@code backpropGradient}, the
 * network's updater) allocates every activation and gradient array per step, and a native allocation costs
 * 50–500 µs on the project's machines; the kernel reuses its buffers, fuses the bias into the matrix product
 * and computes the swish derivative from the forward pass's sigmoid. A confidently classified pair can
 * contribute a latent gradient of order 10⁻⁴⁰, which is subnormal in single precision and made the backward
 * matrix products twice as slow (subnormal operands take a microcode path in the CPU's vector units);
 * such entries, below {@code 2⁻¹⁷} of the type's resolution relative to the batch's largest, are set to
 * zero, i.e. every dropped entry is below {@code 2⁻¹⁷} of the rounding unit of the largest entry, far below
 * what the gradient sums resolve. {@link TrainerBenchmark} measures the result.
 *
 * <p><b>Fresh perturbations.</b> Given a {@link Perturbation} (group examples only), every training step
 * replaces the batch's perturbed states by {@code x + δ} drawn anew from the batch's raw originals, one
 * perturbed state per original, as in Ha &amp; Jeong's training loop where the spreader is called for every
 * batch (PRR 3, L042035, 2021). The draw of step {@code t} (0-based over the whole run) uses the seed
 * {@link #stepSeed stepSeed(seed, t)}, a SplitMix64 mix of the configuration seed and {@code t}, so the run
 * stays reproducible and the shuffling generator is not touched. Validation and {@link #evaluate} use the
 * examples' fixed perturbed copies, so the selection criterion does not fluctuate with the noise.
 *
 * <p><b>Heads on input gradients.</b> A head that {@linkplain NetworkHead#needsInputGradients needs them} gets, per
 * batch, the latents' gradients with respect to the raw state, {@code ∇ₓz = (∂z/∂u)/σ} from the second-order kernel
 * ({@link MlpKernel}, as {@link GradientTrainer} uses it), and the raw states; its {@code ∂L/∂z} and
 * {@code ∂L/∂(∇ₓz)} go back through {@code σ} and the kernel's second-order pass to {@code ∂L/∂w}, Adam on the flat
 * parameters (checked against central differences in double precision). Validation and {@link #evaluate} hand it the
 * same gradients.
 *
 * <p>The epochs are {@link EpochLoop}'s, shared with {@link GradientTrainer}. Examples are shuffled every epoch by a
 * {@link SplittableRandom} seeded from the configuration; the last batch of an epoch may be smaller. After each epoch the network is evaluated on the validation
 * examples, and the best one so far (lowest validation loss, or lowest training loss without validation)
 * is kept as a deep copy together with its {@code θ}. A non-finite loss, gradient or validation loss ends
 * training with stop reason {@code diverged: …} and the best model so far; so does an epoch whose mean training
 * or validation loss is finite but above {@link #DIVERGED_LOSS} (the epoch is recorded, and its model may still
 * be the best so far when its validation loss is finite). The run fails with an
 * {@link InvariantLabException} if no epoch ended with a finite loss. With {@code patience > 0},
 * training stops once the validation loss has not improved for that many epochs.
 *
 * <p>Reproducibility: the seed fixes the weight initialisation (DL4J configuration seed and
 * {@code Nd4j.getRandom()}), the shuffling and therefore every batch; with a fixed number of BLAS threads
 * (the project runs with {@code OMP_NUM_THREADS=1}) the same seed gives the same history, bit for bit.
 *
 * <p>The trainer holds no state between calls; one call uses the calling thread only.
 */
public final class Trainer {

    /**
     * A mean loss (per example) above this counts as divergence although it is finite. At chance the pair
     * heads' cross-entropy is ln 2 ≈ 0.69 and a confidently wrong pair costs about its logit; a mean of 10¹⁰
     * means the weights have blown up (measured: 6.6·10³⁰ in the first epoch at learning rate 30).
     */
    public static final double DIVERGED_LOSS = 1e10;

    /** Examples per head call when evaluating. */
    static final int EVAL_EXAMPLES = 4096;

    /** Creates a trainer; the host injector binds one for the engine and for extensions that {@code @Inject} it. */
    @jakarta.inject.Inject
    public Trainer() {
        // stateless
    }

    /**
     * Trains a new encoder.
     *
     * @param config         network shape and optimisation settings
     * @param train          training examples; the standardisation is fitted on all their states
     * @param validation     validation examples of the same kind and dimension, or {@code null} to select the
     *                       best epoch by training loss
     * @param head           the loss on the latents
     * @param headParameters the head's resolved parameters
     * @param listener       told about every completed epoch; may be {@code null}
     * @throws InvariantLabException if the inputs do not fit together, the head fails, or training diverges
     *                               before any epoch ended with a finite loss
     */
    public TrainingResult train(TrainingConfig config, TrainingExamples train, TrainingExamples validation,
                                NetworkHead head, Parameters headParameters, TrainingListener listener) {
        return train(config, train, validation, head, headParameters, null, listener);
    }

    /**
     * Trains a new encoder, drawing the perturbed states of every training batch afresh with
     * {@code perturbation} (see the class documentation); with {@code perturbation == null} this is
     * {@link #train(TrainingConfig, TrainingExamples, TrainingExamples, NetworkHead, Parameters, TrainingListener)}.
     *
     * @param perturbation fresh noise for group examples, or {@code null} to use the examples as they are
     * @throws InvariantLabException also if a perturbation is given for pair examples, or for groups whose
     *                               number of perturbed states differs from their number of states
     */
    public TrainingResult train(TrainingConfig config, TrainingExamples train, TrainingExamples validation,
                                NetworkHead head, Parameters headParameters, Perturbation perturbation,
                                TrainingListener listener) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(head, "head");
        Objects.requireNonNull(headParameters, "headParameters");
        checkExamples("training", train, head);
        if (validation != null) {
            checkExamples("validation", validation, head);
            if (validation.getClass() != train.getClass() || validation.dimension() != train.dimension()) {
                throw new InvariantLabException("validation examples must be of the same kind and dimension as the "
                        + "training examples: got " + describe(validation) + " and " + describe(train));
            }
            if (train instanceof GroupExamples t && validation instanceof GroupExamples v
                    && (t.groups().perGroup() != v.groups().perGroup()
                        || t.perturbed().perGroup() != v.perturbed().perGroup())) {
                throw new InvariantLabException("validation groups must have as many states (and perturbed states) per "
                        + "group as the training groups");
            }
        }
        if (perturbation != null) {
            if (!(train instanceof GroupExamples g)) {
                throw new InvariantLabException("fresh perturbations need group examples, but the training examples are "
                        + describe(train) + "; use a sampler that makes whole groups");
            }
            if (g.perturbed().perGroup() != g.groups().perGroup()) {
                throw new InvariantLabException("fresh perturbations draw one perturbed state per state, but the groups "
                        + "have " + g.groups().perGroup() + " states and " + g.perturbed().perGroup()
                        + " perturbed states each; make the sampler return one perturbed copy per state");
            }
        }
        long start = System.nanoTime();
        int d = train.dimension();
        Standardization standardization = Standardization.fit(d, ExampleRows.states(train));
        ExampleRows rows = ExampleRows.of(train, standardization);
        ExampleRows validationRows = validation == null ? null : ExampleRows.of(validation, standardization);
        double[] theta = initialTheta(head, headParameters);
        MultiLayerNetwork net = Encoder.network(config.encoder(), d, config.seed());
        Run run = new Run(config, rows, validationRows, head, headParameters, perturbation, listener, net,
                standardization, theta, start);
        return run.execute();
    }

    /**
     * Evaluates an encoder and head parameters on examples: mean loss, pair accuracy and {@code p(same)} per
     * pair. The examples are standardised with the encoder's own standardisation and scored in chunks of
     * {@value #EVAL_EXAMPLES} examples (the loss is the example-weighted mean of the chunk losses).
     *
     * @throws InvariantLabException if the examples do not fit the encoder or the head
     */
    public Evaluation evaluate(Encoder encoder, NetworkHead head, double[] theta, Parameters headParameters,
                               TrainingExamples examples) {
        Objects.requireNonNull(encoder, "encoder");
        Objects.requireNonNull(head, "head");
        Objects.requireNonNull(theta, "theta");
        Objects.requireNonNull(headParameters, "headParameters");
        checkExamples("evaluation", examples, head);
        if (examples.dimension() != encoder.inputSize()) {
            throw new InvariantLabException("the examples have dimension " + examples.dimension() + " but the encoder "
                    + encoder.inputSize() + " inputs");
        }
        ExampleRows rows = ExampleRows.of(examples, encoder.standardization());
        synchronized (encoder) {
            return evaluate(encoder.network(), encoder.standardization(), rows, head, theta.clone(), headParameters);
        }
    }

    /**
     * Evaluation of {@code net} on standardised rows, shared by validation and {@link #evaluate}; {@code std} turns
     * gradients with respect to the standardised input into gradients with respect to the raw state, for a head that
     * needs them.
     */
    static Evaluation evaluate(MultiLayerNetwork net, Standardization standardization, ExampleRows rows,
                               NetworkHead head, double[] theta, Parameters headParameters) {
        double[] mean = standardization.mean();
        double[] std = standardization.std();
        MlpKernel kernel = head.needsInputGradients() ? secondOrderKernel(net, head) : null;
        double[] params = kernel == null ? null : JacobianKernel.parameters(net);
        int n = rows.count();
        int d = rows.dimension;
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        int k = (int) net.getLayer(net.getnLayers() - 1).getParam("W").size(1);
        boolean pairs = rows instanceof ExampleRows.Pairs;
        double[] probabilities = new double[pairs ? n : 0];
        boolean haveProbabilities = pairs;
        double lossSum = 0;
        long correct = 0;
        for (int from = 0; from < n; from += EVAL_EXAMPLES) {
            int to = Math.min(n, from + EVAL_EXAMPLES);
            int b = to - from;
            double[] x = new double[rows.rows(b) * d];
            BatchLayout layout = rows.fill(order, from, to, x);
            LatentBatch batch;
            if (kernel == null) {
                batch = new LatentBatch(layout, k, Encoder.latentsOfStandardized(net, x, d));
            } else {
                int r = rows.rows(b);
                kernel.forward(params, x, r);
                batch = new LatentBatch(layout, k, java.util.Arrays.copyOf(kernel.outputs(r), r * k),
                        rawGradients(kernel.jacobian(r), r * k, std), rawStates(x, r, mean, std));
            }
            HeadOutput out = callHead(head, batch, theta, headParameters, 0, 0);
            lossSum += out.loss() * b;
            double[] p = out.sameProbability();
            if (pairs && p.length == b) {
                double[] y = ((BatchLayout.Pairs) layout).labels();
                System.arraycopy(p, 0, probabilities, from, b);
                for (int i = 0; i < b; i++) {
                    if ((p[i] >= 0.5) == (y[i] == 1.0)) {
                        correct++;
                    }
                }
            } else {
                haveProbabilities = false;
            }
        }
        double accuracy = haveProbabilities ? (double) correct / n : Double.NaN;
        return new Evaluation(lossSum / n, accuracy, haveProbabilities ? probabilities : new double[0]);
    }

    /**
     * The seed of the fresh perturbation of training step {@code step} (0-based over the run):
     * SplitMix64's finaliser (G. L. Steele, D. Lea, C. H. Flood, "Fast splittable pseudorandom number
     * generators", OOPSLA 2014) applied to {@code seed + (step + 1)·γ}, {@code γ = 0x9E3779B97F4A7C15}, so
     * neighbouring steps and neighbouring seeds give unrelated draws.
     */
    public static long stepSeed(long seed, long step) {
        long z = seed + (step + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * The second-order kernel of {@code net} for a head that needs input gradients ({@link MlpKernel}: the network's
     * input Jacobian and the parameter gradient of a loss on it); refused in one line for activations without a second
     * derivative.
     */
    static MlpKernel secondOrderKernel(MultiLayerNetwork net, NetworkHead head) {
        try {
            return GradientTrainer.kernel(net);
        } catch (InvariantLabException e) {
            throw new InvariantLabException("head '" + head.id() + "' uses the input gradients of the latents: "
                    + e.getMessage(), e);
        }
    }

    /**
     * {@code ∂f/∂x_i = (∂f/∂u_i)/σ_i}: the kernel's Jacobian with respect to the standardised input {@code u} (the
     * first {@code rowsTimesK·d} values) as gradients with respect to the raw state. The chain rule back is the same
     * division: {@code ∂L/∂(∂f/∂u_i) = ∂L/∂(∂f/∂x_i) · ∂(∂f/∂x_i)/∂(∂f/∂u_i) = ∂L/∂(∂f/∂x_i) / σ_i}.
     */
    static double[] rawGradients(double[] jacobian, int rowsTimesK, double[] std) {
        return Standardization.perStd(jacobian, rowsTimesK, std, new double[rowsTimesK * std.length]);
    }

    /** {@code x = u·σ + μ}: the first {@code rows} standardised rows of {@code u} as raw states. */
    static double[] rawStates(double[] u, int rows, double[] mean, double[] std) {
        int d = std.length;
        double[] x = new double[rows * d];
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < d; i++) {
                x[r * d + i] = u[r * d + i] * std[i] + mean[i];
            }
        }
        return x;
    }

    /** The state of one training call. */
    private static final class Run {
        private final TrainingConfig config;
        private final ExampleRows rows;
        private final ExampleRows validation;
        private final NetworkHead head;
        private final Parameters headParameters;
        private final Perturbation perturbation;
        private final TrainingListener listener;
        private final MultiLayerNetwork net;
        private final Standardization standardization;
        private final double[] theta;
        private final long start;
        private final int k;
        private final int d;

        Run(TrainingConfig config, ExampleRows rows, ExampleRows validation, NetworkHead head,
            Parameters headParameters, Perturbation perturbation, TrainingListener listener, MultiLayerNetwork net,
            Standardization standardization, double[] theta, long start) {
            this.config = config;
            this.rows = rows;
            this.validation = validation;
            this.head = head;
            this.headParameters = headParameters;
            this.perturbation = perturbation;
            this.listener = listener;
            this.net = net;
            this.standardization = standardization;
            this.theta = theta;
            this.start = start;
            this.k = config.encoder().latentSize();
            this.d = rows.dimension;
        }

        TrainingResult execute() {
            int n = rows.count();
            Steps steps = head.needsInputGradients() ? new SecondOrderSteps(Math.min(config.batchSize(), n))
                    : new Steps(Math.min(config.batchSize(), n));
            EpochLoop.Outcome o = EpochLoop.run(config, n, new SplittableRandom(config.seed()), steps,
                    new EpochLoop.Rules(false, true, config.patience(), GradientTrainer.Plateau.NONE,
                            EpochLoop.Divergence.STOP), listener, start);
            if (steps.best == null) {
                throw new TrainingDivergedException("training " + o.stopReason() + " before any epoch ended with a "
                        + "finite loss, so there is no model to keep; lower the learning rate (now "
                        + config.learningRate() + ") or check the head '" + head.id() + "'");
            }
            return new TrainingResult(steps.best, steps.bestTheta, o.history(), o.bestEpoch(),
                    seconds(start) - o.followSeconds(), o.examplesPerSecond(), o.stopReason());
        }

        /** A step: the network on the batch's rows, the head on the latents, back-propagation and Adam. */
        private class Steps implements EpochLoop.Objective {
            private NetworkStep step;
            final ParameterAdam thetaAdam = new ParameterAdam(theta.length);
            final double[] x;
            private final ExampleRows.Grouped fresh = perturbation == null ? null : (ExampleRows.Grouped) rows;
            private final double[] raw;
            private final double[] noisy;
            private Encoder best;
            private double[] bestTheta;

            Steps(int batch) {
                step = head.needsInputGradients() ? null : NetworkStep.of(net, config.learningRateAt(0));
                x = new double[rows.rows(batch) * d];
                int freshValues = fresh == null ? 0 : batch * fresh.perGroup() * d;
                raw = new double[freshValues];
                noisy = new double[freshValues];
            }

            @Override
            public EpochLoop.Step step(int[] order, int from, int to, double eta, int epoch, int stepNumber,
                                       long iteration) {
                int b = to - from;
                int r = rows.rows(b);
                BatchLayout layout = rows.fill(order, from, to, x);
                if (fresh != null) {
                    fresh.refreshPerturbed(order, from, to, perturbation, stepSeed(config.seed(), iteration), raw,
                            noisy, x);
                }
                HeadOutput out = callHead(head, latents(layout, r), theta, headParameters, epoch + 1, stepNumber);
                if (!Double.isFinite(out.loss())) {
                    return EpochLoop.Step.failed("non-finite loss at epoch " + (epoch + 1) + ", step " + stepNumber);
                }
                double[] dz = out.latentGradient();
                double[] dTheta = out.headGradient();
                checkGradientShapes(head, dz, r * k, dTheta, theta.length);
                if (!allFinite(dz) || !allFinite(dTheta) || !allFinite(out.inputGradientGradient())) {
                    return EpochLoop.Step.failed("non-finite gradient at epoch " + (epoch + 1) + ", step "
                            + stepNumber);
                }
                long correct = 0;
                long judged = -1;
                double[] p = out.sameProbability();
                if (layout instanceof BatchLayout.Pairs pairs && p.length == b) {
                    double[] y = pairs.labels();
                    for (int i = 0; i < b; i++) {
                        if ((p[i] >= 0.5) == (y[i] == 1.0)) {
                            correct++;
                        }
                    }
                    judged = b;
                }
                backward(out, dz, r, eta, (int) iteration, epoch);
                thetaAdam.step(theta, dTheta, eta);
                return new EpochLoop.Step(out.loss(), b, b, correct, judged, null);
            }

            /** The network on the batch's {@code r} rows (in {@link #x}), as the head sees it. */
            LatentBatch latents(BatchLayout layout, int r) {
                return new LatentBatch(layout, k, step.forward(x, r, k));
            }

            /** Carries the head's gradients back to the network's weights and takes an Adam step on them. */
            void backward(HeadOutput out, double[] dz, int r, double eta, int iteration, int epoch) {
                step.backward(dz, r, k, eta, iteration, epoch);
            }

            @Override
            public void endEpoch() {
                step.sync();
            }

            @Override
            public EpochLoop.Measure validate() {
                if (validation == null) {
                    return EpochLoop.Measure.NONE;
                }
                Evaluation v = Trainer.evaluate(net, standardization, validation, head, theta.clone(),
                        headParameters);
                return new EpochLoop.Measure(true, v.loss(), v.accuracy());
            }

            @Override
            public void keepBest() {
                best = new Encoder(net.clone(), standardization);
                bestTheta = theta.clone();
            }

            @Override
            public TrainingListener.Network network() {
                return states -> Encoder.latentsOfStandardized(net, standardization.apply(states), d);
            }
        }

        /**
         * A step for a head that needs input gradients: the second-order kernel gives the latents {@code z} and their
         * Jacobian {@code ∂z/∂u}, the head gets {@code ∇ₓz = (∂z/∂u)/σ} and returns {@code ∂L/∂z} and
         * {@code ∂L/∂(∇ₓz)}, which go back through the same chain rule ({@code ∂L/∂(∂z/∂u)_i = ∂L/∂(∇ₓz)_i / σ_i}) and
         * the kernel's second-order backward pass to the weights, as in {@link GradientTrainer}; Adam on the flat
         * parameters, written back into the network at the end of each epoch.
         */
        private final class SecondOrderSteps extends Steps {
            private final MlpKernel kernel = secondOrderKernel(net, head);
            private final double[] params = JacobianKernel.parameters(net);
            private final double[] gradient = new double[params.length];
            private final ParameterAdam adam = new ParameterAdam(params.length);
            private final double[] std = standardization.std();
            private final double[] mean = standardization.mean();

            SecondOrderSteps(int batch) {
                super(batch);
            }

            @Override
            LatentBatch latents(BatchLayout layout, int r) {
                kernel.forward(params, x, r);
                return new LatentBatch(layout, k, java.util.Arrays.copyOf(kernel.outputs(r), r * k),
                        rawGradients(kernel.jacobian(r), r * k, std), rawStates(x, r, mean, std));
            }

            @Override
            void backward(HeadOutput out, double[] dz, int r, double eta, int iteration, int epoch) {
                double[] dg = out.inputGradientGradient();
                double[] dj = null;
                if (dg.length > 0) {
                    if (dg.length != r * k * d) {
                        throw new InvariantLabException("head '" + head.id() + "' returned " + dg.length
                                + " input-gradient gradients for " + r * k * d + " input gradients");
                    }
                    dj = rawGradients(dg, r * k, std); // ∂L/∂(∂z/∂u)_i = ∂L/∂(∇ₓz)_i / σ_i: the same scaling
                }
                kernel.backward(params, dz, dj, r, gradient);
                adam.step(params, gradient, eta);
            }

            @Override
            public void endEpoch() {
                net.setParams(Nd4j.create(params, new long[] {1, params.length},
                        org.nd4j.linalg.api.buffer.DataType.DOUBLE).castTo(net.params().dataType()));
            }
        }
    }

    /**
     * Calls the head; an exception it throws for bad input becomes an {@link InvariantLabException} saying
     * where ({@code epoch} and {@code step} 1-based; {@code epoch = 0} means evaluation).
     */
    private static HeadOutput callHead(NetworkHead head, LatentBatch batch, double[] theta, Parameters parameters,
                                       int epoch, int step) {
        HeadOutput out;
        try {
            out = head.evaluate(batch, theta, parameters);
        } catch (IllegalArgumentException | IllegalStateException | ArithmeticException e) {
            throw new InvariantLabException("head '" + head.id() + "' failed at " + where(epoch, step) + ": "
                    + e.getMessage(), e);
        }
        if (out == null) {
            throw new InvariantLabException("head '" + head.id() + "' returned no output at " + where(epoch, step));
        }
        return out;
    }

    private static String where(int epoch, int step) {
        return epoch == 0 ? "evaluation" : "epoch " + epoch + ", step " + step;
    }

    private static void checkGradientShapes(NetworkHead head, double[] dz, int latents, double[] dTheta, int params) {
        if (dz.length != latents) {
            throw new InvariantLabException("head '" + head.id() + "' returned " + dz.length + " latent gradients for "
                    + latents + " latents");
        }
        if (dTheta.length != params) {
            throw new InvariantLabException("head '" + head.id() + "' returned " + dTheta.length
                    + " parameter gradients for " + params + " parameters");
        }
    }

    private static double[] initialTheta(NetworkHead head, Parameters parameters) {
        double[] theta = head.initialParameters(parameters);
        if (theta == null) {
            throw new InvariantLabException("head '" + head.id() + "' returned no initial parameters");
        }
        theta = theta.clone();
        if (!allFinite(theta)) {
            throw new InvariantLabException("head '" + head.id() + "' has non-finite initial parameters");
        }
        return theta;
    }

    private static void checkExamples(String role, TrainingExamples examples, NetworkHead head) {
        Objects.requireNonNull(examples, role + " examples");
        if (examples.count() < 1) {
            throw new InvariantLabException("no " + role + " examples");
        }
        if (!head.accepts(ExampleRows.sampleLayout(examples))) {
            throw new InvariantLabException("head '" + head.id() + "' does not accept the " + role + " examples ("
                    + describe(examples) + ")"
                    + "; choose a head for " + (examples instanceof PairExamples ? "pairs" : "groups")
                    + " or a sampler that makes what this head needs");
        }
    }

    private static String describe(TrainingExamples e) {
        return (e instanceof PairExamples ? "pair" : "group") + " examples of dimension " + e.dimension();
    }

    /** Fisher–Yates shuffle of {@code a} in place (shared with {@link GradientTrainer}). */
    static void shuffle(int[] a, SplittableRandom random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** A loss that is finite and not above {@link #DIVERGED_LOSS}. */
    static boolean sane(double loss) {
        return Double.isFinite(loss) && loss <= DIVERGED_LOSS;
    }

    private static boolean allFinite(double[] a) {
        for (double v : a) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
