package org.invariantlab.core.builtin;

import java.util.List;
import org.invariantlab.api.param.ParameterSpec;
import org.invariantlab.api.param.Parameters;
import org.invariantlab.api.training.GradientBatch;
import org.invariantlab.api.training.GradientLoss;
import org.invariantlab.api.training.Penalty;

/**
 * AI Poincaré 2.0's loss for {@code n} jointly trained conserved quantities (Liu, Madhavan, Tegmark, Phys. Rev. E
 * 106, 045307 (2022), Eq. (3)): with {@code ĥ = h/|h|} the unit vector field and {@code ĝ_k = ∇f_k/|∇f_k|},
 * <pre>
 *   L = (1/n)·Σ_k E[(ĥ·ĝ_k)²] + ν·(2/(n(n−1)))·Σ_{k&lt;l} E[(ĝ_k·ĝ_l)²]
 * </pre>
 * The first term makes each {@code f_k} conserved ({@code ḟ_k = ∇f_k·h = 0}), the second keeps the gradients
 * apart, so that the {@code n} functions are independent. Both terms depend only on directions, so the loss is
 * blind to each {@code f_k}'s scale. The gradient with respect to {@code g_k}, for {@code c = ĥ·ĝ_k} and
 * {@code p = ĝ_k·ĝ_l}:
 * <pre>
 *   ∂c/∂g_k = (ĥ − c·ĝ_k)/|g_k|,    ∂p/∂g_k = (ĝ_l − p·ĝ_k)/|g_k|
 * </pre>
 * Norms are regularised as {@code |g| = √(g·g + ε²)} with {@code ε = }{@value #EPSILON}, so a vanishing gradient
 * neither divides by zero nor dominates. Needs the system's vector field.
 */
public final class GradientOrthogonalityLoss implements GradientLoss {

    /** The extension id. */
    public static final String ID = "gradient-orthogonality";

    /** Weight of the independence term. */
    public static final String NU = "nu";

    /** Norm regulariser. */
    static final double EPSILON = 1e-12;

    private static final List<ParameterSpec> PARAMETERS = List.of(
            ParameterSpec.real(NU, 1.0, 0.0, 1e6, "weight nu of the pairwise orthogonality term"));

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "(1/n) sum_k E[(h.g_k)^2] + nu (2/(n(n-1))) sum_{k<l} E[(g_k.g_l)^2] on unit gradients "
                + "(AI Poincare 2.0, Liu, Madhavan, Tegmark 2022)";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMETERS;
    }

    @Override
    public Penalty evaluate(GradientBatch batch, Parameters parameters) {
        double nu = parameters.getDouble(NU);
        int rows = batch.rows();
        int d = batch.dimension();
        int n = batch.outputs();
        double[] jac = batch.jacobian();
        double[] field = batch.vectorField();
        if (field.length == 0) {
            throw new IllegalArgumentException("gradient-orthogonality needs the system's vector field h(x)");
        }
        double[] grad = new double[jac.length];
        double[] unit = new double[n * d];
        double[] norm = new double[n];
        double[] hat = new double[d];
        double conservationWeight = 1.0 / (n * (double) rows);
        double pairWeight = n > 1 ? nu * 2.0 / (n * (n - 1.0) * rows) : 0.0;
        double value = 0;
        for (int r = 0; r < rows; r++) {
            double hn = 0;
            for (int i = 0; i < d; i++) {
                hn += field[r * d + i] * field[r * d + i];
            }
            hn = Math.sqrt(hn + EPSILON * EPSILON);
            for (int i = 0; i < d; i++) {
                hat[i] = field[r * d + i] / hn;
            }
            for (int k = 0; k < n; k++) {
                int base = (r * n + k) * d;
                double s = 0;
                for (int i = 0; i < d; i++) {
                    s += jac[base + i] * jac[base + i];
                }
                norm[k] = Math.sqrt(s + EPSILON * EPSILON);
                for (int i = 0; i < d; i++) {
                    unit[k * d + i] = jac[base + i] / norm[k];
                }
            }
            for (int k = 0; k < n; k++) {
                int base = (r * n + k) * d;
                double c = dot(hat, 0, unit, k * d, d);
                value += conservationWeight * c * c;
                double f = 2 * conservationWeight * c / norm[k];
                for (int i = 0; i < d; i++) {
                    grad[base + i] += f * (hat[i] - c * unit[k * d + i]);
                }
                for (int l = k + 1; l < n; l++) {
                    int baseL = (r * n + l) * d;
                    double p = dot(unit, k * d, unit, l * d, d);
                    value += pairWeight * p * p;
                    double fk = 2 * pairWeight * p / norm[k];
                    double fl = 2 * pairWeight * p / norm[l];
                    for (int i = 0; i < d; i++) {
                        grad[base + i] += fk * (unit[l * d + i] - p * unit[k * d + i]);
                        grad[baseL + i] += fl * (unit[k * d + i] - p * unit[l * d + i]);
                    }
                }
            }
        }
        return new Penalty(value, grad);
    }

    private static double dot(double[] a, int ao, double[] b, int bo, int d) {
        double s = 0;
        for (int i = 0; i < d; i++) {
            s += a[ao + i] * b[bo + i];
        }
        return s;
    }
}
