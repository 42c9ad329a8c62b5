package org.invariantlab.api.training;

/**
 * How the rows of a {@link LatentBatch} are arranged, so that a head knows which latents belong together.
 */
public sealed interface BatchLayout permits BatchLayout.Pairs, BatchLayout.Grouped {

    /** Number of rows (network evaluations) in the batch. */
    int rows();

    /**
     * {@code n} labelled pairs: rows {@code [0, n)} are first members, rows {@code [n, 2n)} the second members.
     *
     * @param labels {@code n} labels, 1 for "same group"
     */
    record Pairs(double[] labels) implements BatchLayout {
        public Pairs {
            labels = labels.clone();
        }

        @Override
        public double[] labels() {
            return labels.clone();
        }

        /** Number of pairs {@code n}. */
        public int pairs() {
            return labels.length;
        }

        @Override
        public int rows() {
            return 2 * labels.length;
        }
    }

    /**
     * {@code G} groups: rows {@code [0, G·m)} are the original states group by group ({@code m} each), rows
     * {@code [G·m, G·m + G·p)} the perturbed states group by group ({@code p} each).
     */
    record Grouped(int groups, int perGroup, int perturbedPerGroup) implements BatchLayout {
        public Grouped {
            if (groups < 1 || perGroup < 1 || perturbedPerGroup < 0) {
                throw new IllegalArgumentException("invalid group layout " + groups + "×" + perGroup + "+" + perturbedPerGroup);
            }
        }

        @Override
        public int rows() {
            return groups * (perGroup + perturbedPerGroup);
        }
    }
}
