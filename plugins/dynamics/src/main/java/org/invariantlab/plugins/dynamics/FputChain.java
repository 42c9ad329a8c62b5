package org.invariantlab.plugins.dynamics;

import java.util.List;
import org.invariantlab.api.param.Bound;
import org.invariantlab.api.param.ParameterSpec;
import org.invariantlab.api.param.Parameters;
import org.invariantlab.api.system.ConservedCounts;
import org.invariantlab.physics.dynamics.Dynamics;
import org.invariantlab.physics.dynamics.DynamicalSystem;
import org.invariantlab.physics.dynamics.Range;

/**
 * The periodic α-Fermi–Pasta–Ulam–Tsingou chain of {@code N} particles,
 * {@code H = Σ_i p_i²/2 + Σ_i V(q_{i+1} − q_i)}, {@code V(r) = r²/2 + α·r³/3}, {@code q_{N+1} = q_1}:
 * {@code q̇_i = p_i}, {@code ṗ_i = V'(q_{i+1} − q_i) − V'(q_i − q_{i−1})}, {@code V'(r) = r + α r²}. It conserves
 * the energy {@code H} and the total momentum {@code P = Σ p_i} (in involution) and, being non-integrable
 * (E. Fermi, J. Pasta, S. Ulam, LA-1940 (1955); for the α chain see G. Benettin, H. Christodoulidi, A. Ponno,
 * J. Stat. Phys. 152, 195 (2013)), nothing else globally: counts 2 and 2. At low energy the chain is close to the
 * integrable Toda lattice and quantities nearly conserved over long times exist — the hard case for a count.
 *
 * <p>Initial states uniform in {@code [−w, w]^{2N}}, {@code w = 0.5/max(1, α)}, kept when {@code H < 0.9/(6α²)} and every bond
 * {@code q_{i+1} − q_i > −1/α}: then no bond can reach the barrier of the cubic potential at {@code r = −1/α}
 * (where {@code V = 1/(6α²)}), and the motion stays bounded in the bond coordinates. The box shrinks with α
 * because {@code q → q/α, p → p/α} maps the chain of coupling 1 onto that of coupling α with {@code H → H/α²}:
 * the admission rate is then that of α = 1 for every α ≥ 1 (at α = 10 a fixed box admitted nothing in 10⁶ draws). {@code tMax = 200}: over
 * shorter spans the near-Toda quantities change too little to be told from invariants (measured with
 * {@code invariantlab count --system fput-3}, seed 1: {@code tMax = 50} counted 1 in involution, and 4 independent
 * with 400 epochs; {@code tMax = 200} counted 2 and 2; docs/results.md).
 */
abstract class FputChain extends DynamicalSystem {

    private final int n;

    FputChain(int n) {
        super("fput-" + n, "periodic alpha-FPUT chain of " + n + " particles; invariants H and P (non-integrable: 2, "
                + "in involution)", positionsAndMomenta(n), 200.0,
                ParameterSpec.realIn("alpha", 1.0, Bound.above(0), Bound.atMost(10), "cubic coupling alpha"));
        this.n = n;
    }

    @Override
    protected Dynamics dynamics(Parameters parameters) {
        double alpha = parameters.getDouble("alpha");
        StringBuilder e = new StringBuilder();
        for (int i = 1; i <= n; i++) {
            e.append(i == 1 ? "" : " + ").append("p").append(i).append("^2/2");
        }
        for (int i = 1; i <= n; i++) {
            String r = "(q" + (i % n + 1) + " - q" + i + ")";
            e.append(" + ").append(r).append("^2/2 + ").append(number(alpha / 3)).append("*").append(r).append("^3");
        }
        StringBuilder p = new StringBuilder();
        for (int i = 1; i <= n; i++) {
            p.append(i == 1 ? "" : " + ").append("p").append(i);
        }
        Range[] ranges = new Range[2 * n];
        // with q = q'/α and p = p'/α the chain of coupling α is the chain of coupling 1 at energy scale 1/α²
        // (V(r) = (r'²/2 + r'³/3)/α²), so a box shrunk by α keeps the admission rate of α = 1 for every α ≥ 1
        java.util.Arrays.fill(ranges, Range.symmetric(0.5 / Math.max(1, alpha)));
        return Dynamics.of(s -> field(s, alpha), List.of(
                        invariant("P", p.toString(), "total momentum", this::momentum, s -> momentumGradient()),
                        invariant("H", e.toString(), "energy", s -> energy(s, alpha), s -> energyGradient(s, alpha))),
                        ranges)
                .withFieldExpressions(fieldExpressions(alpha))
                .admitting(s -> energy(s, alpha) < 0.9 / (6 * alpha * alpha) && bondsAbove(s, -1 / alpha))
                .withCounts(ConservedCounts.of(2, 2));
    }

    /** {@code q̇_i = p_i}, {@code ṗ_i = V'(r_i) − V'(r_{i−1})} with {@code r_i = q_{i+1} − q_i}, as formulas. */
    private List<String> fieldExpressions(double alpha) {
        List<String> h = new java.util.ArrayList<>();
        for (int i = 1; i <= n; i++) {
            h.add("p" + i);
        }
        for (int i = 1; i <= n; i++) {
            String right = "(q" + (i % n + 1) + " - q" + i + ")";
            String left = "(q" + i + " - q" + ((i + n - 2) % n + 1) + ")";
            h.add(right + " + " + number(alpha) + "*" + right + "^2 - " + left + " - " + number(alpha) + "*" + left + "^2");
        }
        return h;
    }

    private boolean bondsAbove(double[] s, double limit) {
        for (int i = 0; i < n; i++) {
            if (s[(i + 1) % n] - s[i] <= limit) {
                return false;
            }
        }
        return true;
    }

    private double momentum(double[] s) {
        double t = 0;
        for (int i = 0; i < n; i++) {
            t += s[n + i];
        }
        return t;
    }

    private double[] momentumGradient() {
        double[] g = new double[2 * n];
        java.util.Arrays.fill(g, n, 2 * n, 1.0);
        return g;
    }

    private double energy(double[] s, double alpha) {
        double t = 0;
        for (int i = 0; i < n; i++) {
            double r = s[(i + 1) % n] - s[i];
            t += s[n + i] * s[n + i] / 2 + r * r / 2 + alpha * r * r * r / 3;
        }
        return t;
    }

    /** {@code V'(r) = r + α r²} of bond {@code i} (between particles i and i+1). */
    private double force(double[] s, int i, double alpha) {
        double r = s[(i + 1) % n] - s[i];
        return r + alpha * r * r;
    }

    private double[] energyGradient(double[] s, double alpha) {
        double[] g = new double[2 * n];
        for (int i = 0; i < n; i++) {
            g[i] = force(s, (i + n - 1) % n, alpha) - force(s, i, alpha);
            g[n + i] = s[n + i];
        }
        return g;
    }

    private double[] field(double[] s, double alpha) {
        double[] g = energyGradient(s, alpha);
        double[] h = new double[2 * n];
        for (int i = 0; i < n; i++) {
            h[i] = g[n + i];
            h[n + i] = -g[i];
        }
        return h;
    }
}
