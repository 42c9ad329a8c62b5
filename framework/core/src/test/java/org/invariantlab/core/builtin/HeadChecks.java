package org.invariantlab.core.builtin;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.invariantlab.api.param.Parameters;
import org.invariantlab.api.training.BatchLayout;
import org.invariantlab.api.training.HeadOutput;
import org.invariantlab.api.training.LatentBatch;
import org.invariantlab.api.training.NetworkHead;
import org.invariantlab.testkit.FiniteDifferences;

/** Random pair batches and a finite-difference check of a head's analytic gradients. */
final class HeadChecks {

    /**
     * Largest accepted {@code ‖g − g_fd‖₂ / ‖g‖₂}. Central differences with the testkit's relative step
     * {@code ρ = 1e-6} have truncation error {@code ~ρ²|f'''| ≈ 1e-12} and rounding error
     * {@code ~ε|loss|/ρ ≈ 1e-10} per component, for losses of order one and gradient norms of order
     * {@code 1e-2..1}: about {@code 1e-8} relative, so this bound leaves a margin of a hundred while still
     * catching any wrong factor or sign.
     */
    static final double GRADIENT_TOLERANCE = 1e-6;

    private HeadChecks() {
    }

    /** {@code pairs} pairs of {@code k}-dimensional standard-normal latents with random 0/1 labels. */
    static LatentBatch randomBatch(SplittableRandom rng, int pairs, int k) {
        double[] labels = new double[pairs];
        for (int i = 0; i < pairs; i++) {
            labels[i] = rng.nextBoolean() ? 1 : 0;
        }
        double[] z = new double[2 * pairs * k];
        for (int i = 0; i < z.length; i++) {
            z[i] = gaussian(rng);
        }
        return new LatentBatch(new BatchLayout.Pairs(labels), k, z);
    }

    static double gaussian(SplittableRandom rng) {
        double u = 1 - rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.nextDouble());
    }

    /** Asserts that the head's latent and parameter gradients match central differences of its loss. */
    static void assertGradientsMatchFiniteDifferences(NetworkHead head, LatentBatch batch, double[] theta,
                                                      Parameters parameters) {
        HeadOutput out = head.evaluate(batch, theta, parameters);
        double[] fdLatents = FiniteDifferences.gradient(
                z -> head.evaluate(new LatentBatch(batch.layout(), batch.latentSize(), z), theta, parameters).loss(),
                batch.latents(), FiniteDifferences.DEFAULT_RELATIVE_STEP);
        assertClose("latent gradient", out.latentGradient(), fdLatents);
        if (theta.length > 0) {
            double[] fdTheta = FiniteDifferences.gradient(t -> head.evaluate(batch, t, parameters).loss(), theta,
                    FiniteDifferences.DEFAULT_RELATIVE_STEP);
            assertClose("parameter gradient", out.headGradient(), fdTheta);
        }
    }

    private static void assertClose(String what, double[] analytic, double[] numeric) {
        double diff = 0;
        double norm = 0;
        for (int i = 0; i < analytic.length; i++) {
            diff += (analytic[i] - numeric[i]) * (analytic[i] - numeric[i]);
            norm += analytic[i] * analytic[i];
        }
        double relative = Math.sqrt(diff / norm);
        assertTrue(norm > 0, what + " is zero");
        assertTrue(relative < GRADIENT_TOLERANCE, what + ": relative error " + relative);
    }
}
