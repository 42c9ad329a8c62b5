package org.invariantlab.plugins.deflation;

import java.util.List;
import java.util.Optional;
import org.invariantlab.api.param.ParameterSpec;
import org.invariantlab.api.param.Parameters;
import org.invariantlab.api.system.CanonicalLayout;
import org.invariantlab.api.training.GradientBatch;
import org.invariantlab.api.training.GradientLoss;
import org.invariantlab.api.training.Penalty;
import org.invariantlab.api.training.StagePlan;
import org.pf4j.Extension;

/**
 * Neural deflation (W. Zhu, H.-K. Zhang, P. G. Kevrekidis, Phys. Rev. E 108, L022301 (2023)): for the
 * {@code k}-th network, trained with the networks {@code j < k} frozen,
 * <pre>
 *   L_k = E_z[ ((ĥ·ĝ_k)² + Σ_{j&lt;k} {ĝ_k, ĝ_j}²)/k  /  ‖(I − QQᵀ)ĝ_k‖^{2α} ]
 * </pre>
 * with {@code ĥ = h/|h|}, {@code ĝ = ∇f/|∇f|}, {@code Q} an orthonormal basis of the earlier unit gradients at
 * {@code z} (Gram–Schmidt), {@code {a, b} = Σ_i (a_{q_i} b_{p_i} − a_{p_i} b_{q_i})} the canonical Poisson bracket
 * (only when the system declares a (q, p) layout and {@value #BRACKET} is true) and {@code α ∈ {0.5, 1}}. The
 * quotient is taken per state, as the authors' code does: the denominator blows up where the new gradient falls
 * into the span of the old ones. With the bracket the stages find quantities in involution; without it, all
 * independent ones.
 *
 * <p>Gradient, per state with {@code N} the numerator, {@code r = (I − QQᵀ)ĝ}, {@code D = |r|²}, {@code c = ĥ·ĝ},
 * {@code b_j = {ĝ, ĝ_j}} and {@code Ω} the symplectic matrix ({@code b_j = ĝᵀΩĝ_j}):
 * <pre>
 *   ∂T/∂ĝ = (2c·ĥ + Σ_j 2b_j·Ωĝ_j)/(k·D^α) − α·N/(k·D^{α+1})·2r,     ∂T/∂g = (I − ĝĝᵀ)(∂T/∂ĝ)/|g|
 * </pre>
 * Norms are regularised as {@code √(|v|² + ε²)}, {@code ε = }{@value #EPSILON}, and {@code D} is floored at
 * {@value #MIN_RESIDUAL}, so a state where the gradients are exactly dependent gives a large, finite loss.
 */
@Extension
public final class NeuralDeflationLoss implements GradientLoss {

    /** The extension id. */
    public static final String ID = "neural-deflation";

    /** Exponent α of the deflation denominator. */
    public static final String ALPHA = "alpha";

    /** Whether to add the Poisson-bracket (involution) term when the system has a canonical layout. */
    public static final String BRACKET = "bracket";

    static final double EPSILON = 1e-12;
    static final double MIN_RESIDUAL = 1e-12;

    private static final List<ParameterSpec> PARAMETERS = List.of(
            ParameterSpec.choice(ALPHA, "1", List.of("0.5", "1"), "exponent alpha of the denominator |(I - QQ^T) g|^(2 alpha)"),
            ParameterSpec.bool(BRACKET, true, "add the Poisson brackets with the earlier invariants (in involution); "
                    + "only for systems with a (q, p) layout"));

    /** Built by PF4J. */
    public NeuralDeflationLoss() {
        // stateless
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "neural deflation: ((h.g_k)^2 + sum_j {g_k, g_j}^2)/k / |(I - QQ^T) g_k|^(2 alpha), networks one after "
                + "another (Zhu, Zhang, Kevrekidis 2023)";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMETERS;
    }

    @Override
    public StagePlan stagePlan(Parameters parameters) {
        return StagePlan.SEQUENTIAL;
    }

