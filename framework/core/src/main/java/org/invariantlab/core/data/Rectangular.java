package org.invariantlab.core.data;

import java.util.ArrayList;
import java.util.List;
import org.invariantlab.api.InvalidInputException;
import org.invariantlab.api.data.RaggedGroups;
import org.invariantlab.api.system.GroupedData;

/** Ragged groups as one rectangular block, for the jobs that train or check on {@code groups × perGroup} states. */
public final class Rectangular {

    private Rectangular() {
    }

    /** {@code groups} as a rectangular block, each group cut to the smallest group's size (at least 2). */
    public static GroupedData of(RaggedGroups groups, String source) {
        if (groups.isRectangular()) {
            return groups.toRectangular();
        }
        int m = groups.minGroupSize();
        if (m < 2) {
            throw new InvalidInputException(source + ": a group has a single state; every group needs at least two "
                    + "states that share the invariant");
        }
        List<double[]> cut = new ArrayList<>(groups.groupCount());
        int d = groups.dimension();
        for (int g = 0; g < groups.groupCount(); g++) {
            cut.add(java.util.Arrays.copyOf(groups.values(g), m * d));
        }
        return RaggedGroups.of(groups.variables(), cut).toRectangular();
    }
}
