package org.invariantlab.core.builtin;

import java.util.List;
import org.invariantlab.api.param.ParameterSpec;
import org.invariantlab.api.param.Parameters;
import org.invariantlab.api.training.BatchLayout;
import org.invariantlab.api.training.HeadOutput;
import org.invariantlab.api.training.LatentBatch;

/**
 * The siamese distance-logistic head: {@code p(same)} is a logistic function of the squared latent distance,
 * trained with binary cross-entropy.
 *
 * <p>For pair {@code i} with latents {@code z_i = f(x_i)}, {@code z'_i = f(x'_i)} in {@code R^k} and label
 * {@code y_i ∈ {0, 1}} (1 = same group), and learned parameters {@code θ = (a, log b)}:
 * <pre>
 *   d_i²    = Σ_j (z_ij − z'_ij)²
 *   ℓ_i     = a − b·d_i²,             b = exp(log b) &gt; 0
 *   p_i     = σ(ℓ_i) = p(same)
 *   loss    = (1/B) Σ_i [ softplus(ℓ_i) − y_i·ℓ_i ]      (= mean binary cross-entropy −y log p − (1−y) log(1−p))
 *   ∂loss/∂ℓ_i      = (p_i − y_i)/B
 *   ∂loss/∂z_ij     = −2b (z_ij − z'_ij) ∂loss/∂ℓ_i,   ∂loss/∂z'_ij = −∂loss/∂z_ij
 *   ∂loss/∂a        = Σ_i ∂loss/∂ℓ_i,                   ∂loss/∂log b = −Σ_i b d_i² ∂loss/∂ℓ_i
 * </pre>
 * The cross-entropy is evaluated as {@code softplus(ℓ) − yℓ} with a stable softplus, so it stays finite
 * (and exact) for logits of any size. Parametrising {@code b} by its logarithm keeps it positive, so the
 * probability always decreases with the distance. Pairs are {@link BatchLayout.Pairs}: rows {@code [0, B)}
 * hold the first members, rows {@code [B, 2B)} the second members.
 *
 * <p>Reference: S. J. Wetzel, R. G. Melko, J. Scott, M. Panju, V. Ganesh, Phys. Rev. Research 2, 033499
 * (2020) (an affine function of the squared latent distance as logit); the learned {@code a} and
 * {@code b = exp(log b)} follow the reference measurements in the project's methods notes, where a
 * parameter-free {@code p = exp(−d²)} did not train.
 *
 * <p>Defaults: {@code initialA = 2}, {@code initialLogB = 0} put the decision boundary {@code p = 1/2} at
 * {@code d² = a/b = 2}, the mean squared distance {@code E|z − z'|² = 2} of two independent latents of unit
 * variance (a freshly He-initialised network with {@code k = 1}): at the start the head is undecided
 * between the classes, with gradients of order one on both, and a pair at zero distance has
 * {@code p = σ(2) ≈ 0.88}, far from saturation.
 */
public final class DistanceLogisticHead extends PairHead {

    /** The extension id. */
    public static final String ID = "distance-logistic";

    /** Initial value of {@code a}. */
    public static final String INITIAL_A = "initialA";

    /** Initial value of {@code log b}. */
    public static final String INITIAL_LOG_B = "initialLogB";

    private static final List<ParameterSpec> PARAMETERS = List.of(
            ParameterSpec.real(INITIAL_A, 2.0, -50.0, 50.0, "initial offset a of the logit a - b*d^2"),
            ParameterSpec.real(INITIAL_LOG_B, 0.0, -20.0, 20.0, "initial log b of the logit a - b*d^2"));

    /** Creates the head; it has no state. */
    public DistanceLogisticHead() {
        super(ID, "p(same) = sigmoid(a - b*|z - z'|^2) with learned a and log b, binary cross-entropy (Wetzel et al. 2020)", PARAMETERS);
    }

    /** {@code θ = (initialA, initialLogB)}. */
    @Override
    public double[] initialParameters(Parameters parameters) {
        return new double[] {parameters.getDouble(INITIAL_A), parameters.getDouble(INITIAL_LOG_B)};
    }

    @Override
    public HeadOutput evaluate(LatentBatch batch, double[] theta, Parameters parameters) {
        BatchLayout.Pairs pairs = PairBatches.pairs(batch, ID);
        PairBatches.checkTheta(theta, 2, ID);
        int n = pairs.pairs();
        int k = batch.latentSize();
        double[] z = batch.latents();
        double[] y = pairs.labels();
        double a = theta[0];
        double b = Math.exp(theta[1]);
        double[] latentGradient = new double[z.length];
        double[] p = new double[n];
        double loss = 0;
        double gradA = 0;
        double gradLogB = 0;
        for (int i = 0; i < n; i++) {
            double d2 = PairBatches.squaredDistance(z, n, k, i);
            double logit = a - b * d2;
            loss += PairBatches.softplus(logit) - y[i] * logit;
            p[i] = PairBatches.sigmoid(logit);
            double dLogit = (p[i] - y[i]) / n;
            gradA += dLogit;
            gradLogB -= b * d2 * dLogit;
            PairBatches.setDistanceGradient(z, n, k, i, -2.0 * b, dLogit, latentGradient);
        }
        return new HeadOutput(loss / n, latentGradient, new double[] {gradA, gradLogB}, p);
    }
}
