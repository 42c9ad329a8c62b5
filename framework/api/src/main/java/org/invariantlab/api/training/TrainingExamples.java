package org.invariantlab.api.training;

/**
 * What a {@link ExampleSampler} makes from groups of states: labelled pairs (siamese methods) or whole groups
 * with perturbed copies (trajectory-perturbation methods).
 */
public sealed interface TrainingExamples permits PairExamples, GroupExamples {

    /** Dimension {@code d} of a state. */
    int dimension();

    /** Number of independent examples (pairs or groups), the unit of batching and of train/test splits. */
    int count();
}
