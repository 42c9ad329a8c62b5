package org.invariantlab.api.training;

/**
 * Noise {@code δ} that pushes states off their group, drawn afresh at every training step (Ha &amp; Jeong's
 * "spreader").
 *
 * <p>In the trajectory-perturbation method a network {@code F} is trained on whole groups {@code G} with the
 * loss {@code Var_{x∈G} F(x) + β·|Q − Var_{x∈G} F(x + δ)|}; the perturbed states {@code x + δ} play the role
 * of negatives, and drawing a new {@code δ} for every step keeps the network from fitting one fixed set of
 * perturbed points. Reference: S. Ha, H. Jeong, "Discovering invariants via machine learning", Phys. Rev.
 * Research 3, L042035 (2021), arXiv:2102.04008.
 *
 * <p>A {@link ExampleSampler} offers one through {@link ExampleSampler#perturbation}; the trainer then calls it for
 * every batch of {@link GroupExamples} with a seed derived from the network seed and the step number, and
 * uses the fixed perturbed copies of the examples only for validation and evaluation. Implementations work on
 * raw (unstandardised) states, must be deterministic in {@code seed}, stateless, and must not allocate
 * per-state objects (the trainer calls them on every step).
 */
@FunctionalInterface
public interface Perturbation {

    /**
     * Writes {@code x_i + δ_i} for the first {@code rows} states of {@code states} into {@code target}.
     *
     * @param states    row-major raw states; the first {@code rows·dimension} values are read, none modified
     * @param rows      number of states {@code n ≥ 0} to perturb
     * @param dimension state dimension {@code d ≥ 1}
     * @param seed      seed of this draw: the same states and seed give the same output, bit for bit
     * @param target    receives {@code n·d} perturbed values in its first {@code n·d} entries; may not be
     *                  {@code states}
     */
    void perturb(double[] states, int rows, int dimension, long seed, double[] target);
}
