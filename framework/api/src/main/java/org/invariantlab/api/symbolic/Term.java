package org.invariantlab.api.symbolic;

import java.util.Objects;

/**
 * One row of a fitted coefficient table.
 *
 * @param feature     the feature in Symja syntax, e.g. {@code x^2} or {@code 1/Sqrt(x^2+y^2)}
 * @param coefficient fitted coefficient (before normalisation)
 */
public record Term(String feature, double coefficient) {
    public Term {
        Objects.requireNonNull(feature, "feature");
    }
}
