package org.invariantlab.core.builtin;

import java.util.Objects;
import org.invariantlab.api.training.BatchLayout;
import org.invariantlab.api.training.LatentBatch;

/** Checks shared by the pair heads, and the numerically stable logistic functions they use. */
final class PairBatches {

    private PairBatches() {
    }

    /**
     * The pair layout of {@code batch}, after checking that it has at least one pair and that every label
     * lies in {@code [0, 1]}.
     *
     * @throws IllegalArgumentException naming the head if the batch is not a non-empty pair batch
     */
    static BatchLayout.Pairs pairs(LatentBatch batch, String headId) {
        Objects.requireNonNull(batch, "batch");
        if (!(batch.layout() instanceof BatchLayout.Pairs pairs)) {
            throw new IllegalArgumentException("the '" + headId + "' head scores pairs only, got a "
                    + batch.layout().getClass().getSimpleName() + " batch");
        }
        if (pairs.pairs() == 0) {
            throw new IllegalArgumentException("the '" + headId + "' head needs at least one pair");
        }
        for (double y : pairs.labels()) {
            if (!(y >= 0.0 && y <= 1.0)) {
                throw new IllegalArgumentException("the '" + headId + "' head needs labels in [0, 1], got " + y);
            }
        }
        return pairs;
    }

    /** Checks that {@code theta} has {@code expected} finite entries. */
    static void checkTheta(double[] theta, int expected, String headId) {
        Objects.requireNonNull(theta, "theta");
        if (theta.length != expected) {
            throw new IllegalArgumentException("the '" + headId + "' head has " + expected + " parameters, got "
                    + theta.length);
        }
        for (double t : theta) {
            if (!Double.isFinite(t)) {
                throw new IllegalArgumentException("the '" + headId + "' head got a non-finite parameter " + t);
            }
        }
    }

    /** The logistic function {@code σ(t) = 1/(1 + e^{−t})}, without overflow for any finite {@code t}. */
    static double sigmoid(double t) {
        if (t >= 0) {
            return 1.0 / (1.0 + Math.exp(-t));
        }
        double e = Math.exp(t);
        return e / (1.0 + e);
    }

    /**
     * {@code softplus(t) = log(1 + e^t) = max(t, 0) + log1p(e^{−|t|})}, exact to rounding and finite for every
     * finite {@code t}; it equals {@code −log σ(−t)}.
     */
    static double softplus(double t) {
        return Math.max(t, 0.0) + Math.log1p(Math.exp(-Math.abs(t)));
    }

    /**
     * {@code d² = |z_i − z'_i|²} for pair {@code i} of a pair batch whose {@code n} first members come first
     * and whose {@code k}-dimensional latents are row-major in {@code z}.
     */
    static double squaredDistance(double[] z, int n, int k, int i) {
        int first = i * k;
        int second = (n + i) * k;
        double d2 = 0;
        for (int j = 0; j < k; j++) {
            double diff = z[first + j] - z[second + j];
            d2 += diff * diff;
        }
        return d2;
    }

    /**
     * Writes the latent gradient of a pair loss that depends on pair {@code i} through {@code d²} only:
     * {@code ∂L/∂z_i = (a (z_i − z'_i)) w} and {@code ∂L/∂z'_i} its negative, so {@code ∂L/∂d² = a w / 2}. The
     * two factors are applied in this order so that each head keeps the rounding of its own formula.
     */
    static void setDistanceGradient(double[] z, int n, int k, int i, double a, double w, double[] gradient) {
        int first = i * k;
        int second = (n + i) * k;
        for (int j = 0; j < k; j++) {
            double g = a * (z[first + j] - z[second + j]) * w;
            gradient[first + j] = g;
            gradient[second + j] = -g;
        }
    }
}
