package org.invariantlab.api.param;

/**
 * One end of a numeric parameter's range: a value and whether the value itself is allowed. {@code Bound.above(0)}
 * as lower end reads "greater than 0" ({@code E > 0}), {@code Bound.atMost(4)} as upper end reads "at most 4".
 *
 * @param value     the limit, finite
 * @param inclusive whether the limit itself is a legal value
 */
public record Bound(double value, boolean inclusive) {

    public Bound {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("a bound must be finite, got " + value + "; leave the end open with null");
        }
    }

    /** Lower end that allows {@code value} itself: {@code x ≥ value}. */
    public static Bound atLeast(double value) {
        return new Bound(value, true);
    }

    /** Lower end that excludes {@code value}: {@code x > value}. */
    public static Bound above(double value) {
        return new Bound(value, false);
    }

    /** Upper end that allows {@code value} itself: {@code x ≤ value}. */
    public static Bound atMost(double value) {
        return new Bound(value, true);
    }

    /** Upper end that excludes {@code value}: {@code x < value}. */
    public static Bound below(double value) {
        return new Bound(value, false);
    }
}
