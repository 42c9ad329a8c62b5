package org.invariantlab.plugins.deflation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.invariantlab.api.param.Parameters;
import org.invariantlab.api.system.CanonicalLayout;
import org.invariantlab.api.training.GradientBatch;
import org.invariantlab.api.training.StagePlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The deflation loss on the 2-D isotropic oscillator over {@code (q1, q2, p1, p2)}, {@code h = (p1, p2, −q1, −q2)},
 * whose invariants {@code E1 = (q1² + p1²)/2}, {@code E2 = (q2² + p2²)/2} commute and {@code L = q1 p2 − q2 p1}
 * does not commute with either; and its gradient against central differences.
 */
class NeuralDeflationLossTest {

    /** Round-off of a few dozen double operations on O(1) numbers. */
    static final double EXACT = 1e-12;

    /** Central differences, step 1e-6: truncation ≈ 1e-12 · f''', rounding ≈ 1e-10 / 1e-6; relative bound. */
    static final double FD = 1e-6;

    static final CanonicalLayout LAYOUT = new CanonicalLayout(List.of(0, 1), List.of(2, 3));

    private final NeuralDeflationLoss loss = new NeuralDeflationLoss();

    private Parameters params(String alpha, boolean bracket) {
        return Parameters.resolve(loss.id(), loss.parameters(), Map.of(NeuralDeflationLoss.ALPHA, alpha,
                NeuralDeflationLoss.BRACKET, String.valueOf(bracket)));
    }

    private static double[] e1(double[] s) {
        return new double[] {s[0], 0, s[2], 0};
    }

    private static double[] e2(double[] s) {
        return new double[] {0, s[1], 0, s[3]};
    }

    private static double[] l(double[] s) {
        return new double[] {s[3], -s[2], -s[1], s[0]};
    }

    private GradientBatch batch(int rows, java.util.function.Function<double[], double[]> candidate,
                                List<java.util.function.Function<double[], double[]>> earlier, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] x = new double[rows * 4];
        double[] h = new double[rows * 4];
        double[] jac = new double[rows * 4];
        double[] frozen = new double[rows * earlier.size() * 4];
        for (int r = 0; r < rows; r++) {
            double[] s = {rng.nextDouble(-1, 1), rng.nextDouble(-1, 1), rng.nextDouble(-1, 1), rng.nextDouble(-1, 1)};
            System.arraycopy(s, 0, x, r * 4, 4);
            System.arraycopy(new double[] {s[2], s[3], -s[0], -s[1]}, 0, h, r * 4, 4);
            System.arraycopy(candidate.apply(s), 0, jac, r * 4, 4);
            for (int j = 0; j < earlier.size(); j++) {
                System.arraycopy(earlier.get(j).apply(s), 0, frozen, (r * earlier.size() + j) * 4, 4);
            }
        }
        return new GradientBatch(rows, 4, 1, x, jac, earlier.size(), frozen, h, Optional.of(LAYOUT));
    }

    @Test
    void isSequential() {
        assertEquals(StagePlan.SEQUENTIAL, loss.stagePlan(params("1", true)));
    }

    @Test
    void commutingInvariantsCostNothing() {
        assertEquals(0.0, loss.evaluate(batch(50, NeuralDeflationLossTest::e1, List.of(), 1), params("1", true)).value(),
                EXACT);
        assertEquals(0.0, loss.evaluate(batch(50, NeuralDeflationLossTest::e2, List.of(NeuralDeflationLossTest::e1), 2),
                params("1", true)).value(), EXACT);
    }

    /**
     * {@code L} is conserved and independent of {@code E1}, so without the bracket it costs nothing; with it,
     * {@code {L, E1} = −q1 q2 − p1 p2 ≠ 0} makes it cost.
     */
    @Test
    void theBracketSeparatesIndependentFromCommuting() {
        GradientBatch b = batch(50, NeuralDeflationLossTest::l, List.of(NeuralDeflationLossTest::e1), 3);
        assertEquals(0.0, loss.evaluate(b, params("1", false)).value(), EXACT);
        assertTrue(loss.evaluate(b, params("1", true)).value() > 0.01);
    }

    /**
     * A candidate whose gradient lies (almost) in the span of an earlier one is deflated: the same non-conserved
     * candidate {@code G = ∇E1 + 0.3·h} costs over 100× more when the frozen gradient is {@code G + 10⁻³·∇E2}
     * (residual ≈ 10⁻³, so the quotient grows by ≈ 10⁶) than when it is {@code ∇E2} (residual O(1)).
     */
    @Test
    void aCandidateInTheSpanOfAnEarlierOneIsDeflated() {
        java.util.function.Function<double[], double[]> candidate = s -> new double[] {
                s[0] + 0.3 * s[2], 0.3 * s[3], s[2] - 0.3 * s[0], -0.3 * s[1]};
        java.util.function.Function<double[], double[]> nearCopy = s -> {
            double[] g = candidate.apply(s);
            double[] e = e2(s);
            return new double[] {g[0] + 1e-3 * e[0], g[1] + 1e-3 * e[1], g[2] + 1e-3 * e[2], g[3] + 1e-3 * e[3]};
        };
        double inSpan = loss.evaluate(batch(50, candidate, List.of(nearCopy), 4), params("1", false)).value();
        double apart = loss.evaluate(batch(50, candidate, List.of(NeuralDeflationLossTest::e2), 4), params("1", false))
                .value();
        assertTrue(apart > 1e-3, "the candidate is not conserved: " + apart);
        assertTrue(inSpan > 100 * apart, inSpan + " against " + apart);
    }

    @ParameterizedTest
    @CsvSource({"1, true, 0", "1, true, 2", "0.5, true, 2", "1, false, 2", "0.5, false, 1"})
    void gradientMatchesCentralDifferences(String alpha, boolean bracket, int earlier) {
        SplittableRandom rng = new SplittableRandom(7 + earlier);
        int rows = 3;
        int d = 4;
        double[] x = new double[rows * d];
        double[] h = new double[rows * d];
        double[] jac = new double[rows * d];
        double[] frozen = new double[rows * earlier * d];
        for (double[] a : new double[][] {x, h, jac, frozen}) {
            for (int i = 0; i < a.length; i++) {
                a[i] = rng.nextDouble(-1, 1);
            }
        }
        Parameters p = params(alpha, bracket);
        double[] g = loss.evaluate(new GradientBatch(rows, d, 1, x, jac, earlier, frozen, h, Optional.of(LAYOUT)), p)
                .jacobianGradient();
        double eps = 1e-6;
        for (int i = 0; i < jac.length; i++) {
            double[] plus = jac.clone();
            double[] minus = jac.clone();
            plus[i] += eps;
            minus[i] -= eps;
            double fd = (loss.evaluate(new GradientBatch(rows, d, 1, x, plus, earlier, frozen, h, Optional.of(LAYOUT)), p)
                    .value() - loss.evaluate(new GradientBatch(rows, d, 1, x, minus, earlier, frozen, h,
                    Optional.of(LAYOUT)), p).value()) / (2 * eps);
            assertEquals(fd, g[i], FD * (1 + Math.abs(fd)), "∂L/∂J_" + i);
        }
    }
}