    @Override
    public Penalty evaluate(GradientBatch batch, Parameters parameters) {
        if (batch.outputs() != 1) {
            throw new IllegalArgumentException("neural deflation trains one output per stage, got " + batch.outputs());
        }
        double alpha = Double.parseDouble(parameters.getString(ALPHA));
        Optional<CanonicalLayout> layout = parameters.getBoolean(BRACKET) ? batch.canonical() : Optional.empty();
        int rows = batch.rows();
        int d = batch.dimension();
        int earlier = batch.frozenOutputs();
        int k = earlier + 1;
        double[] jac = batch.jacobian();
        double[] frozen = batch.frozenJacobian();
        double[] field = batch.vectorField();
        if (field.length == 0) {
            throw new IllegalArgumentException("neural deflation needs the system's vector field h(x)");
        }
        double[] grad = new double[jac.length];
        double[] hat = new double[d];
        double[] g = new double[d];
        double[][] old = new double[earlier][d];
        double[][] basis = new double[earlier][d];
        double[] r = new double[d];
        double[] dT = new double[d];
        double[] v = new double[d];
        int[] qs = layout.map(cl -> cl.positions().stream().mapToInt(Integer::intValue).toArray()).orElse(new int[0]);
        int[] ps = layout.map(cl -> cl.momenta().stream().mapToInt(Integer::intValue).toArray()).orElse(new int[0]);
        boolean squareRoot = alpha == 0.5;
        double value = 0;
        for (int row = 0; row < rows; row++) {
            unit(field, row * d, d, hat);
            double gNorm = unit(jac, row * d, d, g);
            int rank = 0;
            for (int j = 0; j < earlier; j++) {
                unit(frozen, (row * earlier + j) * d, d, old[j]);
                // Gram–Schmidt (twice, for stability) of the earlier unit gradients
                System.arraycopy(old[j], 0, v, 0, d);
                for (int pass = 0; pass < 2; pass++) {
                    for (int b = 0; b < rank; b++) {
                        double p = dot(v, basis[b], d);
                        for (int i = 0; i < d; i++) {
                            v[i] -= p * basis[b][i];
                        }
                    }
                }
                double n = Math.sqrt(dot(v, v, d));
                if (n > 1e-8) {
                    for (int i = 0; i < d; i++) {
                        basis[rank][i] = v[i] / n;
                    }
                    rank++;
                }
            }
            System.arraycopy(g, 0, r, 0, d);
            for (int b = 0; b < rank; b++) {
                double p = dot(g, basis[b], d);
                for (int i = 0; i < d; i++) {
                    r[i] -= p * basis[b][i];
                }
            }
            double residual = Math.max(dot(r, r, d), MIN_RESIDUAL);
            double c = dot(hat, g, d);
            double numerator = c * c;
            for (int i = 0; i < d; i++) {
                dT[i] = 2 * c * hat[i];
            }
            for (int j = 0; j < earlier && qs.length > 0; j++) {
                double[] o = old[j];
                double bj = 0;
                for (int m = 0; m < qs.length; m++) {
                    bj += g[qs[m]] * o[ps[m]] - g[ps[m]] * o[qs[m]];
                }
                numerator += bj * bj;
                for (int m = 0; m < qs.length; m++) {
                    dT[qs[m]] += 2 * bj * o[ps[m]];
                    dT[ps[m]] -= 2 * bj * o[qs[m]];
                }
            }
            // residual^alpha without pow for the two allowed exponents
            double power = squareRoot ? Math.sqrt(residual) : residual;
            double denominator = k * power;
            double term = numerator / denominator;
            value += term / rows;
            double shrink = alpha * numerator / (k * power * residual);
            for (int i = 0; i < d; i++) {
                dT[i] = dT[i] / denominator - shrink * 2 * r[i];
            }
            double along = dot(g, dT, d);
            for (int i = 0; i < d; i++) {
                grad[row * d + i] = (dT[i] - along * g[i]) / gNorm / rows;
            }
        }
        return new Penalty(value, grad);
    }

    /** Writes {@code v/|v|} into {@code out}; returns the regularised norm. */
    private static double unit(double[] a, int offset, int d, double[] out) {
        double s = 0;
        for (int i = 0; i < d; i++) {
            s += a[offset + i] * a[offset + i];
        }
        double n = Math.sqrt(s + EPSILON * EPSILON);
        for (int i = 0; i < d; i++) {
            out[i] = a[offset + i] / n;
        }
        return n;
    }

    private static double dot(double[] a, double[] b, int d) {
        double s = 0;
        for (int i = 0; i < d; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
