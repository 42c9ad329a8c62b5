package org.invariantlab.core.builtin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import org.junit.jupiter.api.Test;

class DistanceLogisticHeadTest {

    private final DistanceLogisticHead head = new DistanceLogisticHead();
    private final Parameters defaults = Parameters.resolve(head.id(), head.parameters(), Map.of());

    @Test
    void gradientsMatchCentralDifferences() {
        SplittableRandom rng = new SplittableRandom(7);
        for (int k : new int[] {1, 3}) {
            LatentBatch batch = HeadChecks.randomBatch(rng, 32, k);
            HeadChecks.assertGradientsMatchFiniteDifferences(head, batch, new double[] {0.7, Math.log(0.8)}, defaults);
            HeadChecks.assertGradientsMatchFiniteDifferences(head, batch, head.initialParameters(defaults), defaults);
        }
    }

    @Test
    void lossIsTheMeanBinaryCrossEntropy() {
        // one positive at d² = 1 and one negative at d² = 4, a = 2, b = 1: logits 1 and -2
        LatentBatch batch = new LatentBatch(new BatchLayout.Pairs(new double[] {1, 0}), 1, new double[] {0, 0, 1, 2});
        HeadOutput out = head.evaluate(batch, new double[] {2, 0}, defaults);
        double p1 = 1 / (1 + Math.exp(-1));
        double p2 = 1 / (1 + Math.exp(2));
        assertEquals((-Math.log(p1) - Math.log(1 - p2)) / 2, out.loss(), 1e-15);
        assertArrayEquals(new double[] {p1, p2}, out.sameProbability(), 1e-15);
    }

    @Test
    void perfectSeparationDrivesTheLossToZero() {
        // positives at distance 0, negatives at distance 2; logits a and a - 4b
        LatentBatch batch = new LatentBatch(new BatchLayout.Pairs(new double[] {1, 1, 0, 0}), 1,
                new double[] {0.5, -1, 0, 3, 0.5, -1, 2, 1});
        double previous = Double.POSITIVE_INFINITY;
        for (double scale : new double[] {1, 2, 4, 8}) {
            HeadOutput out = head.evaluate(batch, new double[] {2.5 * scale, Math.log(1.25 * scale)}, defaults);
            assertTrue(out.loss() < previous);
            previous = out.loss();
        }
        // at scale 8 the logits are ±20, so each term is softplus(-20) ≈ 2.1e-9
        assertTrue(previous < 1e-8, "loss " + previous);
    }

    @Test
    void extremeLogitsStayFinite() {
        LatentBatch batch = new LatentBatch(new BatchLayout.Pairs(new double[] {0, 1}), 1, new double[] {0, 0, 0, 30});
        HeadOutput out = head.evaluate(batch, new double[] {800, 0}, defaults);
        // pair 1: logit 800 for a negative costs 800; pair 2: logit 800 - 900 = -100 for a positive costs 100
        assertEquals(450.0, out.loss(), 1e-12);
        assertTrue(Double.isFinite(out.headGradient()[0]) && Double.isFinite(out.latentGradient()[3]));
        assertArrayEquals(new double[] {1.0, Math.exp(-100)}, out.sameProbability(), 1e-300);
    }

    @Test
    void defaultsAndLayout() {
        assertArrayEquals(new double[] {2.0, 0.0}, head.initialParameters(defaults));
        assertEquals("distance-logistic", head.id());
        assertTrue(head.accepts(new BatchLayout.Pairs(new double[] {1})));
        assertFalse(head.accepts(new BatchLayout.Grouped(2, 3, 1)));
        LatentBatch groups = new LatentBatch(new BatchLayout.Grouped(1, 2, 0), 1, new double[] {0, 1});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> head.evaluate(groups, new double[] {2, 0}, defaults));
        assertEquals("the 'distance-logistic' head scores pairs only, got a Grouped batch", e.getMessage());
        LatentBatch pair = new LatentBatch(new BatchLayout.Pairs(new double[] {1}), 1, new double[] {0, 1});
        assertThrows(IllegalArgumentException.class, () -> head.evaluate(pair, new double[] {2}, defaults));
    }
}
