package org.invariantlab.api.training;

import java.util.Objects;

/**
 * The network's outputs for one batch: {@code rows × k} latents, row-major, arranged by {@code layout}.
 *
 * @param layout     which rows belong together
 * @param latentSize {@code k}, the number of network outputs
 * @param latents    {@code layout.rows()·k} values
 */
public record LatentBatch(BatchLayout layout, int latentSize, double[] latents) {

    public LatentBatch {
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(latents, "latents");
        if (latentSize < 1 || latents.length != layout.rows() * latentSize) {
            throw new IllegalArgumentException("expected " + layout.rows() + "×" + latentSize + " latents, got " + latents.length);
        }
        latents = latents.clone();
    }

    @Override
    public double[] latents() {
        return latents.clone();
    }

    /** Latent {@code j} of row {@code row}. */
    public double get(int row, int j) {
        return latents[row * latentSize + j];
    }
}
