package org.invariantlab.core.train;

import java.util.Arrays;
import java.util.Objects;

/**
 * A head's verdict on a set of examples.
 *
 * @param loss            example-weighted mean of the head's loss
 * @param accuracy        fraction of pairs whose {@code p(same) ≥ 1/2} agrees with the label; NaN for group
 *                        examples or heads without probabilities
 * @param sameProbability {@code p(same)} per pair, in the examples' order; empty for group examples
 */
public record Evaluation(double loss, double accuracy, double[] sameProbability) {

    public Evaluation {
        Objects.requireNonNull(sameProbability, "sameProbability");
        sameProbability = sameProbability.clone();
    }

    @Override
    public double[] sameProbability() {
        return sameProbability.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Evaluation e && Double.compare(e.loss, loss) == 0
                && Double.compare(e.accuracy, accuracy) == 0 && Arrays.equals(e.sameProbability, sameProbability);
    }

    @Override
    public int hashCode() {
        return Objects.hash(loss, accuracy, Arrays.hashCode(sameProbability));
    }

    @Override
    public String toString() {
        return "Evaluation[loss=" + loss + ", accuracy=" + accuracy + ", " + sameProbability.length + " probabilities]";
    }
}
