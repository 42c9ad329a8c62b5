/**
 * Extensions built into InvariantLab, available without any plugin: the siamese example sampler
 * {@link org.invariantlab.core.builtin.PermutationSampler} ({@code permutation}) and the pair heads
 * {@link org.invariantlab.core.builtin.DistanceLogisticHead} ({@code distance-logistic}) and
 * {@link org.invariantlab.core.builtin.ContrastiveHead} ({@code contrastive}).
 *
 * <p>{@link org.invariantlab.core.builtin.BuiltInsModule} binds them into the extension-point multibinders;
 * {@link org.invariantlab.core.CoreModule} installs it, so every {@code InvariantLab.start(...)} registry
 * lists them with origin {@code built-in}. The classes here are plain Java (no neural-network or
 * computer-algebra library), so building the registry for a listing command stays fast; they are immutable
 * and safe to share between threads.
 */
package org.invariantlab.core.builtin;
