package org.invariantlab.api.training;

import java.util.Objects;

/**
 * Labelled pairs {@code (x_i, x'_i, y_i)}: {@code y = 1} if both states belong to one group (share the
 * invariant), {@code 0} otherwise. Arrays are row-major and copied in and out.
 *
 * @param dimension state dimension {@code d}
 * @param first     {@code n·d} values of the first members
 * @param second    {@code n·d} values of the second members
 * @param labels    {@code n} labels, each 0 or 1
 */
public record PairExamples(int dimension, double[] first, double[] second, double[] labels) implements TrainingExamples {

    public PairExamples {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(second, "second");
        Objects.requireNonNull(labels, "labels");
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be positive");
        }
        if (first.length != labels.length * dimension || second.length != first.length) {
            throw new IllegalArgumentException("inconsistent sizes: " + labels.length + " labels, " + first.length
                    + " and " + second.length + " state values, dimension " + dimension);
        }
        for (double y : labels) {
            if (y != 0.0 && y != 1.0) {
                throw new IllegalArgumentException("pair labels must be 0 or 1, got " + y);
            }
        }
        first = first.clone();
        second = second.clone();
        labels = labels.clone();
    }

    @Override
    public int count() {
        return labels.length;
    }

    @Override
    public double[] first() {
        return first.clone();
    }

    @Override
    public double[] second() {
        return second.clone();
    }

    @Override
    public double[] labels() {
        return labels.clone();
    }
}
