package org.invariantlab.plugins.hajeong;

import java.util.Objects;
import java.util.SplittableRandom;
import org.invariantlab.api.training.Perturbation;

/**
 * Ha &amp; Jeong's noise {@code δ = r·u}: for every state independently, a radius {@code r} uniform in
 * {@code (0, √R)} and a direction {@code u} uniform on the unit sphere of the {@link Spreader}'s norm, so
 * {@code ‖δ‖ ~ U(0, √R)} and {@code E[δ] = 0}. The perturbed state is {@code x + δ}.
 *
 * <p>This is the radial law of the paper's L2 spreader with its default {@code R = 1}: S. Ha, H. Jeong,
 * "Discovering invariants via machine learning", Phys. Rev. Research 3, L042035 (2021), arXiv:2102.04008
 * (the authors' code draws {@code r = √R·U}, {@code U ~ U(0, 1)}). The noise is added in the units of the
 * data, before any standardisation. Draws come from {@code new SplittableRandom(seed)}, state after state
 * (radius first, then direction), so the same states and seed give the same output bit for bit; nothing is
 * allocated besides the generator.
 *
 * @param noise    {@code R > 0}: the norm of {@code δ} is uniform in {@code (0, √R)}
 * @param spreader the norm whose unit sphere the direction is drawn from
 */
public record SpreaderPerturbation(double noise, Spreader spreader) implements Perturbation {

    public SpreaderPerturbation {
        Objects.requireNonNull(spreader, "spreader");
        if (!(noise > 0) || !Double.isFinite(noise)) {
            throw new IllegalArgumentException("the noise R must be positive and finite, got " + noise);
        }
    }

    @Override
    public void perturb(double[] states, int rows, int dimension, long seed, double[] target) {
        if (rows < 0 || dimension < 1 || states.length < rows * dimension || target.length < rows * dimension) {
            throw new IllegalArgumentException("cannot perturb " + rows + " states of dimension " + dimension + " from "
                    + states.length + " values into " + target.length);
        }
        if (states == target) {
            throw new IllegalArgumentException("the perturbed states need their own array");
        }
        double radius = Math.sqrt(noise);
        SplittableRandom rng = new SplittableRandom(seed);
        for (int row = 0; row < rows; row++) {
            int off = row * dimension;
            double u;
            do {
                u = rng.nextDouble();
            } while (u == 0.0);
            double r = radius * u;
            spreader.direction(rng, target, off, dimension);
            for (int i = 0; i < dimension; i++) {
                target[off + i] = states[off + i] + r * target[off + i];
            }
        }
    }
}
