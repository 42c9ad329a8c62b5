package org.invariantlab.physics.dynamics;

import java.util.SplittableRandom;

/**
 * The interval {@code [min, max]} from which one variable of an initial state is drawn uniformly; {@code min = max}
 * fixes the variable.
 *
 * @param min lower end, finite
 * @param max upper end, finite, at least {@code min}
 */
public record Range(double min, double max) {

    public Range {
        if (!Double.isFinite(min) || !Double.isFinite(max) || min > max) {
            throw new IllegalArgumentException("a range needs finite ends with min <= max, got [" + min + ", " + max + "]");
        }
    }

    /** {@code [min, max]}. */
    public static Range of(double min, double max) {
        return new Range(min, max);
    }

    /** {@code [−halfWidth, halfWidth]}. */
    public static Range symmetric(double halfWidth) {
        return new Range(-halfWidth, halfWidth);
    }

    /** A uniform draw from {@code [min, max)} ({@code min} itself if the range is a point). */
    double draw(SplittableRandom random) {
        return min == max ? min : random.nextDouble(min, max);
    }
}
