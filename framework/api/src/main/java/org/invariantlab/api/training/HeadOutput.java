package org.invariantlab.api.training;

import java.util.Objects;

/**
 * What a {@link NetworkHead} computes for one batch.
 *
 * @param loss                  mean loss over the batch's examples
 * @param latentGradient        {@code ∂loss/∂latents}, same shape as the batch's latents
 * @param headGradient          {@code ∂loss/∂θ} for the head's own learned parameters {@code θ}
 * @param sameProbability       {@code p(same)} per pair for pair layouts (used for accuracy); empty otherwise
 * @param inputGradientGradient {@code ∂loss/∂(∂f_j/∂x_i)}, same shape as {@link LatentBatch#inputGradients}, for a head
 *                              whose loss depends on them; empty when it does not
 */
public record HeadOutput(double loss, double[] latentGradient, double[] headGradient, double[] sameProbability,
                         double[] inputGradientGradient) {

    public HeadOutput {
        Objects.requireNonNull(latentGradient, "latentGradient");
        Objects.requireNonNull(headGradient, "headGradient");
        Objects.requireNonNull(sameProbability, "sameProbability");
        Objects.requireNonNull(inputGradientGradient, "inputGradientGradient");
        latentGradient = latentGradient.clone();
        headGradient = headGradient.clone();
        sameProbability = sameProbability.clone();
        inputGradientGradient = inputGradientGradient.clone();
    }

    /** The output of a head whose loss depends on the latents only. */
    public HeadOutput(double loss, double[] latentGradient, double[] headGradient, double[] sameProbability) {
        this(loss, latentGradient, headGradient, sameProbability, new double[0]);
    }

    @Override
    public double[] inputGradientGradient() {
        return inputGradientGradient.clone();
    }

    @Override
    public double[] latentGradient() {
        return latentGradient.clone();
    }

    @Override
    public double[] headGradient() {
        return headGradient.clone();
    }

    @Override
    public double[] sameProbability() {
        return sameProbability.clone();
    }
}
