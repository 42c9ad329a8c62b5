/**
 * The {@code neural-deflation} plugin: the loss of W. Zhu, H.-K. Zhang, P. G. Kevrekidis, "Machine learning of
 * independent conservation laws through neural deflation", Phys. Rev. E 108, L022301 (2023), as an
 * {@link org.invariantlab.api.training.GradientLoss} with a sequential schedule: network {@code k} is trained
 * with the networks {@code 1..k−1} frozen, and the loss grows without bound when its gradient falls into their
 * span. The host's {@code count --method deflation} reads the number of conserved quantities from the jump of the
 * final losses. See {@link org.invariantlab.plugins.deflation.NeuralDeflationLoss}.
 */
package org.invariantlab.plugins.deflation;
