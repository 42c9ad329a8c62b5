package org.invariantlab.plugins.dynamics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.invariantlab.api.param.Bound;
import org.invariantlab.api.param.ParameterSpec;
import org.invariantlab.api.param.Parameters;
import org.invariantlab.api.system.ConservedCounts;
import org.invariantlab.api.system.Feature;
import org.invariantlab.api.system.TrueInvariant;
import org.invariantlab.physics.dynamics.Dynamics;
import org.invariantlab.physics.dynamics.DynamicalSystem;
import org.invariantlab.physics.dynamics.Range;

/**
 * The periodic Toda lattice of {@code N} particles,
 * {@code H = Σ_i p_i²/2 + Σ_i exp(q_i − q_{i+1})}, {@code q_{N+1} = q_1}: {@code q̇_i = p_i},
 * {@code ṗ_i = exp(q_{i−1} − q_i) − exp(q_i − q_{i+1})}. It is integrable (M. Toda, J. Phys. Soc. Jpn. 22, 431
 * (1967); M. Hénon, Phys. Rev. B 9, 1921 (1974); H. Flaschka, Phys. Rev. B 9, 1924 (1974)): with Flaschka's
 * variables {@code a_i = exp((q_i − q_{i+1})/2)/2}, {@code b_i = −p_i/2} the symmetric periodic tridiagonal Lax
 * matrix {@code L} (diagonal {@code b}, off-diagonal and corner {@code a}) evolves isospectrally, so the traces
 * {@code I_k = tr(L^k)}, {@code k = 1..N}, are {@code N} independent conserved quantities in involution
 * ({@code I_1 = −P/2}, {@code I_2 = H/2}). Counts: {@code N} and {@code N}.
 *
 * <p>Gradients: {@code ∂I_k/∂p_j = −(k/2)·[L^{k−1}]_{jj}} and, since {@code ∂a_i/∂q_i = a_i/2 = −∂a_i/∂q_{i+1}},
 * {@code ∂I_k/∂q_j = k·([L^{k−1}]_{j,j+1}·a_j − [L^{k−1}]_{j−1,j}·a_{j−1})}. The Symja expression of {@code I_k} is
 * the expanded trace (a sum over closed walks of length {@code k} on the ring), generated here.
 *
 * <p>Initial states uniform in {@code [−1, 1]^{2N}}, kept when {@code |P| < maxMomentum} (default 10: all of
 * them); {@code tMax = 10}. With {@code P ≠ 0} the centre of mass drifts and functions of a torus angle and
 * {@code Q/P} are conserved as well; with {@code |P|} small, {@code Q} itself nearly is (docs/counting.md).
 *
 * <p><b>The centre of mass divided out</b> ({@code toda-N-relative}). The canonical change of variables
 * {@code r_i = q_i − q_{i+1}}, {@code s_i = Σ_{j≤i} (p_j − P/N)} ({@code i < N}), with {@code Q/N} and {@code P}
 * as the last pair, splits {@code H = P²/(2N) + H_rel}: the relative motion does not depend on {@code P}, and on its
 * {@code 2N − 2} variables
 * {@code H_rel = Σ_{j=1..N} (s_j − s_{j−1})²/2 + Σ_{i<N} exp(r_i) + exp(−Σ_{i<N} r_i)} ({@code s_0 = s_N = 0}),
 * {@code ṙ_i = p̃_i − p̃_{i+1}}, {@code ṡ_i = exp(−Σ r) − exp(r_i)} with {@code p̃_j = s_j − s_{j−1}}. Its conserved
 * quantities are {@code I_2..I_N} of the relative momenta ({@code I_1 = 0}): {@code N − 1} independent, in
 * involution, and the orbits fill {@code (N − 1)}-tori, with no drift to add global integrals. Initial {@code r_i},
 * {@code s_i} uniform in {@code [−1, 1]}. The exponentials {@code exp(q_i − q_{i+1})} (here {@code exp(r_i)},
 * {@code exp(−Σ r)}) are declared as features for the readers and the library nullspace.
 */
abstract class TodaLattice extends DynamicalSystem {

    /**
     * The smallest {@code maxMomentum}: the sum of {@code N ≤ 6} uniform momenta in {@code [−1, 1]} has a density of
     * at least 0.27 at 0, so {@code |P| < 0.01} admits about one draw in 200 (the sampler gives up after 10⁶); far
     * smaller bounds admitted nothing in 10⁶ draws.
     */
    static final double MIN_MAX_MOMENTUM = 0.01;

