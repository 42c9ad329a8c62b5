package org.invariantlab.core.builtin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.invariantlab.api.param.Parameters;
import org.invariantlab.api.training.GradientBatch;
import org.invariantlab.api.training.Penalty;
import org.junit.jupiter.api.Test;

/**
 * AI Poincaré 2.0's loss: zero on true conserved quantities that are mutually orthogonal, the value of a known
 * configuration, and its gradient against central differences.
 */
class GradientOrthogonalityLossTest {

    /** Round-off of a few dozen double operations. */
    static final double EXACT = 1e-12;

    /** Central differences with step 1e-6 on a smooth function of O(1) inputs: truncation ≈ 1e-12, rounding ≈ 1e-10. */
    static final double FD = 1e-7;

    private final GradientOrthogonalityLoss loss = new GradientOrthogonalityLoss();

    private Parameters nu(double nu) {
        return Parameters.resolve(loss.id(), loss.parameters(), Map.of(GradientOrthogonalityLoss.NU, String.valueOf(nu)));
    }

    /**
     * The 2-D isotropic oscillator {@code h = (p1, p2, −q1, −q2)} over {@code (q1, q2, p1, p2)}: the gradients of
     * {@code E1 = (q1² + p1²)/2} and {@code E2 = (q2² + p2²)/2} are conserved and orthogonal, so the loss is 0.
     */
    @Test
    void vanishesOnTheOscillatorsSeparateEnergies() {
        SplittableRandom rng = new SplittableRandom(1);
        int rows = 20;
        double[] x = new double[rows * 4];
        double[] h = new double[rows * 4];
        double[] jac = new double[rows * 2 * 4];
        for (int r = 0; r < rows; r++) {
            double q1 = rng.nextDouble(-1, 1);
            double q2 = rng.nextDouble(-1, 1);
            double p1 = rng.nextDouble(-1, 1);
            double p2 = rng.nextDouble(-1, 1);
            System.arraycopy(new double[] {q1, q2, p1, p2}, 0, x, r * 4, 4);
            System.arraycopy(new double[] {p1, p2, -q1, -q2}, 0, h, r * 4, 4);
            System.arraycopy(new double[] {q1, 0, p1, 0, 0, q2, 0, p2}, 0, jac, r * 8, 8);
        }
        Penalty p = loss.evaluate(new GradientBatch(rows, 4, 2, x, jac, 0, new double[0], h, Optional.empty()), nu(1));
        assertEquals(0.0, p.value(), EXACT);
    }

    /**
     * One state, {@code ĥ = e_1}, {@code ĝ_1 = e_1} (not conserved: (ĥ·ĝ_1)² = 1), {@code ĝ_2 = e_2} (conserved,
     * orthogonal to ĝ_1): {@code L = (1/2)(1 + 0) + ν·(2/2)·0 = 1/2}; with {@code ĝ_2 = ĝ_1}:
     * {@code L = (1/2)(1 + 1) + ν·1}.
     */
    @Test
    void valueOfKnownConfigurations() {
        double[] x = {0, 0};
        double[] h = {3, 0};
        GradientBatch apart = new GradientBatch(1, 2, 2, x, new double[] {2, 0, 0, 5}, 0, new double[0], h,
                Optional.empty());
        assertEquals(0.5, loss.evaluate(apart, nu(0.7)).value(), EXACT);
        GradientBatch same = new GradientBatch(1, 2, 2, x, new double[] {2, 0, 4, 0}, 0, new double[0], h,
                Optional.empty());
        assertEquals(1.0 + 0.7, loss.evaluate(same, nu(0.7)).value(), EXACT);
    }

    @Test
    void gradientMatchesCentralDifferences() {
        SplittableRandom rng = new SplittableRandom(3);
        int rows = 4;
        int d = 3;
        int n = 3;
        double[] x = new double[rows * d];
        double[] h = new double[rows * d];
        double[] jac = new double[rows * n * d];
        for (int i = 0; i < h.length; i++) {
            h[i] = rng.nextDouble(-1, 1);
        }
        for (int i = 0; i < jac.length; i++) {
            jac[i] = rng.nextDouble(-1, 1);
        }
        Parameters params = nu(0.6);
        Penalty p = loss.evaluate(new GradientBatch(rows, d, n, x, jac, 0, new double[0], h, Optional.empty()), params);
        double[] g = p.jacobianGradient();
        double eps = 1e-6;
        double largest = 0;
        for (int i = 0; i < jac.length; i++) {
            double[] plus = jac.clone();
            double[] minus = jac.clone();
            plus[i] += eps;
            minus[i] -= eps;
            double fd = (loss.evaluate(new GradientBatch(rows, d, n, x, plus, 0, new double[0], h, Optional.empty()),
                    params).value() - loss.evaluate(new GradientBatch(rows, d, n, x, minus, 0, new double[0], h,
                    Optional.empty()), params).value()) / (2 * eps);
            assertEquals(fd, g[i], FD * (1 + Math.abs(fd)), "∂L/∂J_" + i);
            largest = Math.max(largest, Math.abs(g[i]));
        }
        assertTrue(largest > 1e-2, "random gradients must give a non-trivial loss gradient");
    }
}
