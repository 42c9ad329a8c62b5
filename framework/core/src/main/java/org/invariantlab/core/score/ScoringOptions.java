package org.invariantlab.core.score;

/**
 * Settings of {@link Scorer}.
 *
 * @param maxStates         at most this many states are scored: whole groups (or evenly spaced members of
 *                          one group, if a group alone is larger) chosen evenly spaced, so the choice is
 *                          deterministic; default 2000: cosines lie in [0, 1], so means over a few thousand
 *                          states are accurate to about 0.01, while gradient evaluations of a network stay
 *                          cheap
 * @param maxSubset         largest number of true invariants in a candidate span for matching; default 2 (a
 *                          scalar latent is a function of at most two varying invariants in the systems at
 *                          hand, e.g. EM's {@code E·B} and {@code E²−B²})
 * @param matchThreshold    alignment a subset must reach to be matched; default 0.99 (the reference
 *                          implementation reached ≥ 0.9999 on all systems, an unrelated function stays far
 *                          below)
 * @param r2Degree          degree of the polynomial in the matched invariants on which a learned function is
 *                          regressed for {@code R²}; default 3, enough for smooth monotone
 *                          reparametrisations such as {@code tanh} over the data range
 * @param constantTolerance an invariant whose relative spread over the data is below this is constant on the
 *                          data; default {@code 1e-6}: exact invariants fixed by construction vary by
 *                          rounding ({@code ~1e-15}), genuinely varying ones by order one
 * @param rankTolerance     a unit gradient within this sine of the span of others adds no direction, and a
 *                          gradient whose projection onto the data manifold keeps less than this fraction of
 *                          its length has no direction on the manifold; default {@code 1e-6}, above the
 *                          rounding of single-precision network gradients ({@code ~1e-7})
 */
public record ScoringOptions(int maxStates, int maxSubset, double matchThreshold, int r2Degree,
                             double constantTolerance, double rankTolerance) {

    /** Largest polynomial degree accepted for the {@code R²} fit. */
    public static final int MAX_R2_DEGREE = 8;

    public ScoringOptions {
        if (maxStates < 1) {
            throw new IllegalArgumentException("maxStates must be at least 1, got " + maxStates);
        }
        if (maxSubset < 1) {
            throw new IllegalArgumentException("maxSubset must be at least 1, got " + maxSubset);
        }
        if (!(matchThreshold > 0 && matchThreshold <= 1)) {
            throw new IllegalArgumentException("matchThreshold must be in (0, 1], got " + matchThreshold);
        }
        if (r2Degree < 1 || r2Degree > MAX_R2_DEGREE) {
            throw new IllegalArgumentException("r2Degree must be in 1.." + MAX_R2_DEGREE + ", got " + r2Degree);
        }
        if (!(constantTolerance > 0 && constantTolerance < 1)) {
            throw new IllegalArgumentException("constantTolerance must be in (0, 1), got " + constantTolerance);
        }
        if (!(rankTolerance > 0 && rankTolerance < 1)) {
            throw new IllegalArgumentException("rankTolerance must be in (0, 1), got " + rankTolerance);
        }
    }

    /** The defaults: 2000 states, subsets of up to 2 invariants, threshold 0.99, cubic {@code R²}, 1e-6, 1e-6. */
    public static ScoringOptions defaults() {
        return new ScoringOptions(2000, 2, 0.99, 3, 1e-6, 1e-6);
    }

    /** A copy with another {@link #maxStates()}. */
    public ScoringOptions withMaxStates(int value) {
        return new ScoringOptions(value, maxSubset, matchThreshold, r2Degree, constantTolerance, rankTolerance);
    }

    /** A copy with another {@link #maxSubset()}. */
    public ScoringOptions withMaxSubset(int value) {
        return new ScoringOptions(maxStates, value, matchThreshold, r2Degree, constantTolerance, rankTolerance);
    }

    /** A copy with another {@link #matchThreshold()}. */
    public ScoringOptions withMatchThreshold(double value) {
        return new ScoringOptions(maxStates, maxSubset, value, r2Degree, constantTolerance, rankTolerance);
    }

    /** A copy with another {@link #r2Degree()}. */
    public ScoringOptions withR2Degree(int value) {
        return new ScoringOptions(maxStates, maxSubset, matchThreshold, value, constantTolerance, rankTolerance);
    }
}
