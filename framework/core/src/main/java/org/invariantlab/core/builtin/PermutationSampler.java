package org.invariantlab.core.builtin;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.SplittableRandom;
import org.invariantlab.api.InvalidInputException;
import org.invariantlab.api.InvariantLabException;
import org.invariantlab.api.param.InvalidParameterException;
import org.invariantlab.api.param.ParameterSpec;
import org.invariantlab.api.param.Parameters;
import org.invariantlab.api.system.GroupedData;
import org.invariantlab.api.training.PairExamples;
import org.invariantlab.api.training.ExampleSampler;

/**
 * Siamese pairs from groups of states: positives inside a group, negatives across groups by a random cyclic
 * permutation of the groups.
 *
 * <p>For {@code G} groups of {@code m} states and {@code P} = {@value #POSITIVES_PER_GROUP} (default 0, automatic:
 * {@code P = max(1, ⌊m/2⌋)}, which is Wetzel et al.'s single pair for groups of two states and 50 pairs for groups of
 * 100, so that a data file of few large groups is not reduced to one pair per group):
 * <ul>
 *   <li><b>positives</b> (label 1): for each group {@code g}, {@code P} distinct unordered pairs
 *       {@code {x_{g,i}, x_{g,j}}}, {@code i ≠ j}, drawn uniformly without replacement from the
 *       {@code m(m−1)/2} pairs of the group, each presented in a random order;</li>
 *   <li><b>negatives</b> (label 0): {@code P} rounds; in round {@code r} a uniformly random cyclic
 *       permutation {@code π_r} of the groups (Sattolo's algorithm, so {@code π_r(g) ≠ g} for every
 *       {@code g}) pairs a uniformly random member of group {@code g} with a uniformly random member of
 *       group {@code π_r(g)}.</li>
 * </ul>
 * This gives exactly {@code G·P} pairs of each class, {@code 2·G·P} in all, returned in a uniformly random
 * order. Every group is the first member of {@code P} negatives and the second member of {@code P}
 * negatives, so no group is over-represented. It is the construction of S. J. Wetzel, R. G. Melko,
 * J. Scott, M. Panju, V. Ganesh, "Discovering symmetry invariants and conserved quantities by interpreting
 * siamese neural networks", Phys. Rev. Research 2, 033499 (2020): negatives permute the second elements of
 * the positive pairs among groups. Sattolo's algorithm: S. Sattolo, "An algorithm to generate a random
 * cyclic permutation", Inf. Process. Lett. 22, 315 (1986).
 *
 * <p>All randomness comes from {@code new SplittableRandom(seed)}: the same data, parameters and seed give
 * bit-identical examples.
 */
public final class PermutationSampler implements ExampleSampler {

    /** The extension id. */
    public static final String ID = "permutation";

    /** Number of positive (and of negative) pairs per group. */
    public static final String POSITIVES_PER_GROUP = "positivesPerGroup";

    private static final List<ParameterSpec> PARAMETERS = List.of(
            ParameterSpec.integer(POSITIVES_PER_GROUP, 0, 0L, null,
                    "positive pairs per group, and as many negatives (at most m(m-1)/2 for m states per group); "
                            + "0 = automatic, max(1, m/2)"));

    /**
     * The positive pairs per group for a requested {@value #POSITIVES_PER_GROUP} and {@code m} states per group:
     * the request, or {@code max(1, ⌊m/2⌋)} when it is 0 (automatic).
     */
    public static long positives(long requested, int m) {
        return requested == 0 ? Math.max(1, m / 2) : requested;
    }

    /** Arrays of pairs must stay addressable by an {@code int}. */
    private static final long MAX_VALUES = Integer.MAX_VALUE - 8L;

    /** Creates the sampler; it has no state. */
    public PermutationSampler() {
        // stateless
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "siamese pairs: positives within a group, negatives across groups by a random cyclic permutation"
                + " (Wetzel et al. 2020)";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMETERS;
    }

