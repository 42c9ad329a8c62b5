package org.invariantlab.plugins.hajeong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.invariantlab.api.param.Parameters;
import org.invariantlab.api.system.GroupedData;
import org.invariantlab.api.training.GroupExamples;
import org.invariantlab.api.training.Perturbation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The spreaders' laws: norms uniform in (0, √R), directions centred and on the unit sphere; determinism. */
class SpreaderPerturbationTest {

    private static final int N = 20_000;
    private static final int D = 4;
    private static final double R = 2.0;

    /**
     * Kolmogorov–Smirnov critical value at significance 1 %: {@code D_n ≤ 1.628/√n} holds with probability
     * 0.99 for a sample of the hypothesised law (asymptotic Kolmogorov distribution, accurate for n = 20000).
     */
    private static final double KS_CRITICAL = 1.628 / Math.sqrt(N);

    /**
     * Each direction component has variance at most 1/d·(something ≤ 1), so the sample mean of n components has
     * standard deviation at most 1/√n; five of them is a 1-in-10⁶ event for a centred law.
     */
    private static final double MEAN_BOUND = 5.0 / Math.sqrt(N);

    @ParameterizedTest
    @EnumSource(Spreader.class)
    void normsAreUniformBelowSqrtRAndDirectionsCentred(Spreader spreader) {
        double[] x = new double[N * D];
        Arrays.fill(x, 3.0);
        double[] y = new double[N * D];
        new SpreaderPerturbation(R, spreader).perturb(x, N, D, 11L, y);
        double[] delta = new double[N * D];
        double[] norms = new double[N];
        double[] mean = new double[D];
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < D; j++) {
                delta[i * D + j] = y[i * D + j] - 3.0;
            }
            norms[i] = spreader.norm(delta, i * D, D);
            for (int j = 0; j < D; j++) {
                mean[j] += delta[i * D + j] / norms[i] / N;
            }
        }
        Arrays.sort(norms);
        double top = Math.sqrt(R);
        assertTrue(norms[0] > 0 && norms[N - 1] <= top * (1 + 1e-12), "norms in (0, √R]: " + norms[0] + ", " + norms[N - 1]);
        double ks = 0;
        for (int i = 0; i < N; i++) {
            double cdf = norms[i] / top;
            ks = Math.max(ks, Math.max((i + 1.0) / N - cdf, cdf - (double) i / N));
        }
        assertTrue(ks <= KS_CRITICAL, spreader + ": KS distance " + ks + " above " + KS_CRITICAL);
        for (int j = 0; j < D; j++) {
            assertTrue(Math.abs(mean[j]) <= MEAN_BOUND, spreader + ": mean direction component " + j + " = " + mean[j]);
        }
    }

    @Test
    void l2DirectionsHaveIsotropicSecondMoments() {
        // uniform on the Euclidean sphere: E[u_j²] = 1/d for each j; sample mean of u_j² (values in [0, 1])
        double[] x = new double[N * D];
        double[] y = new double[N * D];
        new SpreaderPerturbation(1.0, Spreader.L2).perturb(x, N, D, 3L, y);
        for (int j = 0; j < D; j++) {
            double s = 0;
            for (int i = 0; i < N; i++) {
                double n = Spreader.L2.norm(y, i * D, D);
                s += (y[i * D + j] / n) * (y[i * D + j] / n);
            }
            assertEquals(1.0 / D, s / N, MEAN_BOUND, "E[u_" + j + "²]");
        }
    }

    @Test
    void sameSeedSameNoiseOtherSeedOtherNoise() {
        Perturbation p = new SpreaderPerturbation(1.0, Spreader.L1);
        double[] x = {1, 2, 3, 4, 5, 6};
        double[] a = new double[6];
        double[] b = new double[6];
        double[] c = new double[6];
        p.perturb(x, 2, 3, 7L, a);
        p.perturb(x, 2, 3, 7L, b);
        p.perturb(x, 2, 3, 8L, c);
        assertArrayEquals(a, b);
        assertFalse(Arrays.equals(a, c));
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6}, x, "input untouched");
    }

    @Test
    void samplerKeepsTheGroupsAndPerturbsEveryStateWithItsLaw() {
        HaJeongSampler sampler = new HaJeongSampler();
        Parameters p = Parameters.resolve(HaJeongSampler.ID, sampler.parameters(),
                Map.of("noise", "0.25", "spreader", "linf"));
        GroupedData data = new GroupedData(List.of("a", "b"), 3, 4, new double[24]);
        GroupExamples e = sampler.examples(data, p, 9L);
        assertEquals(data, e.groups());
        assertEquals(4, e.perturbed().perGroup());
        double[] expected = new double[24];
        new SpreaderPerturbation(0.25, Spreader.LINF).perturb(new double[24], 12, 2, 9L, expected);
        assertArrayEquals(expected, e.perturbed().values());
        for (int i = 0; i < 12; i++) {
            double n = Spreader.LINF.norm(expected, 2 * i, 2);
            assertTrue(n > 0 && n <= 0.5, "‖δ‖∞ = " + n);
        }
        assertTrue(sampler.perturbation(p).isPresent());
        assertEquals(Spreader.L2, HaJeongSampler.law(Parameters.resolve(HaJeongSampler.ID, sampler.parameters(), Map.of()))
                .spreader(), "the paper's L2 spreader is the default");
    }
}
