package org.invariantlab.core.data;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;
import org.invariantlab.api.InvalidInputException;
import org.invariantlab.api.data.RaggedGroups;

/**
 * A seeded split of groups into training, validation and test groups. Whole groups are assigned, so no group
 * (trajectory) is in two splits: the states of one group are never used both to learn and to judge.
 *
 * <p>The groups are shuffled with {@link Random} seeded by {@code seed}; the first {@code round(validation·N)}
 * go to validation, the next {@code round(test·N)} to test, the rest to training, each at least one group. Each
 * split keeps the groups in their original order. The same groups, fractions and seed give the same split.
 *
 * @param train      training groups
 * @param validation validation groups
 * @param test       test groups
 */
public record GroupSplit(RaggedGroups train, RaggedGroups validation, RaggedGroups test) {

    public GroupSplit {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(validation, "validation");
        Objects.requireNonNull(test, "test");
    }

    /** As {@link #split(RaggedGroups, double, double, double, long, String)}, naming the data "the data". */
    public static GroupSplit split(RaggedGroups groups, double train, double validation, double test, long seed) {
        return split(groups, train, validation, test, seed, "the data");
    }

    /**
     * Splits {@code groups} by the fractions {@code train, validation, test} (each positive, summing to 1).
     *
     * @param source the data's name for messages, e.g. the file
     * @throws InvalidInputException if there are fewer than three groups, or the fractions are not positive or do
     *                               not sum to 1
     */
    public static GroupSplit split(RaggedGroups groups, double train, double validation, double test, long seed,
                                   String source) {
        Objects.requireNonNull(groups, "groups");
        Indices i = indices(groups.groupCount(), train, validation, test, seed, source);
        return new GroupSplit(groups.select(i.train()), groups.select(i.validation()), groups.select(i.test()));
    }

    /**
     * Which groups go where: indices into the {@code groups} groups, each part ascending.
     *
     * @param train      training groups
     * @param validation validation groups
     * @param test       test groups
     */
    public record Indices(int[] train, int[] validation, int[] test) {
    }

    /**
     * The split of {@link #split(RaggedGroups, double, double, double, long, String)} as indices, for data that travel
     * beside the groups (e.g. their tangents).
     */
    public static Indices indices(int groups, double train, double validation, double test, long seed, String source) {
        for (double f : new double[] {train, validation, test}) {
            if (!(f > 0 && f < 1)) {
                throw new InvalidInputException(String.format(Locale.ROOT, "split fractions %s, %s, %s: each must lie"
                        + " strictly between 0 and 1", train, validation, test));
            }
        }
        if (Math.abs(train + validation + test - 1) > 1e-9) {
            throw new InvalidInputException(String.format(Locale.ROOT, "split fractions %s, %s, %s sum to %s, not 1;"
                    + " choose fractions that add up to 1", train, validation, test, train + validation + test));
        }
        int n = groups;
        if (n < 3) {
            throw new InvalidInputException(source + ": too few groups to split: " + n + " group" + (n == 1 ? "" : "s")
                    + ", need at least 3 (one each for training, validation and test); add groups or trajectories");
        }
        int nValidation = Math.max(1, (int) Math.round(validation * n));
        int nTest = Math.max(1, (int) Math.round(test * n));
        while (n - nValidation - nTest < 1) {
            if (nValidation >= nTest && nValidation > 1) {
                nValidation--;
            } else {
                nTest--;
            }
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Random random = new Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return new Indices(sorted(order, nValidation + nTest, n), sorted(order, 0, nValidation),
                sorted(order, nValidation, nValidation + nTest));
    }

    private static int[] sorted(int[] order, int from, int to) {
        int[] part = Arrays.copyOfRange(order, from, to);
        Arrays.sort(part);
        return part;
    }
}
