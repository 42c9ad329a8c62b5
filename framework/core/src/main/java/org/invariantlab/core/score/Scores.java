package org.invariantlab.core.score;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How well learned functions match a system's true invariants (see {@link Scorer} for the definitions).
 * Lists and maps keep the order of the system's invariants. A number that is undefined for the data (a
 * learned function constant over all scored states; a single state per group) is {@code NaN}.
 *
 * @param gradientAlignment     span alignment of the learned gradients with the matched invariants, in
 *                              {@code [0, 1]}; 1 = locally a function of them
 * @param matched               names of the matched true invariants (smallest subset reaching the threshold,
 *                              or the best subset if none does); empty if every invariant is constant on the
 *                              data
 * @param alignmentPerInvariant for each invariant not constant on the data, {@code mean_x |cos|} between its
 *                              gradient and the learned span (for one learned function
 *                              {@code mean_x |cos(∇f, ∇I)|})
 * @param pearsonPerInvariant   for each invariant not constant on the data, the largest {@code |Pearson r|}
 *                              of a learned function with it
 * @param r2                    mean over learned functions of {@code R²} of the function regressed on a
 *                              polynomial in the matched invariants
 * @param withinGroupSpread     mean over learned functions and groups of the function's standard deviation in
 *                              the group, divided by its standard deviation over all scored states (0 =
 *                              constant on every group, about 1 = unrelated to the groups)
 * @param constantOnData        invariants constant on the data (projected out and not matched)
 * @param statesUsed            number of states scored
 */
public record Scores(double gradientAlignment, List<String> matched, Map<String, Double> alignmentPerInvariant,
                     Map<String, Double> pearsonPerInvariant, double r2, double withinGroupSpread,
                     List<String> constantOnData, int statesUsed) {

    public Scores {
        matched = List.copyOf(Objects.requireNonNull(matched, "matched"));
        alignmentPerInvariant = ordered(alignmentPerInvariant, "alignmentPerInvariant");
        pearsonPerInvariant = ordered(pearsonPerInvariant, "pearsonPerInvariant");
        constantOnData = List.copyOf(Objects.requireNonNull(constantOnData, "constantOnData"));
        if (statesUsed < 1) {
            throw new IllegalArgumentException("statesUsed must be positive, got " + statesUsed);
        }
    }

    private static Map<String, Double> ordered(Map<String, Double> map, String name) {
        Objects.requireNonNull(map, name);
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
