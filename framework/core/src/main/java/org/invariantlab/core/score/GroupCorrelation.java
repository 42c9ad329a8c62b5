package org.invariantlab.core.score;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Arrays;

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
 * <p>The 95 % intervals of {@code |r|} and {@code |ρ|} come from a jackknife over <b>groups</b>: the states of a
 * group share their {@code C}, so the groups, not the states, are the independent draws, and ten groups give a wide
 * interval. The groups are dealt into {@code K = min(G, }{@value #BLOCKS}{@code )} blocks, each left out in turn:
 * <pre>
 *   se² = (K − 1)/K · Σ_k (θ₍ₖ₎ − θ̄)²,     interval θ ± 1.96·se, clipped to [0, 1]
 * </pre>
 * (a bootstrap that resamples groups with replacement was tried first: duplicated groups add ties that bias Spearman's
 * ρ down, so its percentile interval missed the estimate on real runs; the jackknife has no such bias and no seed).
 *
 * <p>References: S. Ha, H. Jeong, Phys. Rev. Research 3, L042035 (2021) (|r| and MV, as computed in their public
 * code); C. Spearman, Am. J. Psychol. 15, 72 (1904); J. W. Tukey, Ann. Math. Stat. 29, 614 (1958) (the jackknife).
 *
 * @param groups       the number of groups {@code G}
 * @param states       the number of states
 * @param pearson      {@code |r|}
 * @param pearsonLow   lower end of the 95 % interval of {@code |r|} (NaN with one group)
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

    /** At most this many blocks of groups in the jackknife. */
    public static final int BLOCKS = 50;

    /** The two-sided 95 % normal quantile. */
    private static final double Z95 = 1.959964;

    /**
     * The correlation of {@code f} with {@code c} on states stored group by group, {@code members} each.
     *
     * @throws IllegalArgumentException if the arrays do not hold {@code groups × members} states
     */
    public static GroupCorrelation of(double[] f, double[] c, int groups, int members) {
        if (f.length != c.length || f.length != groups * members || groups < 1 || members < 1) {
            throw new IllegalArgumentException("need " + groups + " groups of " + members + " states, got " + f.length
                    + " values of f and " + c.length + " of C");
        }
        double r = Math.abs(Scorer.pearson(f, c));
        double rho = Math.abs(spearman(f, c));
        double spread = Scorer.withinGroupSpread(f, groups, members);
        // MV = |b|·mean_g sd_g(f) = |b|·spread·sd(f), with b = cov(f, C)/var(f)
        double varF = ScoredStates.variance(f, ScoredStates.mean(f), 1);
        double mv = varF > 0 ? Math.abs(covariance(f, c) / varF) * spread * Math.sqrt(varF) : Double.NaN;
        int k = Math.min(groups, BLOCKS);
        double[] rs = new double[k];
        double[] rhos = new double[k];
        for (int b = 0; b < k; b++) {
            // block b: groups [b·G/K, (b+1)·G/K), left out
            int from = (int) ((long) b * groups / k);
            int to = (int) ((long) (b + 1) * groups / k);
            int kept = (groups - (to - from)) * members;
            double[] bf = new double[kept];
            double[] bc = new double[kept];
            System.arraycopy(f, 0, bf, 0, from * members);
            System.arraycopy(c, 0, bc, 0, from * members);
            System.arraycopy(f, to * members, bf, from * members, (groups - to) * members);
            System.arraycopy(c, to * members, bc, from * members, (groups - to) * members);
            rs[b] = Math.abs(Scorer.pearson(bf, bc));
            rhos[b] = Math.abs(spearman(bf, bc));
        }
        double seR = jackknifeError(rs);
        double seRho = jackknifeError(rhos);
        return new GroupCorrelation(groups, f.length, r, clip(r - Z95 * seR), clip(r + Z95 * seR), rho,
                clip(rho - Z95 * seRho), clip(rho + Z95 * seRho), spread, mv);
    }

    /** {@code sqrt((K − 1)/K · Σ (θ_k − θ̄)²)}; NaN with fewer than two blocks or a non-finite one. */
    static double jackknifeError(double[] leftOut) {
        int k = leftOut.length;
        if (k < 2 || !Arrays.stream(leftOut).allMatch(Double::isFinite)) {
            return Double.NaN;
        }
        double mean = Arrays.stream(leftOut).average().orElse(Double.NaN);
        double ss = 0;
        for (double v : leftOut) {
            ss += (v - mean) * (v - mean);
        }
        return Math.sqrt((k - 1.0) / k * ss);
    }

    private static double clip(double v) {
        return Double.isNaN(v) ? v : Math.max(0, Math.min(1, v));
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
}
