package org.invariantlab.plugins.dynamics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import org.invariantlab.api.param.Bound;
import org.invariantlab.api.param.ParameterSpec;
import org.invariantlab.api.param.Parameters;
import org.invariantlab.api.system.ConservedCounts;
import org.invariantlab.api.system.TrueInvariant;
import org.invariantlab.physics.dynamics.DynamicalSystem;
import org.invariantlab.physics.dynamics.Dynamics;
import org.invariantlab.physics.dynamics.Range;

/**
 * The rational Calogero–Moser system of {@code N} particles on a line,
 * {@code H = Σ_i p_i²/2 + g² Σ_{i<j} 1/(q_i − q_j)²}: {@code q̇_i = p_i},
 * {@code ṗ_i = 2g² Σ_{j≠i} 1/(q_i − q_j)³}. Its Lax matrix {@code L_jj = p_j}, {@code L_jk = i·g/(q_j − q_k)}
 * ({@code j ≠ k}) is Hermitian and evolves isospectrally (J. Moser, Adv. Math. 16, 197 (1975); F. Calogero,
 * Lett. Nuovo Cimento 13, 411 (1975)), so {@code I_k = tr(L^k)}, {@code k = 1..N}, are {@code N} conserved
 * quantities in involution ({@code I_1 = P}, {@code I_2 = 2H}). The system is superintegrable — {@code 2N − 1}
 * independent conserved quantities (S. Wojciechowski, Phys. Lett. A 95, 279 (1983)) — but the extra ones are not
 * listed here, so only the count in involution is declared ({@link ConservedCounts}: independent unknown).
 *
 * <p>Gradients: {@code ∂I_k/∂p_j = k·[L^{k−1}]_{jj}} and, since {@code ∂L_jl/∂q_m = −i·g·(δ_jm − δ_lm)/(q_j − q_l)²},
 * {@code ∂I_k/∂q_m = k·Re Σ_{j≠l} [L^{k−1}]_{lj}·(−i g)(δ_jm − δ_lm)/(q_j − q_l)²}. The Symja expression of
 * {@code I_k} is the real part of the sum over closed walks of length {@code k} on the complete graph with loops,
 * generated here.
 *
 * <p>The particles repel and fly apart; initial positions are uniform in {@code [−2, 2]} with every pair at least
 * 0.4 apart, momenta uniform in {@code [−1, 1]}; {@code tMax = 5}.
 */
abstract class CalogeroMoser extends DynamicalSystem {

    private final int n;

    CalogeroMoser(int n) {
        super("calogero-moser-" + n, "rational Calogero-Moser system of " + n + " particles; invariants tr(L^k), "
                        + "k = 1.." + n + " (" + n + " in involution; superintegrable)", positionsAndMomenta(n), 5.0,
                ParameterSpec.realIn("g", 1.0, Bound.above(0), Bound.atMost(10), "coupling g"));
        this.n = n;
    }

