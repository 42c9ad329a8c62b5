package org.invariantlab.api.training;

import java.util.Objects;
import org.invariantlab.api.system.GroupedData;

/**
 * Whole groups and, for each, perturbed states pushed off the group (Ha &amp; Jeong's {@code x + δ}). The
 * perturbed data have the same number of groups; they may have a different number of states per group.
 *
 * @param groups    the original groups
 * @param perturbed perturbed states, group by group
 */
public record GroupExamples(GroupedData groups, GroupedData perturbed) implements TrainingExamples {

    public GroupExamples {
        Objects.requireNonNull(groups, "groups");
        Objects.requireNonNull(perturbed, "perturbed");
        if (groups.groups() != perturbed.groups() || groups.dimension() != perturbed.dimension()) {
            throw new IllegalArgumentException("perturbed data must have the same groups and dimension as the originals");
        }
    }

    @Override
    public int dimension() {
        return groups.dimension();
    }

    @Override
    public int count() {
        return groups.groups();
    }
}
