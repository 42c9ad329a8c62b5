package org.invariantlab.core.builtin;

import java.util.List;
import org.invariantlab.api.param.Bound;
import org.invariantlab.api.param.ParameterSpec;
import org.invariantlab.api.param.Parameters;
import org.invariantlab.api.training.BatchLayout;
import org.invariantlab.api.training.HeadOutput;
import org.invariantlab.api.training.LatentBatch;

/**
 * The contrastive (margin) loss on latent distances: positives are pulled together, negatives pushed
 * apart until they are at least a margin {@code μ} away.
 *
 * <p>For pair {@code i} with latents {@code z_i, z'_i ∈ R^k}, label {@code y_i} (1 = same group) and
 * {@code d_i = |z_i − z'_i|}:
 * <pre>
 *   loss  = (1/B) Σ_i [ y_i d_i² + (1 − y_i) max(0, μ − d_i)² ]
 *   ∂loss/∂z_i  = (2/B) [ y_i − (1 − y_i) max(0, μ − d_i)/d_i ] (z_i − z'_i),   ∂loss/∂z'_i = −∂loss/∂z_i
 * </pre>
 * The loss is continuously differentiable except at {@code d_i = 0} for a negative pair, where the margin
 * term {@code (μ − d)²} has a cone-shaped kink; there the head returns the zero vector, which belongs to the
 * (Clarke) subdifferential. The head has no learned parameters. Reference: R. Hadsell, S. Chopra, Y. LeCun,
 * "Dimensionality reduction by learning an invariant mapping", CVPR 2006, pp. 1735–1742, Eq. (4) with
 * {@code L_S = d²} and {@code L_D = max(0, μ − d)²} (their factors 1/2 dropped).
 *
 * <p>So that pair accuracy at threshold 1/2 is defined, the head reports
 * {@code p(same) = σ(κ(μ/2 − d))} with {@code κ = 10/μ}: a decreasing function of the distance, equal to
 * 1/2 halfway to the margin, {@code σ(5) ≈ 0.993} at {@code d = 0} and {@code σ(−5) ≈ 0.007} at
 * {@code d = μ}. It does not enter the loss.
 *
 * <p>Default margin {@code μ = 1}: the margin only sets the scale of the latent (any {@code μ} is equivalent
 * after rescaling the network's last layer), and 1 matches the unit scale of the latents of a freshly
 * He-initialised network, so training does not first have to grow or shrink the output.
 */
public final class ContrastiveHead extends PairHead {

    /** The extension id. */
    public static final String ID = "contrastive";

    /** The margin {@code μ}. */
    public static final String MARGIN = "margin";

    /** Steepness of {@code p(same)} in units of the inverse margin: {@code κ = SHARPNESS/μ}. */
    public static final double SHARPNESS = 10.0;

    private static final List<ParameterSpec> PARAMETERS = List.of(
            ParameterSpec.realIn(MARGIN, 1.0, Bound.above(0), Bound.atMost(1e6), "distance beyond which negative pairs cost nothing"));

    /** Creates the head; it has no state. */
    public ContrastiveHead() {
        super(ID, "contrastive margin loss y*d^2 + (1-y)*max(0, margin - d)^2 (Hadsell, Chopra, LeCun 2006)", PARAMETERS);
    }

    @Override
    public HeadOutput evaluate(LatentBatch batch, double[] theta, Parameters parameters) {
        BatchLayout.Pairs pairs = PairBatches.pairs(batch, ID);
        PairBatches.checkTheta(theta, 0, ID);
        double margin = parameters.getDouble(MARGIN);
        if (!(margin > 0) || !Double.isFinite(margin)) {
            throw new IllegalArgumentException("the '" + ID + "' head needs a positive finite margin, got " + margin);
        }
        double kappa = SHARPNESS / margin;
        int n = pairs.pairs();
        int k = batch.latentSize();
        double[] z = batch.latents();
        double[] y = pairs.labels();
        double[] latentGradient = new double[z.length];
        double[] p = new double[n];
        double loss = 0;
        for (int i = 0; i < n; i++) {
            double d2 = PairBatches.squaredDistance(z, n, k, i);
            double d = Math.sqrt(d2);
            double gap = Math.max(0.0, margin - d);
            loss += y[i] * d2 + (1 - y[i]) * gap * gap;
            p[i] = PairBatches.sigmoid(kappa * (margin / 2 - d));
            double push = d > 0 ? (1 - y[i]) * gap / d : 0.0;
            PairBatches.setDistanceGradient(z, n, k, i, 2.0 * (y[i] - push) / n, 1.0, latentGradient);
        }
        return new HeadOutput(loss / n, latentGradient, new double[0], p);
    }
}