    private final int n;
    private final boolean relative;

    TodaLattice(int n) {
        super("toda-" + n, "periodic Toda lattice of " + n + " particles; invariants tr(L^k), k = 1.." + n
                + " (integrable: " + n + " independent, in involution)", positionsAndMomenta(n), 10.0,
                ParameterSpec.realIn("maxMomentum", 10, Bound.atLeast(MIN_MAX_MOMENTUM), Bound.atMost(100),
                        "initial states are kept when the total momentum |P| is below this"));
        this.n = n;
        this.relative = false;
    }

    /** The lattice of {@code n} particles with the centre of mass divided out (the class comment). */
    TodaLattice(int n, String idSuffix) {
        super("toda-" + n + idSuffix, "periodic Toda lattice of " + n + " particles with the centre of mass divided "
                + "out (r_i = q_i - q_i+1, s_i = cumulative relative momenta); invariants tr(L^k), k = 2.." + n + " ("
                + (n - 1) + " independent, in involution)", relativeSpace(n), 10.0);
        this.n = n;
        this.relative = true;
    }

    private static org.invariantlab.api.system.StateSpace relativeSpace(int n) {
        List<String> names = new ArrayList<>();
        List<Integer> q = new ArrayList<>();
        List<Integer> p = new ArrayList<>();
        for (int i = 1; i < n; i++) {
            q.add(names.size());
            names.add("r" + i);
        }
        for (int i = 1; i < n; i++) {
            p.add(names.size());
            names.add("s" + i);
        }
        return new org.invariantlab.api.system.StateSpace(names,
                java.util.Optional.of(new org.invariantlab.api.system.CanonicalLayout(q, p)));
    }

    @Override
    protected Dynamics dynamics(Parameters parameters) {
        return relative ? relativeDynamics() : fullDynamics(parameters);
    }

