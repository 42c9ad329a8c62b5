/**
 * Training extension points: {@link org.invariantlab.api.training.ExampleSampler} (groups → examples, and
 * optionally a {@link org.invariantlab.api.training.Perturbation} redrawn at every training step),
 * {@link org.invariantlab.api.training.NetworkHead} (latents of a batch → loss and gradient) and
 * {@link org.invariantlab.api.training.GradientLoss} (a penalty on the input gradients of several
 * learned invariants, optionally with a sequential schedule). The trainer in core owns the network; these
 * SPIs see only numbers (latents, input gradients) and return loss gradients with respect to them, so
 * they stay independent of the neural-network library.
 */
package org.invariantlab.api.training;
