package org.invariantlab.core.run;

import java.util.SplittableRandom;

/**
 * The seeds of one run, all drawn from the spec's master seed by a {@link SplittableRandom} in the order of the
 * components: training, validation and test groups, their three pair draws, the network, and the fresh groups
 * on which formulas are validated. A draw added later goes last, so the earlier seeds — and a result's
 * numbers — do not change.
 */
public record RunSeeds(long trainGroups, long validationGroups, long testGroups, long trainPairs,
                       long validationPairs, long testPairs, long network, long freshGroups,
                       long noise) {

    /** The seeds of a run with master seed {@code master}. */
    public static RunSeeds of(long master) {
        SplittableRandom r = new SplittableRandom(master);
        return new RunSeeds(r.nextLong(), r.nextLong(), r.nextLong(), r.nextLong(), r.nextLong(), r.nextLong(),
                r.nextLong(), r.nextLong(), r.nextLong());
    }
}