    private Dynamics fullDynamics(Parameters parameters) {
        List<TrueInvariant> invariants = new ArrayList<>();
        for (int k = 1; k <= n; k++) {
            int power = k;
            invariants.add(invariant("I" + k, expression(k, momenta(false), differences(false)),
                    "tr(L^" + k + ") of the Flaschka Lax matrix", s -> trace(lax(s), power), s -> gradient(s, power)));
        }
        Range[] ranges = new Range[2 * n];
        java.util.Arrays.fill(ranges, Range.symmetric(1));
        double maxMomentum = parameters.getDouble("maxMomentum");
        List<String> h = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            h.add("p" + i);
        }
        for (int i = 1; i <= n; i++) {
            int left = (i + n - 2) % n + 1;
            int right = i % n + 1;
            h.add("Exp(q" + left + " - q" + i + ") - Exp(q" + i + " - q" + right + ")");
        }
        return Dynamics.of(this::field, invariants, ranges).withFieldExpressions(h)
                .admitting(s -> Math.abs(momentum(s)) < maxMomentum)
                .withFeatures(features(false))
                .withCounts(ConservedCounts.of(n, n));
    }

    private Dynamics relativeDynamics() {
        List<TrueInvariant> invariants = new ArrayList<>();
        for (int k = 2; k <= n; k++) {
            int power = k;
            invariants.add(invariant("I" + k, expression(k, momenta(true), differences(true)),
                    "tr(L^" + k + ") of the Flaschka Lax matrix, centre of mass divided out",
                    y -> trace(lax(full(y)), power), y -> relativeGradient(gradient(full(y), power))));
        }
        Range[] ranges = new Range[2 * (n - 1)];
        java.util.Arrays.fill(ranges, Range.symmetric(1));
        List<String> m = momenta(true);
        List<String> e = differences(true);
        List<String> h = new ArrayList<>();
        for (int i = 0; i < n - 1; i++) {
            h.add(m.get(i) + " - " + m.get(i + 1));
        }
        for (int i = 0; i < n - 1; i++) {
            h.add("Exp(" + e.get(n - 1) + ") - Exp(" + e.get(i) + ")");
        }
        return Dynamics.of(y -> relativeField(full(y)), invariants, ranges).withFieldExpressions(h)
                .withFeatures(features(true)).withCounts(ConservedCounts.of(n - 1, n - 1));
    }

    /** The exponentials of the ring's edges, {@code exp(q_i − q_{i+1})}, as features (class comment). */
    private Feature[] features(boolean rel) {
        List<String> e = differences(rel);
        Feature[] out = new Feature[n];
        for (int i = 0; i < n; i++) {
            int edge = i;
            out[i] = new Feature("e" + (i + 1), "Exp(" + e.get(i) + ")",
                    y -> {
                        double[] s = rel ? full(y) : y;
                        return Math.exp(s[edge] - s[(edge + 1) % n]);
                    });
        }
        return out;
    }

    /** The momenta {@code p_i} as expressions over the variables: {@code p_i}, or {@code s_i − s_{i−1}}. */
    private List<String> momenta(boolean rel) {
        List<String> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            if (!rel) {
                out.add("p" + i);
            } else if (i == 1) {
                out.add("s1");
            } else if (i == n) {
                out.add("(-s" + (n - 1) + ")");
            } else {
                out.add("(s" + i + " - s" + (i - 1) + ")");
            }
        }
        return out;
    }

    /** The edge differences {@code q_i − q_{i+1}} as expressions: themselves, or {@code r_i} and {@code −Σ r}. */
    private List<String> differences(boolean rel) {
        List<String> out = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            if (!rel) {
                out.add("q" + i + " - q" + (i % n + 1));
            } else if (i < n) {
                out.add("r" + i);
            } else {
                StringBuilder sum = new StringBuilder();
                for (int j = 1; j < n; j++) {
                    sum.append("-r").append(j);
                }
                out.add(sum.toString());
            }
        }
        return out;
    }

    /** The full state {@code (q, p)} of relative variables {@code (r, s)}: {@code q_N = 0}, {@code P = 0}. */
    private double[] full(double[] y) {
        double[] s = new double[2 * n];
        for (int i = n - 2; i >= 0; i--) {
            s[i] = s[i + 1] + y[i]; // q_i = q_{i+1} + r_i
        }
        for (int i = 0; i < n; i++) {
            double current = i < n - 1 ? y[n - 1 + i] : 0;
            double previous = i > 0 ? y[n - 1 + i - 1] : 0;
            s[n + i] = current - previous;
        }
        return s;
    }

    /**
     * A gradient over {@code (q, p)} taken to {@code (r, s)}: {@code ∂/∂r_i = Σ_{j≤i} ∂/∂q_j} (since
     * {@code q_j = Σ_{m≥j} r_m}), {@code ∂/∂s_i = ∂/∂p_i − ∂/∂p_{i+1}}.
     */
    private double[] relativeGradient(double[] g) {
        double[] out = new double[2 * (n - 1)];
        double sum = 0;
        for (int i = 0; i < n - 1; i++) {
            sum += g[i];
            out[i] = sum;
            out[n - 1 + i] = g[n + i] - g[n + i + 1];
        }
        return out;
    }

    private double momentum(double[] s) {
        double t = 0;
        for (int i = 0; i < n; i++) {
            t += s[n + i];
        }
        return t;
    }

    private double[] field(double[] s) {
        double[] h = new double[2 * n];
        for (int i = 0; i < n; i++) {
            h[i] = s[n + i];
            double left = Math.exp(s[(i + n - 1) % n] - s[i]);
            double right = Math.exp(s[i] - s[(i + 1) % n]);
            h[n + i] = left - right;
        }
        return h;
    }

    /**
     * The relative field at the full state {@code s} (the class comment): {@code ṙ_i = p_i − p_{i+1}},
     * {@code ṡ_i = exp(q_N − q_1) − exp(q_i − q_{i+1})}.
     */
    private double[] relativeField(double[] s) {
        double[] h = new double[2 * (n - 1)];
        double wrap = Math.exp(s[n - 1] - s[0]);
        for (int i = 0; i < n - 1; i++) {
            h[i] = s[n + i] - s[n + i + 1];
            h[n - 1 + i] = wrap - Math.exp(s[i] - s[i + 1]);
        }
        return h;
    }

    private double[][] lax(double[] s) {
        double[][] l = new double[n][n];
        for (int i = 0; i < n; i++) {
            l[i][i] = -s[n + i] / 2;
            double a = Math.exp((s[i] - s[(i + 1) % n]) / 2) / 2;
            l[i][(i + 1) % n] += a;
            l[(i + 1) % n][i] += a;
        }
        return l;
    }

    private double[][] power(double[][] l, int k) {
        double[][] r = new double[n][n];
        for (int i = 0; i < n; i++) {
            r[i][i] = 1;
        }
        for (int step = 0; step < k; step++) {
            double[][] next = new double[n][n];
            for (int i = 0; i < n; i++) {
                for (int m = 0; m < n; m++) {
                    double v = r[i][m];
                    if (v != 0) {
                        for (int j = 0; j < n; j++) {
                            next[i][j] += v * l[m][j];
                        }
                    }
                }
            }
            r = next;
        }
        return r;
    }

    private double trace(double[][] l, int k) {
        double[][] p = power(l, k);
        double t = 0;
        for (int i = 0; i < n; i++) {
            t += p[i][i];
        }
        return t;
    }

    private double[] gradient(double[] s, int k) {
        double[][] l = lax(s);
        double[][] m = power(l, k - 1);
        double[] g = new double[2 * n];
        for (int j = 0; j < n; j++) {
            g[n + j] = -k * m[j][j] / 2;
            int next = (j + 1) % n;
            int prev = (j + n - 1) % n;
            double aj = Math.exp((s[j] - s[next]) / 2) / 2;
            double aPrev = Math.exp((s[prev] - s[j]) / 2) / 2;
            // ∂tr(L^k)/∂a_i = 2k [L^{k−1}]_{i,i+1}; a_j grows with q_j, a_{j−1} falls with q_j
            g[j] = k * (m[j][next] * aj - m[prev][j] * aPrev);
        }
        return g;
    }

    /**
     * The expanded {@code tr(L^k)} in Symja syntax over {@code q1..qN, p1..pN}: the sum over closed walks of length
     * {@code k} on the ring (a step stays at {@code i} with weight {@code b_i} or moves to a neighbour across the
     * edge {@code i} with weight {@code a_i}), collected into monomials.
     */
    String expression(int k) {
        return expression(k, momenta(relative), differences(relative));
    }

    private String expression(int k, List<String> momentum, List<String> difference) {
        Map<String, Long> monomials = new TreeMap<>();
        int[] exponents = new int[2 * n]; // b_0..b_{n-1}, a_0..a_{n-1}
        for (int start = 0; start < n; start++) {
            walk(start, start, k, exponents, monomials);
        }
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Long> e : monomials.entrySet()) {
            String[] parts = e.getKey().split(",");
            StringBuilder term = new StringBuilder();
            long coefficient = e.getValue();
            int halves = 0;
            StringBuilder exponent = new StringBuilder();
            for (int i = 0; i < n; i++) {
                int eb = Integer.parseInt(parts[i]);
                if (eb > 0) {
                    term.append("*").append(momentum.get(i)).append(eb > 1 ? "^" + eb : "");
                    halves += eb;
                    if (eb % 2 == 1) {
                        coefficient = -coefficient;
                    }
                }
            }
            for (int i = 0; i < n; i++) {
                int ea = Integer.parseInt(parts[n + i]);
                if (ea > 0) {
                    halves += ea;
                    String factor = ea % 2 == 0 ? (ea == 2 ? "" : (ea / 2) + "*") : ea + "/2*";
                    exponent.append(exponent.length() == 0 ? "" : " + ").append(factor).append("(")
                            .append(difference.get(i)).append(")");
                }
            }
            if (exponent.length() > 0) {
                term.append("*Exp(").append(exponent).append(")");
            }
            long denominator = 1L << halves;
            long magnitude = Math.abs(coefficient);
            long g = java.math.BigInteger.valueOf(magnitude).gcd(java.math.BigInteger.valueOf(denominator)).longValue();
            String number = (magnitude / g) + (denominator / g == 1 ? "" : "/" + (denominator / g));
            sb.append(coefficient < 0 ? (sb.length() == 0 ? "-" : " - ") : (sb.length() == 0 ? "" : " + "))
                    .append(number).append(term);
        }
        return sb.toString();
    }

    private void walk(int start, int at, int left, int[] exponents, Map<String, Long> out) {
        if (left == 0) {
            if (at == start) {
                StringBuilder key = new StringBuilder();
                for (int i = 0; i < exponents.length; i++) {
                    key.append(i == 0 ? "" : ",").append(exponents[i]);
                }
                out.merge(key.toString(), 1L, Long::sum);
            }
            return;
        }
        exponents[at]++;
        walk(start, at, left - 1, exponents, out);
        exponents[at]--;
        int next = (at + 1) % n;
        exponents[n + at]++;
        walk(start, next, left - 1, exponents, out);
        exponents[n + at]--;
        int prev = (at + n - 1) % n;
        exponents[n + prev]++;
        walk(start, prev, left - 1, exponents, out);
        exponents[n + prev]--;
    }
}
