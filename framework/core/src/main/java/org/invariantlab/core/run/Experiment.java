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
 * @param method             the method compared, e.g. {@code siamese} or {@code ha-jeong}
 * @param scoredOn           the true invariant whose |Pearson r| the comparison reports; empty when none is singled out
 */
public record Experiment(String name, String description, RunSpec spec, double paperTrainAccuracy,
                         double paperTestAccuracy, String paperFormula, String expectedInvariants, String method,
                         String scoredOn) {

    /** A siamese experiment of Wetzel et al. */
    public Experiment(String name, String description, RunSpec spec, double paperTrainAccuracy, double paperTestAccuracy,
                      String paperFormula, String expectedInvariants) {
        this(name, description, spec, paperTrainAccuracy, paperTestAccuracy, paperFormula, expectedInvariants, "siamese",
                "");
    }

    /** This experiment with another spec. */
    public Experiment withSpec(RunSpec s) {
        return new Experiment(name, description, s, paperTrainAccuracy, paperTestAccuracy, paperFormula,
                expectedInvariants, method, scoredOn);
    }
}