    @Override
    protected Dynamics dynamics(Parameters parameters) {
        double g = parameters.getDouble("g");
        List<TrueInvariant> invariants = new ArrayList<>();
        for (int k = 1; k <= n; k++) {
            int power = k;
            invariants.add(invariant("I" + k, expression(k, g), "tr(L^" + k + ") of the Moser Lax matrix",
                    s -> trace(s, g, power), s -> gradient(s, g, power)));
        }
        Range[] ranges = new Range[2 * n];
        for (int i = 0; i < n; i++) {
            ranges[i] = Range.symmetric(2);
            ranges[n + i] = Range.symmetric(1);
        }
        List<String> h = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            h.add("p" + i);
        }
        for (int i = 1; i <= n; i++) {
            StringBuilder f = new StringBuilder();
            for (int j = 1; j <= n; j++) {
                if (j != i) {
                    f.append(f.length() == 0 ? "" : " + ").append("2*").append(number(g * g)).append("/(q").append(i)
                            .append(" - q").append(j).append(")^3");
                }
            }
            h.add(f.toString());
        }
        return Dynamics.of(s -> field(s, g), invariants, ranges).withFieldExpressions(h).admitting(this::separated)
                .withCounts(new ConservedCounts(OptionalInt.empty(), OptionalInt.of(n)));
    }

    private boolean separated(double[] s) {
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (Math.abs(s[i] - s[j]) < 0.4) {
                    return false;
                }
            }
        }
        return true;
    }

    private double[] field(double[] s, double g) {
        double[] h = new double[2 * n];
        for (int i = 0; i < n; i++) {
            h[i] = s[n + i];
            double f = 0;
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    double d = s[i] - s[j];
                    f += 2 * g * g / (d * d * d);
                }
            }
            h[n + i] = f;
        }
        return h;
    }

    /** {@code L^k} as real and imaginary parts. */
    private double[][][] power(double[] s, double g, int k) {
        double[][] re = new double[n][n];
        double[][] im = new double[n][n];
        for (int i = 0; i < n; i++) {
            re[i][i] = 1;
        }
        double[][] lr = new double[n][n];
        double[][] li = new double[n][n];
        for (int j = 0; j < n; j++) {
            lr[j][j] = s[n + j];
            for (int l = 0; l < n; l++) {
                if (l != j) {
                    li[j][l] = g / (s[j] - s[l]);
                }
            }
        }
        for (int step = 0; step < k; step++) {
            double[][] nr = new double[n][n];
            double[][] ni = new double[n][n];
            for (int a = 0; a < n; a++) {
                for (int m = 0; m < n; m++) {
                    for (int b = 0; b < n; b++) {
                        nr[a][b] += re[a][m] * lr[m][b] - im[a][m] * li[m][b];
                        ni[a][b] += re[a][m] * li[m][b] + im[a][m] * lr[m][b];
                    }
                }
            }
            re = nr;
            im = ni;
        }
        return new double[][][] {re, im};
    }

    private double trace(double[] s, double g, int k) {
        double[][] re = power(s, g, k)[0];
        double t = 0;
        for (int i = 0; i < n; i++) {
            t += re[i][i];
        }
        return t;
    }

    private double[] gradient(double[] s, double g, int k) {
        double[][][] m = power(s, g, k - 1);
        double[][] re = m[0];
        double[][] im = m[1];
        double[] out = new double[2 * n];
        for (int j = 0; j < n; j++) {
            out[n + j] = k * re[j][j];
        }
        // ∂I/∂q_m = k Re Σ_{j≠l} M_lj (−i g)(δ_jm − δ_lm)/(q_j − q_l)²; Re(M·(−i)) = Im M
        for (int j = 0; j < n; j++) {
            for (int l = 0; l < n; l++) {
                if (l == j) {
                    continue;
                }
                double d = s[j] - s[l];
                double c = k * g * im[l][j] / (d * d);
                out[j] += c;
                out[l] -= c;
            }
        }
        return out;
    }

    /**
     * The real part of the expanded {@code tr(L^k)} in Symja syntax: closed walks of length {@code k}; a loop at
     * {@code j} weighs {@code p_j}, a move {@code j → l} weighs {@code i·g/(q_j − q_l)}, written with {@code j < l} and
     * a sign. A walk with {@code m} moves carries {@code i^m}; the odd ones cancel in pairs.
     */
    String expression(int k, double g) {
        Map<String, Long> terms = new TreeMap<>();
        walk(0, 0, k, new int[n], new int[n * n], 0, 1, terms, true);
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Long> e : terms.entrySet()) {
            long c = e.getValue();
            if (c == 0) {
                continue;
            }
            sb.append(c < 0 ? (sb.length() == 0 ? "-" : " - ") : (sb.length() == 0 ? "" : " + "));
            String body = e.getKey();
            int moves = Integer.parseInt(body.substring(0, body.indexOf('|')));
            String factors = body.substring(body.indexOf('|') + 1);
            List<String> parts = new ArrayList<>();
            if (Math.abs(c) != 1 || factors.isEmpty()) {
                parts.add(String.valueOf(Math.abs(c)));
            }
            if (moves > 0 && g != 1) {
                parts.add(number(Math.pow(g, moves)));
            }
            if (!factors.isEmpty()) {
                parts.add(factors);
            }
            sb.append(String.join("*", parts));
        }
        return sb.length() == 0 ? "0" : sb.toString();
    }

    /** Enumerates closed walks from every start; collects real parts (i^m with m even) by monomial. */
    private void walk(int start, int at, int left, int[] loops, int[] moves, int count, int sign, Map<String, Long> out,
                      boolean first) {
        if (first) {
            for (int s0 = 0; s0 < n; s0++) {
                walk(s0, s0, left, loops, moves, 0, 1, out, false);
            }
            return;
        }
        if (left == 0) {
            if (at != start || count % 2 == 1) {
                return;
            }
            int real = (count / 2) % 2 == 0 ? sign : -sign; // i^count for even count
            out.merge(key(loops, moves, count), (long) real, Long::sum);
            return;
        }
        loops[at]++;
        walk(start, at, left - 1, loops, moves, count, sign, out, false);
        loops[at]--;
        for (int l = 0; l < n; l++) {
            if (l == at) {
                continue;
            }
            int a = Math.min(at, l);
            int b = Math.max(at, l);
            // 1/(q_at − q_l) = ±1/(q_a − q_b)
            int s = at < l ? 1 : -1;
            moves[a * n + b]++;
            walk(start, l, left - 1, loops, moves, count + 1, sign * s, out, false);
            moves[a * n + b]--;
        }
    }

    private String key(int[] loops, int[] moves, int count) {
        StringBuilder k = new StringBuilder().append(count).append('|');
        List<String> f = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (loops[i] > 0) {
                f.add("p" + (i + 1) + (loops[i] > 1 ? "^" + loops[i] : ""));
            }
        }
        for (int a = 0; a < n; a++) {
            for (int b = a + 1; b < n; b++) {
                int e = moves[a * n + b];
                if (e > 0) {
                    f.add("(q" + (a + 1) + " - q" + (b + 1) + ")^(-" + e + ")");
                }
            }
        }
        k.append(String.join("*", f));
        return k.toString();
    }
}
