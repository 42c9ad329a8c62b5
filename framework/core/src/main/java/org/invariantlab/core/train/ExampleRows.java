package org.invariantlab.core.train;

import org.invariantlab.api.training.BatchLayout;
import org.invariantlab.api.training.GroupExamples;
import org.invariantlab.api.training.PairExamples;
import org.invariantlab.api.training.Perturbation;
import org.invariantlab.api.training.TrainingExamples;

/**
 * Training examples, standardised once, that stack any subset of examples into the network rows a head
 * expects: {@link BatchLayout.Pairs} (first members, then second members) or {@link BatchLayout.Grouped}
 * (all original states group by group, then all perturbed states group by group).
 */
abstract sealed class ExampleRows permits ExampleRows.Pairs, ExampleRows.Grouped {

    final int dimension;

    ExampleRows(int dimension) {
        this.dimension = dimension;
    }

    /** Standardised rows of {@code examples}. */
    static ExampleRows of(TrainingExamples examples, Standardization standardization) {
        if (examples instanceof PairExamples p) {
            return new Pairs(p, standardization);
        }
        return new Grouped((GroupExamples) examples, standardization);
    }

    /** Every state the network sees for {@code examples}, as row-major blocks (for fitting a standardisation). */
    static double[][] states(TrainingExamples examples) {
        if (examples instanceof PairExamples p) {
            return new double[][] {p.first(), p.second()};
        }
        GroupExamples g = (GroupExamples) examples;
        return new double[][] {g.groups().values(), g.perturbed().values()};
    }

    /** A one-example layout of the same kind, to ask a head whether it accepts these examples. */
    static BatchLayout sampleLayout(TrainingExamples examples) {
        if (examples instanceof PairExamples) {
            return new BatchLayout.Pairs(new double[] {1.0});
        }
        GroupExamples g = (GroupExamples) examples;
        return new BatchLayout.Grouped(1, g.groups().perGroup(), g.perturbed().perGroup());
    }

    /** Number of examples. */
    abstract int count();

    /** Network rows for a batch of {@code examples} examples. */
    abstract int rows(int examples);

    /**
     * Writes the standardised rows of examples {@code order[from..to)} into {@code target} (row-major,
     * {@code rows(to − from)·d} values) and returns their layout.
     */
    abstract BatchLayout fill(int[] order, int from, int to, double[] target);

    /** Pairs: {@code n} first members, {@code n} second members, labels. */
    static final class Pairs extends ExampleRows {
        private final double[] first;
        private final double[] second;
        private final double[] labels;

        Pairs(PairExamples p, Standardization s) {
            super(p.dimension());
            first = s.apply(p.first());
            second = s.apply(p.second());
            labels = p.labels();
        }

        @Override
        int count() {
            return labels.length;
        }

        @Override
        int rows(int examples) {
            return 2 * examples;
        }

        @Override
        BatchLayout fill(int[] order, int from, int to, double[] target) {
            int b = to - from;
            int d = dimension;
            double[] y = new double[b];
            for (int i = 0; i < b; i++) {
                int e = order[from + i];
                System.arraycopy(first, e * d, target, i * d, d);
                System.arraycopy(second, e * d, target, (b + i) * d, d);
                y[i] = labels[e];
            }
            return new BatchLayout.Pairs(y);
        }
    }

    /** Groups: {@code G} groups of {@code m} states and {@code p} perturbed states each. */
    static final class Grouped extends ExampleRows {
        private final double[] rawOriginals;
        private final double[] originals;
        private final double[] perturbed;
        private final int groups;
        private final int perGroup;
        private final int perturbedPerGroup;
        private final Standardization standardization;

        Grouped(GroupExamples g, Standardization s) {
            super(g.dimension());
            rawOriginals = g.groups().values();
            standardization = s;
            originals = s.apply(rawOriginals);
            perturbed = s.apply(g.perturbed().values());
            groups = g.groups().groups();
            perGroup = g.groups().perGroup();
            perturbedPerGroup = g.perturbed().perGroup();
        }

        @Override
        int count() {
            return groups;
        }

        @Override
        int rows(int examples) {
            return examples * (perGroup + perturbedPerGroup);
        }

        @Override
        BatchLayout fill(int[] order, int from, int to, double[] target) {
            int g = to - from;
            int m = perGroup * dimension;
            int q = perturbedPerGroup * dimension;
            for (int i = 0; i < g; i++) {
                int e = order[from + i];
                System.arraycopy(originals, e * m, target, i * m, m);
                System.arraycopy(perturbed, e * q, target, g * m + i * q, q);
            }
            return new BatchLayout.Grouped(g, perGroup, perturbedPerGroup);
        }

        /** States per group {@code m}. */
        int perGroup() {
            return perGroup;
        }

        /** Perturbed states per group {@code p}. */
        int perturbedPerGroup() {
            return perturbedPerGroup;
        }

        /**
         * Replaces the perturbed rows of a batch that {@link #fill} wrote into {@code target} by fresh draws:
         * the raw originals of groups {@code order[from..to)} are gathered into {@code raw}, perturbed into
         * {@code noisy} by {@code perturbation} with {@code seed}, standardised and written after the
         * originals. Needs {@code p = m}; {@code raw} and {@code noisy} hold at least {@code (to − from)·m·d}
         * values. Allocates nothing.
         */
        void refreshPerturbed(int[] order, int from, int to, Perturbation perturbation, long seed, double[] raw,
                              double[] noisy, double[] target) {
            int g = to - from;
            int m = perGroup * dimension;
            for (int i = 0; i < g; i++) {
                System.arraycopy(rawOriginals, order[from + i] * m, raw, i * m, m);
            }
            perturbation.perturb(raw, g * perGroup, dimension, seed, noisy);
            standardization.applyInto(noisy, g * m, target, g * m);
        }
    }
}
