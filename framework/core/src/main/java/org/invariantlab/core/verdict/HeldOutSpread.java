package org.invariantlab.core.verdict;

import java.util.Arrays;
import java.util.Optional;
import java.util.SplittableRandom;
import org.invariantlab.api.data.RaggedGroups;
import org.invariantlab.api.system.ScalarField;

/**
 * How constant a function is along groups (or trajectories) the reader never saw, against functions that are not
 * conserved, measured on the same groups.
 *
 * <p>The spread ratio of {@code F} is the median over groups of its spread within the group, over its spread over all
 * states, spreads being median absolute deviations (0 for a conserved quantity; robust, so that one state passed
 * quickly, where a network errs most, does not decide) of the values <em>placed among the group medians</em>: each
 * value becomes its position on the piecewise-linear scale through the sorted medians of the groups (the k-th median
 * at position k). Medians commute with increasing maps, so {@code F} and an increasing {@code g(F)} — conserved
 * together — get the same knots and, between knots, nearly the same positions: by plain values, a formula spanning
 * decades ({@code Exp(u)}) and its logarithm can differ by a factor of four, and a verdict would depend on how the
 * formula is written. Unlike plain ranks, the positions keep the size of a small spread: a quantity conserved to
 * rounding keeps a ratio at rounding level, where ranks would give every group a block of ranks and a ratio of about
 * one over the number of groups (with 15 held-out trajectories, 0.067 — above a tenth of the null). A formula that
 * takes one value on more than half of the held-out states
 * cannot be judged by its spread (no ratio). Its uncertainty is a bootstrap over groups of the numerator, the
 * groups' own spreads, against the spread over all held-out states ({@value #BOOTSTRAP} resamples, the 2.5 % and
 * 97.5 % quantiles). The <em>null</em> is the median ratio of
 * {@value #NULL_FUNCTIONS} random functions of the state (random linear plus quadratic forms of the standardised
 * variables), which generic dynamics does not conserve: what "not conserved" looks like on these very groups, their
 * lengths and their noise. A function is conserved on held-out data when its ratio is below the null by at least
 * the factor {@value #FACTOR} with 95 % confidence (the upper end of its interval below {@code null / FACTOR}): an
 * order of magnitude more constant along the groups than a function the dynamics moves.
 *
 * @param ratio     the spread ratio of the function
 * @param low       2.5 % bootstrap quantile of the ratio
 * @param high      97.5 % bootstrap quantile of the ratio
 * @param nullRatio the median ratio of functions that are not conserved
 * @param groups    how many held-out groups
 */
public record HeldOutSpread(double ratio, double low, double high, double nullRatio, int groups) {

    /** Bootstrap resamples of the groups. */
    public static final int BOOTSTRAP = 200;

    /** Random functions that make the null. */
    public static final int NULL_FUNCTIONS = 32;

    /** How far below the null a conserved function must lie. */
    public static final double FACTOR = 10;

    /** Fewest held-out groups for a verdict: a median of fewer is decided by one group. */
    public static final int MIN_GROUPS = 3;

    /** Whether the function is conserved on the held-out groups (see the class comment). */
    public boolean conserved() {
        return high < nullRatio / FACTOR;
    }

    /** In words, for a verdict's evidence. */
    public String describe() {
        return String.format(java.util.Locale.ROOT, "spread along %d held-out groups %.3g (95 %% interval %.3g–%.3g), "
                + "against %.3g for functions that are not conserved (conserved below a tenth of that)", groups, ratio,
                low, high, nullRatio);
    }

    /** The measurement, or empty with fewer than {@value #MIN_GROUPS} groups of two or more states. */
    public static Optional<HeldOutSpread> measure(ScalarField f, RaggedGroups groups, long seed) {
        int[] usable = java.util.stream.IntStream.range(0, groups.groupCount()).filter(g -> groups.groupSize(g) >= 2)
                .toArray();
        if (usable.length < MIN_GROUPS) {
            return Optional.empty();
        }
        double[][] values = values(f::value, groups, usable);
        Spreads spreads = spreads(values);
        double ratio = spreads == null ? Double.NaN : spreads.ratio();
        if (!Double.isFinite(ratio)) {
            return Optional.empty();
        }
        // the bootstrap resamples the groups' own spreads against the function's spread over all held-out states: a
        // resample in which one group supplies half of the states would otherwise measure that group's spread
        // against itself (a quantity conserved to rounding then got intervals up to 0.33 from 6 groups)
        SplittableRandom rng = new SplittableRandom(seed);
        double[] boot = new double[BOOTSTRAP];
        double[] within = new double[usable.length];
        for (int b = 0; b < BOOTSTRAP; b++) {
            for (int g = 0; g < usable.length; g++) {
                within[g] = spreads.within()[rng.nextInt(usable.length)];
            }
            boot[b] = median(within) / spreads.overall();
        }
        Arrays.sort(boot);
        double nullRatio = nullRatio(groups, usable, seed);
        return Optional.of(new HeldOutSpread(ratio, boot[(int) (0.025 * BOOTSTRAP)], boot[(int) (0.975 * BOOTSTRAP) - 1],
                nullRatio, usable.length));
    }

