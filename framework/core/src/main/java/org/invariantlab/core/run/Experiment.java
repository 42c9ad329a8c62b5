package org.invariantlab.core.run;

/**
 * One experiment of a paper reproduction, with what the paper reports for it.
 *
 * @param name               experiment id, e.g. {@code kepler-fixed-l}
 * @param description        one line
 * @param spec               the run (full size)
 * @param paperTrainAccuracy training pair accuracy reported by the paper
 * @param paperTestAccuracy  test pair accuracy reported by the paper
 * @param paperFormula       the fit the paper reports for the latent
 * @param expectedInvariants what a correct answer is a function of, e.g. {@code s2} or {@code EdotB, E2mB2}
 */
public record Experiment(String name, String description, RunSpec spec, double paperTrainAccuracy,
                         double paperTestAccuracy, String paperFormula, String expectedInvariants) {
}
