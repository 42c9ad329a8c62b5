package org.invariantlab.plugins.hajeong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import org.invariantlab.api.param.Parameters;
import org.invariantlab.api.training.BatchLayout;
import org.invariantlab.api.training.HeadOutput;
import org.invariantlab.api.training.LatentBatch;
import org.invariantlab.testkit.FiniteDifferences;
import org.junit.jupiter.api.Test;

/** The noise-variance loss: its value on a hand-computed case and its gradient against central differences. */
class NoiseVarianceHeadTest {

    /**
     * Central differences with relative step 1e-6 on a loss built from squares carry a truncation error of
     * zero (the loss is quadratic on each side of the kink) and a rounding error near 1e-16·|L|/1e-6 ≈ 1e-10;
     * 1e-7 relative to max(1, |g|) leaves a wide margin.
     */
    private static final double GRADIENT_TOLERANCE = 1e-7;

    private final NoiseVarianceHead head = new NoiseVarianceHead();

    private Parameters parameters(String beta, String q) {
        return Parameters.resolve(NoiseVarianceHead.ID, head.parameters(), Map.of("beta", beta, "Q", q));
    }

    @Test
    void lossOfOneGroupByHand() {
        // originals 0, 2 -> Var = 2; perturbed 0, 1, 2 -> Var = 1; beta = 0.5, Q = 3: 2 + 0.5·|3 − 1| = 3
        LatentBatch batch = new LatentBatch(new BatchLayout.Grouped(1, 2, 3), 1, new double[] {0, 2, 0, 1, 2});
        HeadOutput out = head.evaluate(batch, new double[0], parameters("0.5", "3"));
        assertEquals(3.0, out.loss(), 1e-15);
        // ∂/∂a_j = 2(a_j − 1)/1 = ∓2; ∂/∂b_j = −0.5·sgn(2)·2(b_j − 1)/2 = −0.5(b_j − 1)
        double[] expected = {-2, 2, 0.5, 0, -0.5};
        double[] g = out.latentGradient();
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], g[i], 1e-15, "component " + i);
        }
        assertEquals(0, out.headGradient().length);
        assertEquals(0, out.sameProbability().length);
    }

    @Test
    void gradientMatchesCentralDifferencesOnBothSidesOfQ() {
        SplittableRandom rng = new SplittableRandom(5);
        BatchLayout.Grouped layout = new BatchLayout.Grouped(3, 4, 5);
        for (int k = 1; k <= 2; k++) {
            for (String q : new String[] {"0.2", "4.0"}) { // Var F(x + δ) ≈ 1 below Q = 4, above Q = 0.2
                double[] z = new double[layout.rows() * k];
                for (int i = 0; i < z.length; i++) {
                    z[i] = rng.nextGaussian();
                }
                Parameters p = parameters("1.3", q);
                int latents = k;
                double[] analytic = head.evaluate(new LatentBatch(layout, k, z), new double[0], p).latentGradient();
                double[] numeric = FiniteDifferences.gradient(
                        v -> head.evaluate(new LatentBatch(layout, latents, v), new double[0], p).loss(), z,
                        FiniteDifferences.DEFAULT_RELATIVE_STEP);
                for (int i = 0; i < z.length; i++) {
                    double scale = Math.max(1, Math.abs(analytic[i]));
                    assertEquals(numeric[i], analytic[i], GRADIENT_TOLERANCE * scale,
                            "k = " + k + ", Q = " + q + ", component " + i);
                }
            }
        }
    }

    @Test
    void acceptsOnlyGroupsWithTwoStatesAndTwoPerturbedStates() {
        assertTrue(head.accepts(new BatchLayout.Grouped(1, 2, 2)));
        assertFalse(head.accepts(new BatchLayout.Grouped(1, 1, 2)));
        assertFalse(head.accepts(new BatchLayout.Grouped(1, 2, 1)));
        assertFalse(head.accepts(new BatchLayout.Pairs(new double[] {1})));
        LatentBatch pairs = new LatentBatch(new BatchLayout.Pairs(new double[] {1}), 1, new double[] {0, 1});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> head.evaluate(pairs, new double[0], parameters("1", "1")));
        assertTrue(e.getMessage().startsWith("the 'noise-variance' head scores groups"), e.getMessage());
    }
}