    /** The median ratio of {@value #NULL_FUNCTIONS} random functions on the same groups. */
    static double nullRatio(RaggedGroups groups, int[] usable, long seed) {
        int d = groups.dimension();
        double[] mean = new double[d];
        double[] sd = new double[d];
        long n = 0;
        for (int g : usable) {
            for (int j = 0; j < groups.groupSize(g); j++) {
                double[] x = groups.state(g, j);
                for (int i = 0; i < d; i++) {
                    mean[i] += x[i];
                    sd[i] += x[i] * x[i];
                }
                n++;
            }
        }
        for (int i = 0; i < d; i++) {
            mean[i] /= n;
            sd[i] = Math.sqrt(Math.max(sd[i] / n - mean[i] * mean[i], 0));
            sd[i] = sd[i] > 0 ? sd[i] : 1;
        }
        SplittableRandom rng = new SplittableRandom(seed ^ 0x6e756c6cL);
        double[] ratios = new double[NULL_FUNCTIONS];
        for (int r = 0; r < NULL_FUNCTIONS; r++) {
            double[] w = new double[d];
            double[][] a = new double[d][d];
            for (int i = 0; i < d; i++) {
                w[i] = gaussian(rng);
                for (int j = 0; j < d; j++) {
                    a[i][j] = gaussian(rng) / 2;
                }
            }
            ratios[r] = ratio(values(x -> {
                double v = 0;
                double[] z = new double[d];
                for (int i = 0; i < d; i++) {
                    z[i] = (x[i] - mean[i]) / sd[i];
                    v += w[i] * z[i];
                }
                for (int i = 0; i < d; i++) {
                    for (int j = 0; j < d; j++) {
                        v += a[i][j] * z[i] * z[j];
                    }
                }
                return v;
            }, groups, usable));
        }
        Arrays.sort(ratios);
        return ratios[NULL_FUNCTIONS / 2];
    }

    private static double gaussian(SplittableRandom rng) {
        double u = 1 - rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.nextDouble());
    }

    private static double[][] values(java.util.function.ToDoubleFunction<double[]> f, RaggedGroups groups, int[] usable) {
        double[][] out = new double[usable.length][];
        for (int k = 0; k < usable.length; k++) {
            int g = usable[k];
            out[k] = new double[groups.groupSize(g)];
            for (int j = 0; j < out[k].length; j++) {
                out[k][j] = f.applyAsDouble(groups.state(g, j));
            }
        }
        return out;
    }

    /**
     * The median over groups of the within-group median absolute deviation of the values' positions among the group
     * medians ({@link #positions}), over the median absolute deviation of all positions: 0 for a function constant on
     * every group; NaN for a function constant everywhere (not a quantity), equal to one value on more than half of
     * the states (ties decide nothing), or with fewer than two distinct group medians.
     */
    public static double ratio(double[][] valuesPerGroup) {
        Spreads s = spreads(valuesPerGroup);
        return s == null ? Double.NaN : s.ratio();
    }

    /** The within-group spreads of the positions and their spread over all states ({@link #ratio}). */
    private record Spreads(double[] within, double overall) {
        double ratio() {
            return overall > 0 ? median(within) / overall : Double.NaN;
        }
    }

    /** The parts of {@link #ratio}; {@code null} where it is NaN for want of distinct values or group medians. */
    private static Spreads spreads(double[][] valuesPerGroup) {
        int total = 0;
        for (double[] v : valuesPerGroup) {
            total += v.length;
        }
        double[] all = new double[total];
        int at = 0;
        for (double[] v : valuesPerGroup) {
            System.arraycopy(v, 0, all, at, v.length);
            at += v.length;
        }
        if (mostlyOneValue(all)) {
            return null;
        }
        double[] medians = new double[valuesPerGroup.length];
        for (int g = 0; g < medians.length; g++) {
            medians[g] = median(valuesPerGroup[g]);
        }
        double[] knots = Arrays.stream(medians).filter(Double::isFinite).sorted().distinct().toArray();
        if (knots.length < 2) {
            return null;
        }
        double[] position = positions(all, knots);
        double[] within = new double[valuesPerGroup.length];
        at = 0;
        for (int g = 0; g < valuesPerGroup.length; g++) {
            within[g] = mad(Arrays.copyOfRange(position, at, at + valuesPerGroup[g].length));
            at += valuesPerGroup[g].length;
        }
        return new Spreads(within, mad(position));
    }

    /**
     * Each value's position on the piecewise-linear scale through {@code knots} (sorted, distinct; the k-th knot at
     * position k), extended linearly beyond the ends by the end intervals; a value that is not finite is placed far
     * beyond the last knot (it varies as much as anything can).
     */
    static double[] positions(double[] values, double[] knots) {
        int last = knots.length - 1;
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            if (!Double.isFinite(v)) {
                out[i] = 10.0 * (last + 1);
            } else if (v <= knots[0]) {
                out[i] = (v - knots[0]) / (knots[1] - knots[0]);
            } else if (v >= knots[last]) {
                out[i] = last + (v - knots[last]) / (knots[last] - knots[last - 1]);
            } else {
                int k = Arrays.binarySearch(knots, v);
                if (k >= 0) {
                    out[i] = k;
                } else {
                    int hi = -k - 1;
                    out[i] = hi - 1 + (v - knots[hi - 1]) / (knots[hi] - knots[hi - 1]);
                }
            }
        }
        return out;
    }

    /** Whether one value is held by more than half of {@code values}. */
    static boolean mostlyOneValue(double[] values) {
        double[] s = values.clone();
        Arrays.sort(s);
        int run = 1;
        for (int i = 1; i < s.length; i++) {
            run = Double.compare(s[i], s[i - 1]) == 0 ? run + 1 : 1;
            if (2 * run > s.length) {
                return true;
            }
        }
        return s.length == 1;
    }

    /** The median absolute deviation from the median. */
    public static double mad(double[] v) {
        double med = median(v);
        double[] dev = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            dev[i] = Math.abs(v[i] - med);
        }
        return median(dev);
    }

    /** The median. */
    public static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }
}
