package org.invariantlab.api.training;

import org.invariantlab.api.LabExtension;
import org.invariantlab.api.param.Parameters;

/**
 * Extension point that turns the latents of a batch into a loss, with its gradient.
 *
 * <p>Examples: the distance-logistic siamese head {@code logit = a − b·|f(x) − f(x')|²} with binary
 * cross-entropy (Wetzel et al., PRR 2, 033499, 2020); a contrastive margin loss; Ha &amp; Jeong's
 * noise-variance loss {@code Var_G f(x) + β·|Q − Var_G f(x+δ)|} (PRR 3, L042035, 2021) over whole groups.
 * A head may own learned parameters {@code θ} (such as {@code a} and {@code log b}), which the trainer
 * optimises together with the network.
 */
public interface NetworkHead extends LabExtension {

    /** Whether this head can score batches of this kind (pairs or groups). */
    boolean accepts(BatchLayout layout);

    /**
     * Whether the loss depends on the latents' gradients with respect to the input state (a Hamiltonian-style loss, a
     * loss of symmetry generators, …): the trainer then hands every batch its {@link LatentBatch#inputGradients} and
     * carries {@link HeadOutput#inputGradientGradient} back through the network's second-order pass. Such a head needs
     * a network with smooth activations (swish, gelu, tanh, sigmoid, softplus).
     */
    default boolean needsInputGradients() {
        return false;
    }

    /** Initial values of the head's learned parameters; empty if it has none. */
    default double[] initialParameters(Parameters parameters) {
        return new double[0];
    }

    /**
     * Loss of one batch and its gradients with respect to the latents and to {@code theta}.
     *
     * @param batch      latents and layout
     * @param theta      current head parameters (length as {@link #initialParameters})
     * @param parameters resolved configuration of this head
     */
    HeadOutput evaluate(LatentBatch batch, double[] theta, Parameters parameters);
}