    /**
     * Makes {@code 2·G·P} labelled pairs, half positive, in random order.
     *
     * @throws InvariantLabException     if a group has fewer than two states or there is a single group
     * @throws InvalidParameterException if {@value #POSITIVES_PER_GROUP} exceeds the number of distinct pairs
     *                                   in a group
     */
    @Override
    public PairExamples examples(GroupedData data, Parameters parameters, long seed) {
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(parameters, "parameters");
        int groups = data.groups();
        int m = data.perGroup();
        int d = data.dimension();
        if (m < 2) {
            throw new InvalidInputException("the '" + ID + "' sampler needs at least 2 states per group to form"
                    + " positive pairs, but the data have " + m + "; give 2 or more states per group");
        }
        if (groups < 2) {
            throw new InvalidInputException("the '" + ID + "' sampler needs at least 2 groups in each part of the"
                    + " data (training, validation, test) to form negative pairs, but one part has " + groups
                    + "; give more groups (a data file: more groups, or larger parts with --split)");
        }
        long distinctPairs = (long) m * (m - 1) / 2;
        long p = positives(parameters.getLong(POSITIVES_PER_GROUP), m);
        if (p < 1 || p > distinctPairs) {
            throw new InvalidParameterException(POSITIVES_PER_GROUP, "'" + ID + "': " + POSITIVES_PER_GROUP + " = " + p
                    + " must be between 1 and the " + distinctPairs + " distinct pairs in a group of " + m + " states");
        }
        if (p > MAX_VALUES / (2L * groups * d)) {
            throw new InvariantLabException("the '" + ID + "' sampler would make 2 × " + groups + " × " + p
                    + " pairs of dimension " + d + ", too many for one array; lower " + POSITIVES_PER_GROUP
                    + " or the number of groups");
        }
        int n = (int) (2L * groups * p);
        int perGroup = (int) p;
        SplittableRandom rng = new SplittableRandom(seed);
        int[] firstRow = new int[n];
        int[] secondRow = new int[n];
        double[] labels = new double[n];
        int k = 0;
        for (int g = 0; g < groups; g++) {
            for (long pairIndex : distinctIndices(distinctPairs, perGroup, rng)) {
                int[] ij = unorderedPair(pairIndex, m);
                boolean swap = rng.nextBoolean();
                firstRow[k] = g * m + (swap ? ij[1] : ij[0]);
                secondRow[k] = g * m + (swap ? ij[0] : ij[1]);
                labels[k] = 1.0;
                k++;
            }
        }
        for (int r = 0; r < perGroup; r++) {
            int[] pi = cyclicPermutation(groups, rng);
            for (int g = 0; g < groups; g++) {
                firstRow[k] = g * m + rng.nextInt(m);
                secondRow[k] = pi[g] * m + rng.nextInt(m);
                labels[k] = 0.0;
                k++;
            }
        }
        int[] order = shuffledIdentity(n, rng);
        double[] values = data.values();
        double[] first = new double[n * d];
        double[] second = new double[n * d];
        double[] shuffledLabels = new double[n];
        for (int i = 0; i < n; i++) {
            int src = order[i];
            System.arraycopy(values, firstRow[src] * d, first, i * d, d);
            System.arraycopy(values, secondRow[src] * d, second, i * d, d);
            shuffledLabels[i] = labels[src];
        }
        return new PairExamples(d, first, second, shuffledLabels);
    }

    /**
     * {@code count} distinct integers from {@code [0, bound)}, uniformly without replacement (R. W. Floyd's
     * algorithm, J. Bentley, "Programming pearls: a sample of brilliance", Commun. ACM 30, 754 (1987)), in a
     * deterministic order.
     */
    static long[] distinctIndices(long bound, int count, SplittableRandom rng) {
        if (count == 1) {
            return new long[] {rng.nextLong(bound)};
        }
        Set<Long> chosen = new LinkedHashSet<>();
        for (long j = bound - count; j < bound; j++) {
            long t = rng.nextLong(j + 1);
            if (!chosen.add(t)) {
                chosen.add(j);
            }
        }
        return chosen.stream().mapToLong(Long::longValue).toArray();
    }

    /**
     * The unordered pair {@code {i, j}}, {@code i ≠ j}, of index {@code k ∈ [0, m(m−1)/2)} among {@code m}
     * items, a bijection. With {@code h = ⌊(m−1)/2⌋}, index {@code k < m·h} is the pair {@code {i, i+s mod m}}
     * with {@code i = k mod m}, {@code s = 1 + ⌊k/m⌋} (the pairs at circular distance {@code s ≤ h}); for even
     * {@code m} the remaining {@code m/2} indices are the antipodal pairs {@code {i, i + m/2}},
     * {@code i < m/2}.
     */
    static int[] unorderedPair(long k, int m) {
        long h = (m - 1) / 2;
        if (k < m * h) {
            int i = (int) (k % m);
            int s = 1 + (int) (k / m);
            return new int[] {i, (i + s) % m};
        }
        int i = (int) (k - m * h);
        return new int[] {i, i + m / 2};
    }

    /**
     * A uniformly random cyclic permutation of {@code 0..n-1} (a single {@code n}-cycle, so no fixed point)
     * by Sattolo's algorithm; {@code n ≥ 2}.
     */
    static int[] cyclicPermutation(int n, SplittableRandom rng) {
        int[] pi = identity(n);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i);
            int t = pi[i];
            pi[i] = pi[j];
            pi[j] = t;
        }
        return pi;
    }

    /** A uniformly random permutation of {@code 0..n-1} (Fisher–Yates). */
    private static int[] shuffledIdentity(int n, SplittableRandom rng) {
        int[] order = identity(n);
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    private static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        return a;
    }
}
