package org.invariantlab.api.training;

import java.util.Objects;

/**
 * The network's outputs for one batch: {@code rows × k} latents, row-major, arranged by {@code layout}, and — for a
 * head that asks ({@link NetworkHead#needsInputGradients}) — their gradients with respect to the raw input state,
 * {@code ∂f_j/∂x_i} at every row.
 *
 * @param layout         which rows belong together
 * @param latentSize     {@code k}, the number of network outputs
 * @param latents        {@code layout.rows()·k} values
 * @param inputGradients {@code rows × k × d} values, index {@code (row·k + j)·d + i}; empty when not asked for
 * @param states         the rows' raw states, {@code rows × d}, with the input gradients; empty without them
 */
public record LatentBatch(BatchLayout layout, int latentSize, double[] latents, double[] inputGradients,
                          double[] states) {

    public LatentBatch {
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(latents, "latents");
        Objects.requireNonNull(inputGradients, "inputGradients");
        Objects.requireNonNull(states, "states");
        if (latentSize < 1 || latents.length != layout.rows() * latentSize) {
            throw new IllegalArgumentException("expected " + layout.rows() + "×" + latentSize + " latents, got " + latents.length);
        }
        if (inputGradients.length % Math.max(1, layout.rows() * latentSize) != 0
                || states.length * latentSize != inputGradients.length) {
            throw new IllegalArgumentException("input gradients must be rows × k × d values and states rows × d, got "
                    + inputGradients.length + " and " + states.length);
        }
        latents = latents.clone();
        inputGradients = inputGradients.clone();
        states = states.clone();
    }

    /** A batch of latents only (what a head that does not ask for input gradients gets). */
    public LatentBatch(BatchLayout layout, int latentSize, double[] latents) {
        this(layout, latentSize, latents, new double[0], new double[0]);
    }

    @Override
    public double[] states() {
        return states.clone();
    }

    @Override
    public double[] latents() {
        return latents.clone();
    }

    @Override
    public double[] inputGradients() {
        return inputGradients.clone();
    }

    /** Whether the batch carries input gradients. */
    public boolean hasInputGradients() {
        return inputGradients.length > 0;
    }

    /** The input dimension {@code d} of the gradients; 0 without them. */
    public int inputDimension() {
        return inputGradients.length / (layout.rows() * latentSize);
    }

    /** {@code ∂f_j/∂x_i} at row {@code row}. */
    public double inputGradient(int row, int j, int i) {
        return inputGradients[(row * latentSize + j) * inputDimension() + i];
    }

    /** Latent {@code j} of row {@code row}. */
    public double get(int row, int j) {
        return latents[row * latentSize + j];
    }
}
