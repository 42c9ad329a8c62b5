package org.invariantlab.core.score;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The four numbers of {@link GroupCorrelation} on functions whose answers are known in closed form. */
class GroupCorrelationTest {

    /** Groups of {@code m} states sharing a value C_g drawn uniformly from [−1, 1]. */
    private static double[] constants(int groups, int m, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] c = new double[groups * m];
        for (int g = 0; g < groups; g++) {
            double v = random.nextDouble(-1, 1);
            for (int j = 0; j < m; j++) {
                c[g * m + j] = v;
            }
        }
        return c;
    }

    @Test
    void aCurvedMonotoneFunctionOfTheInvariantHasRankCorrelationOneAndNoSpread() {
        double[] c = constants(50, 20, 1);
        double[] f = new double[c.length];
        for (int i = 0; i < c.length; i++) {
            f[i] = Math.exp(4 * c[i]); // g(C) monotone and strongly curved
        }
        GroupCorrelation g = GroupCorrelation.of(f, c, 50, 20);
        assertEquals(1.0, g.spearman(), 1e-12, "ranks of a monotone function are the ranks of C");
        assertEquals(0.0, g.spread(), 1e-12, "constant on every group");
        assertEquals(0.0, g.mv(), 1e-12);
        assertTrue(g.pearson() < 0.9, "Pearson penalises the curvature: " + g.pearson());
        assertEquals(1.0, g.spearmanLow(), 1e-12, "every subset of the groups is monotone too: no error");
    }

    @Test
    void noiseInsideTheGroupsShowsAsSpreadAndMvInTheUnitsOfTheInvariant() {
        int groups = 200;
        int m = 100;
        double sigma = 0.1;
        double[] c = constants(groups, m, 2);
        SplittableRandom random = new SplittableRandom(3);
        double[] f = new double[c.length];
        for (int i = 0; i < c.length; i++) {
            f[i] = 2 * c[i] + sigma * 2 * random.nextGaussian(); // f = 2(C + σ·ε)
        }
        GroupCorrelation g = GroupCorrelation.of(f, c, groups, m);
        // b = cov(f, C)/var(f) = 2 var C/(4 var C + 4σ²); MV = b · sd_g(f) = b · 2σ ≈ σ var C/(var C + σ²)
        double varC = 1.0 / 3;
        double expected = sigma * varC / (varC + sigma * sigma);
        // sd_g over 100 states has a relative error of 1/sqrt(2·99) per group, 1/sqrt(2·99·200) ≈ 0.5 % on the mean;
        // var C of 200 uniform draws is within about 10 % of 1/3 (its relative sd is sqrt(0.8/200) ≈ 6 %)
        assertEquals(expected, g.mv(), 0.02 * expected + 0.1 * sigma * sigma);
        double spread = 2 * sigma / Math.sqrt(4 * varC + 4 * sigma * sigma);
        assertEquals(spread, g.spread(), 0.1 * spread, "within sd over overall sd");
        assertTrue(g.spearman() > 0.95 && g.spearman() < 1, "noise breaks the ranks a little: " + g.spearman());
    }

    @Test
    void fewerGroupsGiveAWiderIntervalThatContainsTheEstimate() {
        double[] wide = interval(10);
        double[] narrow = interval(200);
        assertTrue(wide[1] - wide[0] > 2 * (narrow[1] - narrow[0]),
                "10 groups: " + wide[0] + "–" + wide[1] + ", 200 groups: " + narrow[0] + "–" + narrow[1]);
    }

    private static double[] interval(int groups) {
        int m = 50;
        double[] c = constants(groups, m, 4);
        SplittableRandom random = new SplittableRandom(5);
        double[] f = new double[c.length];
        for (int i = 0; i < c.length; i++) {
            f[i] = c[i] + 0.3 * random.nextGaussian();
        }
        GroupCorrelation g = GroupCorrelation.of(f, c, groups, m);
        assertTrue(g.pearsonLow() <= g.pearson() && g.pearson() <= g.pearsonHigh(),
                g.pearsonLow() + " ≤ " + g.pearson() + " ≤ " + g.pearsonHigh());
        // C is tied within every group: an interval built from resampled (duplicated) groups missed ρ here
        assertTrue(g.spearmanLow() <= g.spearman() && g.spearman() <= g.spearmanHigh(),
                g.spearmanLow() + " ≤ " + g.spearman() + " ≤ " + g.spearmanHigh());
        return new double[] {g.pearsonLow(), g.pearsonHigh()};
    }

    @Test
    void tiesShareTheirMeanRankAndTheIntervalIsDeterministic() {
        assertArrayEquals(new double[] {1.5, 1.5, 3, 4.5, 4.5}, GroupCorrelation.ranks(new double[] {1, 1, 2, 5, 5}));
        double[] c = constants(20, 10, 6);
        double[] f = c.clone();
        f[3] += 0.5;
        assertEquals(GroupCorrelation.of(f, c, 20, 10), GroupCorrelation.of(f, c, 20, 10));
    }
}
