package org.invariantlab.core.score;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * How closely a learned function {@code f} follows one true invariant {@code C} on grouped states, in the four
 * numbers that separate the causes of a low correlation:
 * <pre>
 *   |r|  = |Pearson(f, C)|                       over all states (Ha &amp; Jeong's metric)
 *   |ρ|  = |Pearson(rank f, rank C)|             Spearman, ties at their mean rank: 1 for any monotone f = g(C)
 *   spread = (1/G) Σ_g sd_g(f) / sd(f)           within-group spread of f relative to its spread over all states:
 *                                                0 when f is constant on every group
 *   MV   = |b| · (1/G) Σ_g sd_g(f),  b = cov(f, C)/var(f)
 *                                                Ha &amp; Jeong's "MV": the mean within-group standard deviation of
 *                                                the linear fit b·f of C, in the units of C
 * </pre>
 * (sample standard deviations, {@code n − 1}). A curved but monotone {@code f = g(C)} has {@code |ρ| = 1},
 * spread 0 and {@code |r| < 1}; an {@code f} that varies inside the groups has spread and MV above 0 whatever its
 * shape; an {@code f} that follows another quantity has a low {@code |ρ|}.
 *
 * <p>The 95 % intervals of {@code |r|} and {@code |ρ|} are percentile intervals of a bootstrap over <b>groups</b>
 * ({@value #RESAMPLES} resamples of the {@code G} groups with replacement, seeded): the states of a group share
 * their {@code C}, so the groups, not the states, are the independent draws, and ten groups give a wide interval.
 *
 * <p>References: S. Ha, H. Jeong, Phys. Rev. Research 3, L042035 (2021) (|r| and MV, as computed in their public
 * code); C. Spearman, Am. J. Psychol. 15, 72 (1904); B. Efron, Ann. Stat. 7, 1 (1979) (the bootstrap).
 *
 * @param groups       the number of groups {@code G}
 * @param states       the number of states
 * @param pearson      {@code |r|}
 * @param pearsonLow   lower end of the 95 % interval of {@code |r|}
 * @param pearsonHigh  upper end
 * @param spearman     {@code |ρ|}
 * @param spearmanLow  lower end of the 95 % interval of {@code |ρ|}
 * @param spearmanHigh upper end
 * @param spread       within-group spread relative to the spread over all states
 * @param mv           Ha &amp; Jeong's MV, in the units of {@code C}
 */
public record GroupCorrelation(@JsonProperty("groups") int groups, @JsonProperty("states") int states,
                               @JsonProperty("pearson") double pearson,
                               @JsonProperty("pearson_low") double pearsonLow,
                               @JsonProperty("pearson_high") double pearsonHigh,
                               @JsonProperty("spearman") double spearman,
                               @JsonProperty("spearman_low") double spearmanLow,
                               @JsonProperty("spearman_high") double spearmanHigh,
                               @JsonProperty("spread") double spread, @JsonProperty("mv") double mv) {

    /** Bootstrap resamples of the groups. */
    public static final int RESAMPLES = 400;

    /**
     * The correlation of {@code f} with {@code c} on states stored group by group, {@code members} each.
     *
     * @param seed seed of the bootstrap
     * @throws IllegalArgumentException if the arrays do not hold {@code groups × members} states
     */
    public static GroupCorrelation of(double[] f, double[] c, int groups, int members, long seed) {
        if (f.length != c.length || f.length != groups * members || groups < 1 || members < 1) {
            throw new IllegalArgumentException("need " + groups + " groups of " + members + " states, got " + f.length
                    + " values of f and " + c.length + " of C");
        }
        double r = Math.abs(Scorer.pearson(f, c));
        double rho = Math.abs(spearman(f, c));
        double spread = Scorer.withinGroupSpread(f, groups, members);
        double mv = Double.NaN;
        double varF = ScoredStates.variance(f, ScoredStates.mean(f), 1);
        if (members >= 2 && varF > 0) {
            double slope = covariance(f, c) / varF;
            double sum = 0;
            double[] group = new double[members];
            for (int g = 0; g < groups; g++) {
                System.arraycopy(f, g * members, group, 0, members);
                sum += Math.sqrt(ScoredStates.variance(group, ScoredStates.mean(group), 1));
            }
            mv = Math.abs(slope) * sum / groups;
        }
        double[] rs = new double[RESAMPLES];
        double[] rhos = new double[RESAMPLES];
        SplittableRandom random = new SplittableRandom(seed);
        double[] bf = new double[f.length];
        double[] bc = new double[c.length];
        for (int b = 0; b < RESAMPLES; b++) {
            for (int g = 0; g < groups; g++) {
                int from = random.nextInt(groups) * members;
                System.arraycopy(f, from, bf, g * members, members);
                System.arraycopy(c, from, bc, g * members, members);
            }
            rs[b] = Math.abs(Scorer.pearson(bf, bc));
            rhos[b] = Math.abs(spearman(bf, bc));
        }
        return new GroupCorrelation(groups, f.length, r, percentile(rs, 0.025), percentile(rs, 0.975), rho,
                percentile(rhos, 0.025), percentile(rhos, 0.975), spread, mv);
    }

    /** Spearman's rank correlation, ties at their mean rank; NaN if either variable is constant. */
    static double spearman(double[] x, double[] y) {
        return Scorer.pearson(ranks(x), ranks(y));
    }

    /** Ranks 1..n, tied values at the mean of their ranks (finite values; a sorted copy and two binary searches). */
    static double[] ranks(double[] v) {
        double[] sorted = v.clone();
        Arrays.sort(sorted);
        double[] rank = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            int first = bound(sorted, v[i], false);
            int last = bound(sorted, v[i], true) - 1;
            rank[i] = (first + last) / 2.0 + 1;
        }
        return rank;
    }

    /** The first index whose value is {@code >= x} ({@code > x} when {@code above}). */
    private static int bound(double[] sorted, double x, boolean above) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (above ? sorted[mid] <= x : sorted[mid] < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static double covariance(double[] x, double[] y) {
        double mx = ScoredStates.mean(x);
        double my = ScoredStates.mean(y);
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            s += (x[i] - mx) * (y[i] - my);
        }
        return s / (x.length - 1);
    }

    /** The {@code q}-quantile of the finite values (linear interpolation); NaN if there are none. */
    static double percentile(double[] values, double q) {
        double[] v = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        double pos = q * (v.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, v.length - 1);
        return v[lo] + (pos - lo) * (v[hi] - v[lo]);
    }
}
