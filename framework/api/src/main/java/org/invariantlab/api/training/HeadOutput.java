package org.invariantlab.api.training;

import java.util.Objects;

/**
 * What a {@link NetworkHead} computes for one batch.
 *
 * @param loss           mean loss over the batch's examples
 * @param latentGradient {@code ∂loss/∂latents}, same shape as the batch's latents
 * @param headGradient   {@code ∂loss/∂θ} for the head's own learned parameters {@code θ}
 * @param sameProbability {@code p(same)} per pair for pair layouts (used for accuracy); empty otherwise
 */
public record HeadOutput(double loss, double[] latentGradient, double[] headGradient, double[] sameProbability) {

    public HeadOutput {
        Objects.requireNonNull(latentGradient, "latentGradient");
        Objects.requireNonNull(headGradient, "headGradient");
        Objects.requireNonNull(sameProbability, "sameProbability");
        latentGradient = latentGradient.clone();
        headGradient = headGradient.clone();
        sameProbability = sameProbability.clone();
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
