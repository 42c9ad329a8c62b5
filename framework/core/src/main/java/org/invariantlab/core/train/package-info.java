/**
 * The training engine: encoders {@code f: R^d → R^k} learned from groups of states through a
 * {@link org.invariantlab.api.training.NetworkHead}, on deeplearning4j/ND4J.
 *
 * <ul>
 *   <li>{@link org.invariantlab.core.train.EncoderConfig}, {@link org.invariantlab.core.train.TrainingConfig}:
 *       validated settings (defaults: 64-64-64 swish MLP, He initialisation, float, 80 epochs of Adam at
 *       10⁻³ with a cosine schedule, batch 256);</li>
 *   <li>{@link org.invariantlab.core.train.Encoder}: the network and its input
 *       {@link org.invariantlab.core.train.Standardization}; latents, input gradients, a pointwise
 *       {@link org.invariantlab.api.system.ScalarField}, save and load;</li>
 *   <li>{@link org.invariantlab.core.train.Trainer}: shared-weight training on stacked batches (pairs as in
 *       Wetzel et al., PRR 2, 033499, 2020; whole groups for losses such as Ha &amp; Jeong's, PRR 3,
 *       L042035, 2021), best-model selection, early stopping, divergence handling, evaluation;</li>
 *   <li>{@link org.invariantlab.core.train.GradientTrainer}: training on input gradients (second order) for the
 *       {@link org.invariantlab.api.training.GradientLoss} methods;</li>
 *   <li>{@code EpochLoop} (package-private): the one epoch loop of both — schedule, shuffling, batches, divergence,
 *       validation, best-model keeping, patience and the plateau rule — each trainer supplying only its step, its
 *       validation and its named rules;</li>
 *   <li>the kernels behind both (package-private): {@code MlpKernel} with {@code FloatJacobianKernel} (single
 *       precision, OpenBLAS sgemm, Vector API activations via {@code FloatActivations}; the fast path of both
 *       trainers) and {@code JacobianKernel} (double, the reference checked against central differences);
 *       {@code NetworkStep} picks the first-order engine, {@code DenseKernel} (ND4J ops) serving the
 *       activations the fast kernel lacks;</li>
 *   <li>{@link org.invariantlab.core.train.TrainerBenchmark}: training throughput on this machine.</li>
 * </ul>
 *
 * <p>Heads see only latents and return {@code ∂(mean loss)/∂latents} (a head may hold weights inside its loss fixed,
 * as the noise-variance head's {@code betaRatio} does); the trainer owns the network and
 * carries those gradients back to the weights, so plugins never depend on the neural-network library.
 */
package org.invariantlab.core.train;
