package org.invariantlab.plugins.hajeong;

import java.util.List;
import java.util.Objects;
import org.invariantlab.api.param.Bound;
import org.invariantlab.api.param.ParameterSpec;
import org.invariantlab.api.param.Parameters;
import org.invariantlab.api.training.BatchLayout;
import org.invariantlab.api.training.HeadOutput;
import org.invariantlab.api.training.LatentBatch;
import org.invariantlab.api.training.NetworkHead;
import org.pf4j.Extension;

/**
 * Ha &amp; Jeong's noise-variance loss over whole groups ("ConservNet").
 *
 * <p>For a batch of {@code G} groups ({@link BatchLayout.Grouped}), group {@code g} with latents
 * {@code a_gj = F_c(x_gj)}, {@code j = 1..m}, of its states and {@code b_gj = F_c(x_gj + δ_gj)},
 * {@code j = 1..p}, of its perturbed states, for each latent {@code c = 1..k}:
 * <pre>
 *   V_g  = Var_j a_gj = Σ_j (a_gj − ā_g)²/(m − 1),      W_g = Var_j b_gj = Σ_j (b_gj − b̄_g)²/(p − 1)
 *   L    = (1/G) Σ_g Σ_c [ V_g + β_g·|Q − W_g| ]                  (β_g = β unless betaRatio is set, below)
 *   ∂L/∂a_gj = 2(a_gj − ā_g)/((m − 1)·G)
 *   ∂L/∂b_gj = −β_g·sgn(Q − W_g)·2(b_gj − b̄_g)/((p − 1)·G)     (sgn 0 = 0, the subgradient at the kink)
 * </pre>
 * The first term makes {@code F} constant on a group; the second makes it change by the prescribed spread
 * {@code Q} off the group, which excludes the constant solution and fixes the scale. The variance is the
 * unbiased one, as {@code torch.var} in the authors' code. With several latents ({@code k > 1}) the loss is
 * the sum of each latent's loss, so every latent is trained by exactly the paper's loss; keeping them apart
 * is left to an independence penalty. The head has no learned parameters and reports no pair
 * probabilities.
 *
 * <p><b>The weight of the spread term ({@code betaRatio}).</b> Scaling a latent by {@code λ} scales {@code V} and
 * {@code W} by {@code λ²}, so below the target ({@code W < Q}) the loss changes with {@code λ²} at the rate
 * {@code V − β·W}: whenever {@code β < V/W} a smaller latent has a smaller loss, and training can slide to the
 * constant network (loss {@code β·Q}); whenever {@code β > V/W}, the smaller {@code β} the more the loss asks for
 * constancy on the group. A fixed {@code β} is therefore too large for an easy invariant (Ha &amp; Jeong's S1 at
 * {@code β = 1}: within-group spread 0.12) and too small for a hard one (S2 at {@code β = 0.1} collapsed in three
 * seeds of three). With {@code betaRatio = κ > 0} each group's weight is
 * <pre>
 *   β_g = min(β, κ·V_g/W_g),    L = (1/G) Σ_g Σ_c [ V_g + β_g·|Q − W_g| ],
 * </pre>
 * with {@code β_g} held fixed in the gradient (a weight, not a term: the gradient returned is then that of the loss
 * at fixed weights, not its total derivative, which would add {@code ∂β_g/∂z·|Q − W_g|}). Where {@code κ·V/W ≤ β}
 * the rate above is {@code V − κ·V < 0} for {@code κ > 1}, so the latent keeps its scale; where {@code β} is the
 * smaller, it is {@code V − β·W}, negative as long as {@code β > V/W}. The weight is thus a margin {@code κ} above the
 * least weight {@code V/W} that keeps the scale, and falls with it as the network becomes constant on the groups;
 * {@code 0 < κ ≤ 1} would let the latent shrink and is refused. The margin absorbs the noise of one group's
 * {@code V_g/W_g}: measured
 * (2026-12-07, five systems × three seeds, docs/results.md) {@code κ = 2} still collapsed on S2, S3 and Kepler,
 * {@code κ = 5} and {@code 10} did not, and {@code κ = 30} is back to {@code β} on S2 and S3. {@code κ = 0} (the
 * default) is the paper's fixed weight. This weighting is this project's, not the paper's.
 *
 * <p>Defaults {@code β = 1}, {@code Q = 1}, {@code betaRatio = 0}. Reference: S. Ha, H. Jeong, "Discovering invariants via machine
 * learning", Phys. Rev. Research 3, L042035 (2021), arXiv:2102.04008.
 */
@Extension
public final class NoiseVarianceHead implements NetworkHead {

    /** The extension id. */
    public static final String ID = "noise-variance";

