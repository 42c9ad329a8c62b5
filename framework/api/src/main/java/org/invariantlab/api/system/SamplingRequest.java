package org.invariantlab.api.system;

/**
 * How many groups of how many states to draw, and the seed that makes the draw reproducible.
 *
 * @param groups   number of groups {@code n ≥ 1}
 * @param perGroup states per group {@code m ≥ 1}
 * @param seed     seed of the random generator; the same request gives the same data
 */
public record SamplingRequest(int groups, int perGroup, long seed) {

    /** Upper bound on {@code groups·perGroup}, to fail early instead of exhausting memory. */
    public static final long MAX_STATES = 50_000_000L;

    public SamplingRequest {
        if (groups < 1) {
            throw new IllegalArgumentException("groups must be at least 1, got " + groups);
        }
        if (perGroup < 1) {
            throw new IllegalArgumentException("states per group must be at least 1, got " + perGroup);
        }
        if ((long) groups * perGroup > MAX_STATES) {
            throw new IllegalArgumentException("groups × per-group = " + ((long) groups * perGroup)
                    + " states exceeds the limit of " + MAX_STATES);
        }
    }
}
