package org.invariantlab.core.builtin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import org.invariantlab.api.param.Parameters;
import org.invariantlab.api.training.BatchLayout;
import org.invariantlab.api.training.HeadOutput;
import org.invariantlab.api.training.LatentBatch;
import org.junit.jupiter.api.Test;

class ContrastiveHeadTest {

    private final ContrastiveHead head = new ContrastiveHead();
    private final Parameters defaults = Parameters.resolve(head.id(), head.parameters(), Map.of());
    private final Parameters margin2 = Parameters.resolve(head.id(), head.parameters(), Map.of("margin", "2"));

    /**
     * Distances this close to the kinks (0 and the margin) are avoided in the finite-difference check: the
     * central difference straddles a kink only if it lies within one step ({@code ~1e-6}) of it.
     */
    private static final double KINK_CLEARANCE = 1e-3;

    @Test
    void gradientsMatchCentralDifferences() {
        SplittableRandom rng = new SplittableRandom(8);
        for (Parameters p : new Parameters[] {defaults, margin2}) {
            double margin = p.getDouble("margin");
            for (int k : new int[] {1, 3}) {
                LatentBatch batch = HeadChecks.randomBatch(rng, 32, k);
                for (int i = 0; i < 32; i++) {
                    double d2 = 0;
                    for (int j = 0; j < k; j++) {
                        double diff = batch.get(i, j) - batch.get(32 + i, j);
                        d2 += diff * diff;
                    }
                    double d = Math.sqrt(d2);
                    assertTrue(d > KINK_CLEARANCE && Math.abs(d - margin) > KINK_CLEARANCE, "seed puts a pair on a kink");
                }
                HeadChecks.assertGradientsMatchFiniteDifferences(head, batch, new double[0], p);
            }
        }
    }

    @Test
    void lossFollowsTheDefinition() {
        // positive at d = 0.5 costs 0.25; negative at d = 0.25 with margin 1 costs 0.75² = 0.5625
        LatentBatch batch = new LatentBatch(new BatchLayout.Pairs(new double[] {1, 0}), 1, new double[] {0, 0, 0.5, 0.25});
        HeadOutput out = head.evaluate(batch, new double[0], defaults);
        assertEquals((0.25 + 0.5625) / 2, out.loss(), 1e-15);
        assertArrayEquals(new double[] {-0.5, 0.75, 0.5, -0.75}, out.latentGradient(), 1e-15);
        assertEquals(0, out.headGradient().length);
    }

    @Test
    void perfectSeparationCostsNothing() {
        // positives at distance 0, negatives beyond the margin
        LatentBatch batch = new LatentBatch(new BatchLayout.Pairs(new double[] {1, 0, 0}), 2,
                new double[] {1, 1, 0, 0, 0, 0, 1, 1, 1.5, 0, -0.8, 0.9});
        HeadOutput out = head.evaluate(batch, new double[0], defaults);
        assertEquals(0.0, out.loss());
        assertArrayEquals(new double[12], out.latentGradient(), 0.0, "±0 only");
    }

    @Test
    void sameProbabilityIsOneHalfHalfwayToTheMargin() {
        LatentBatch batch = new LatentBatch(new BatchLayout.Pairs(new double[] {1, 1, 0, 0}), 1,
                new double[] {0, 0, 0, 0, 0, 1, 2, 3});
        double[] p = head.evaluate(batch, new double[0], margin2).sameProbability();
        assertEquals(1 / (1 + Math.exp(-5)), p[0], 1e-15, "d = 0");
        assertEquals(0.5, p[1], 1e-15, "d = μ/2");
        assertEquals(1 / (1 + Math.exp(5)), p[2], 1e-15, "d = μ");
        assertTrue(p[3] < p[2], "decreasing in d");
    }

    @Test
    void aCollapsedNegativePairHasAFiniteLossAndZeroSubgradient() {
        LatentBatch batch = new LatentBatch(new BatchLayout.Pairs(new double[] {0}), 1, new double[] {0.3, 0.3});
        HeadOutput out = head.evaluate(batch, new double[0], defaults);
        assertEquals(1.0, out.loss());
        assertArrayEquals(new double[2], out.latentGradient(), 0.0, "±0 only");
    }
}