    /** Parameter: weight {@code β ≥ 0} of the perturbation term. */
    public static final String BETA = "beta";

    /** Parameter: target variance {@code Q > 0} of the latents of the perturbed states. */
    public static final String Q = "Q";

    /** Parameter: {@code κ}, 0 or above 1; above 1 each group's weight is {@code min(β, κ·V_g/W_g)} (0: always {@code β}). */
    public static final String BETA_RATIO = "betaRatio";

    private static final List<ParameterSpec> PARAMETERS = List.of(
            ParameterSpec.realIn(BETA, 1.0, Bound.atLeast(0.0), Bound.atMost(1e6),
                    "weight beta of the term |Q - Var F(x + delta)|"),
            ParameterSpec.realIn(Q, 1.0, Bound.above(0.0), Bound.atMost(1e6),
                    "target variance Q of the network on the perturbed states of a group"),
            ParameterSpec.realIn(BETA_RATIO, 0.0, Bound.atLeast(0.0), Bound.atMost(1e6),
                    "0 (the paper's fixed beta) or above 1: each group's weight is min(beta, betaRatio*V/W), a margin "
                            + "betaRatio above the least weight V/W that keeps the latent's scale"));

    /** Built by PF4J (or the host's injector); stateless. */
    public NoiseVarianceHead() {
        // stateless
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "per group Var F(x) + beta*|Q - Var F(x + delta)|, averaged over groups (Ha & Jeong 2021); "
                + "betaRatio > 1 weighs each group by min(beta, betaRatio*V/W)";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMETERS;
    }

    /** Groups with at least two states and two perturbed states each. */
    @Override
    public boolean accepts(BatchLayout layout) {
        return layout instanceof BatchLayout.Grouped g && g.perGroup() >= 2 && g.perturbedPerGroup() >= 2;
    }

    @Override
    public HeadOutput evaluate(LatentBatch batch, double[] theta, Parameters parameters) {
        Objects.requireNonNull(batch, "batch");
        Objects.requireNonNull(parameters, "parameters");
        if (!(batch.layout() instanceof BatchLayout.Grouped layout) || !accepts(layout)) {
            throw new IllegalArgumentException("the '" + ID + "' head scores groups of at least 2 states and 2 perturbed"
                    + " states, got " + batch.layout());
        }
        if (theta != null && theta.length != 0) {
            throw new IllegalArgumentException("the '" + ID + "' head has no parameters, got " + theta.length);
        }
        double beta = parameters.getDouble(BETA);
        double q = parameters.getDouble(Q);
        double ratio = parameters.getDouble(BETA_RATIO);
        if (ratio > 0 && ratio <= 1) {
            throw new IllegalArgumentException("betaRatio must be 0 (off) or above 1, got " + ratio + ": at or below 1 "
                    + "the weighted loss lets the latent shrink to a constant (the head's documentation)");
        }
        int groups = layout.groups();
        int m = layout.perGroup();
        int p = layout.perturbedPerGroup();
        int k = batch.latentSize();
        double[] z = batch.latents();
        double[] grad = new double[z.length];
        int perturbedStart = groups * m;
        double loss = 0;
        for (int g = 0; g < groups; g++) {
            for (int c = 0; c < k; c++) {
                int a0 = g * m;
                double am = mean(z, a0, m, k, c);
                double v = 0;
                for (int j = 0; j < m; j++) {
                    double e = z[(a0 + j) * k + c] - am;
                    v += e * e;
                }
                v /= m - 1;
                int b0 = perturbedStart + g * p;
                double bm = mean(z, b0, p, k, c);
                double w = 0;
                for (int j = 0; j < p; j++) {
                    double e = z[(b0 + j) * k + c] - bm;
                    w += e * e;
                }
                w /= p - 1;
                double weight = ratio > 0 && w > 0 ? Math.min(beta, ratio * v / w) : beta;
                loss += v + weight * Math.abs(q - w);
                double ga = 2.0 / ((m - 1) * (double) groups);
                for (int j = 0; j < m; j++) {
                    int i = (a0 + j) * k + c;
                    grad[i] = ga * (z[i] - am);
                }
                double gb = -weight * Math.signum(q - w) * 2.0 / ((p - 1) * (double) groups);
                for (int j = 0; j < p; j++) {
                    int i = (b0 + j) * k + c;
                    grad[i] = gb * (z[i] - bm);
                }
            }
        }
        return new HeadOutput(loss / groups, grad, new double[0], new double[0]);
    }

    /** Mean of latent {@code c} over rows {@code [from, from + n)}. */
    private static double mean(double[] z, int from, int n, int k, int c) {
        double s = 0;
        for (int j = 0; j < n; j++) {
            s += z[(from + j) * k + c];
        }
        return s / n;
    }
}
