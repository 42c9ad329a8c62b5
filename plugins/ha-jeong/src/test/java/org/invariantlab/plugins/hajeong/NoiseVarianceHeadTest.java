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

    /**
     * The scale of a latent under the loss: with {@code z → λz}, {@code dL/dλ} at {@code λ = 1} is
     * {@code Σ_i z_i·∂L/∂z_i} (Euler's relation for the homogeneous pieces), which must be negative for a latent far
     * below its target spread (here {@code W = 2} against {@code Q = 4}) so that training grows it back. One group with
     * {@code V/W = 1/4} (originals spread half as much as perturbed states): a fixed {@code β = 0.1 < V/W} pulls the
     * latent towards the constant network; {@code betaRatio = 2} weighs the group by {@code min(β, 2·V/W) = 0.5 > V/W}
     * and pushes it back up, by {@code 2V − 2β_g·W = 2V(1 − κ)} exactly.
     */
    @Test
    void aRatioWeightKeepsTheLatentsScaleWhereAFixedSmallBetaShrinksIt() {
        double[] z = {-0.5, 0.5, -1, 1}; // two originals, then two perturbed states
        BatchLayout.Grouped layout = new BatchLayout.Grouped(1, 2, 2);
        double v = 0.5;                  // Σ(a − ā)²/(m − 1) = 0.25 + 0.25
        double w = 2.0;                  // 1 + 1
        Parameters fixed = Parameters.resolve(NoiseVarianceHead.ID, head.parameters(),
                Map.of("beta", "0.1", "Q", "4"));
        Parameters ratio = Parameters.resolve(NoiseVarianceHead.ID, head.parameters(),
                Map.of("beta", "1", "Q", "4", "betaRatio", "2"));
        double shrink = scaleRate(head.evaluate(new LatentBatch(layout, 1, z), new double[0], fixed), z);
        double grow = scaleRate(head.evaluate(new LatentBatch(layout, 1, z), new double[0], ratio), z);
        assertEquals(2 * v - 2 * 0.1 * w, shrink, 1e-12, "fixed beta below V/W = 1/4");
        assertTrue(shrink > 0, "a fixed beta = 0.1 < V/W lowers the loss by shrinking the latent: " + shrink);
        assertEquals(2 * v * (1 - 2), grow, 1e-12, "beta_g = min(1, 2V/W) = 0.5");
        HeadOutput out = head.evaluate(new LatentBatch(layout, 1, z), new double[0], ratio);
        assertEquals(v + 0.5 * Math.abs(4 - w), out.loss(), 1e-12, "the loss carries the group's weight");
    }

    @Test
    void aRatioAboveTheFixedBetaIsTheFixedBeta() {
        SplittableRandom rng = new SplittableRandom(9);
        BatchLayout.Grouped layout = new BatchLayout.Grouped(2, 5, 5);
        double[] z = new double[layout.rows()];
        for (int i = 0; i < z.length; i++) {
            z[i] = rng.nextGaussian();
        }
        // V/W of Gaussian groups is near 1, so 1e5·V/W is far above beta = 0.7: the weight is beta itself
        HeadOutput plain = head.evaluate(new LatentBatch(layout, 1, z), new double[0], parameters("0.7", "2"));
        HeadOutput capped = head.evaluate(new LatentBatch(layout, 1, z), new double[0], Parameters.resolve(
                NoiseVarianceHead.ID, head.parameters(), Map.of("beta", "0.7", "Q", "2", "betaRatio", "1e5")));
        assertEquals(plain.loss(), capped.loss(), 0.0);
        for (int i = 0; i < z.length; i++) {
            assertEquals(plain.latentGradient()[i], capped.latentGradient()[i], 0.0, "component " + i);
        }
    }

    @Test
    void aRatioThatLetsTheLatentShrinkIsRefused() {
        LatentBatch batch = new LatentBatch(new BatchLayout.Grouped(1, 2, 2), 1, new double[] {-0.5, 0.5, -1, 1});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> head.evaluate(batch,
                new double[0], Parameters.resolve(NoiseVarianceHead.ID, head.parameters(), Map.of("betaRatio", "0.5"))));
        assertTrue(e.getMessage().contains("above 1"), e.getMessage());
    }

    private static double scaleRate(HeadOutput out, double[] z) {
        double s = 0;
        for (int i = 0; i < z.length; i++) {
            s += z[i] * out.latentGradient()[i];
        }
        return s;
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
