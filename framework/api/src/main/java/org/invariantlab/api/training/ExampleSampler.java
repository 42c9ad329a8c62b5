package org.invariantlab.api.training;

import java.util.Optional;
import org.invariantlab.api.LabExtension;
import org.invariantlab.api.param.Parameters;
import org.invariantlab.api.system.GroupedData;

/**
 * Extension point that turns groups of states sharing their invariants into training examples.
 *
 * <p>Siamese sampling (Wetzel et al., PRR 2, 033499, 2020): positives are two states of one group,
 * negatives pair a state with one of another group. Trajectory perturbation (Ha &amp; Jeong, PRR 3,
 * L042035, 2021): whole groups plus perturbed copies {@code x + δ}, no negatives.
 */
public interface ExampleSampler extends LabExtension {

    /**
     * Makes examples from {@code data}. The caller splits groups into train and test sets before calling, so
     * examples never mix groups of both. The same data, parameters and seed give the same examples.
     */
    TrainingExamples examples(GroupedData data, Parameters parameters, long seed);

    /**
     * The perturbation to draw afresh at every training step, for samplers whose {@link GroupExamples} carry
     * noisy copies {@code x + δ} (Ha &amp; Jeong, PRR 3, L042035, 2021: {@code δ} is redrawn for every batch).
     * When present, the trainer replaces the perturbed states of each training batch by
     * {@code perturbation.perturb(originals, seed(step))}, with one perturbed state per original (the
     * examples must then have as many perturbed states per group as states); the examples' own perturbed
     * copies still serve validation and evaluation, so those stay fixed. Empty (the default) means the
     * examples are used as they are, which is what every example sampler needs.
     *
     * @param parameters this sampler's resolved parameters
     */
    default Optional<Perturbation> perturbation(Parameters parameters) {
        return Optional.empty();
    }
}
