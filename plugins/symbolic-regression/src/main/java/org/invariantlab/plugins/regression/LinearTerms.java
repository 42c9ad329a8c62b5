package org.invariantlab.plugins.regression;

import java.util.ArrayList;
import java.util.List;

/**
 * The coefficients of a tree's additive terms, fitted in closed form: evolution finds the shapes of the terms
 * {@code T_1 … T_k} of a sum, linear algebra their weights. For {@code F = Σ c_t T_t} the misalignment with the
 * network's unit gradient direction {@code u(x)} is
 * <pre>
 *   δ(c) = mean_x |P⊥(x) Σ_t c_t ∇T_t(x)|² / |Σ_t c_t ∇T_t(x)|²,   P⊥ = 1 − u uᵀ,
 * </pre>
 * a mean of Rayleigh quotients. It is minimised as one generalised Rayleigh quotient {@code cᵀAc / cᵀBc} with
 * {@code A = Σ_x w_x G_x P⊥ G_xᵀ}, {@code B = Σ_x w_x G_x G_xᵀ} ({@code G_x} the k×d matrix of term gradients), the
 * weights {@code w_x = 1/|Σ c_t ∇T_t(x)|²} iterated from the previous solution (iteratively reweighted, starting
 * from {@code 1/Σ_t |∇T_t|²}): the smallest generalised eigenvector. This is the library nullspace of the polynomial
 * reader (methods §12) over a library that evolution proposes — the constants that genetic programming finds worst
 * (the 3 and ½ of {@code x0 − 3 x1 x2 + x3²/2}) are never searched for.
 */
final class LinearTerms {

    /** Sums of more terms are left as evolution wrote them (a k×k eigenproblem per tree stays cheap). */
    static final int MAX_TERMS = 8;

    /** Reweighting rounds after the first solve. */
    static final int REWEIGHT = 2;

    /** Generalised eigen-directions of B below this fraction of its largest eigenvalue are redundant terms. */
    static final double RANK_TOL = 1e-10;

    private LinearTerms() {
    }

    /** A tree with fitted weights and its misalignment. */
    record Fit(Expr expr, double delta) {
    }

    /** A term of a sum and the sign it carries in the tree. */
    private record Term(Expr expr, int sign) {
    }

    /**
     * The tree {@code e} with its top-level terms reweighted, or {@code null} when {@code e} is not a sum of at least
     * two terms with variables (at most {@link #MAX_TERMS}), or the fit fails; the plain tree is compared as well,
     * and the better of the two is returned.
     */
    static Fit fit(Expr e, double[][] states, double[][] directions) {
        List<Term> terms = new ArrayList<>();
        flatten(e, 1, terms);
        terms.removeIf(t -> !hasVariable(t.expr()));
        if (terms.size() < 2 || terms.size() > MAX_TERMS) {
            return null;
        }
        int k = terms.size();
        int n = states.length;
        double[][][] g = new double[n][][]; // g[i][t] = ∇T_t at state i; null where some term has no real gradient
        for (int i = 0; i < n; i++) {
            if (directions[i] == null) {
                continue;
            }
            double[][] gi = new double[k][];
            boolean ok = true;
            for (int t = 0; t < k && ok; t++) {
                gi[t] = SymbolicRegressionInterpreter.Fitness.gradient(terms.get(t).expr(), states[i]);
                for (double v : gi[t]) {
                    ok &= Double.isFinite(v);
                }
            }
            g[i] = ok ? gi : null;
        }
        double[] signs = new double[k];
        for (int t = 0; t < k; t++) {
            signs[t] = terms.get(t).sign();
        }
        double plain = misalignment(g, directions, signs);
        double[] c = solve(g, directions, null);
        for (int round = 0; round < REWEIGHT && c != null; round++) {
            double[] next = solve(g, directions, c);
            c = next == null ? c : next;
        }
        double fitted = c == null ? Double.NaN : misalignment(g, directions, c);
        if (!(fitted < plain) && Double.isFinite(plain)) {
            return null; // evolution's own weights are as good: keep the tree as written
        }
        if (!Double.isFinite(fitted)) {
            return null;
        }
        // largest weight 1, so that the weights read as simple fractions
        double largest = 0;
        for (double v : c) {
            largest = Math.abs(v) > Math.abs(largest) ? v : largest;
        }
        Expr sum = null;
        for (int t = 0; t < k; t++) {
            double w = c[t] / largest;
            if (w == 0) {
                continue;
            }
            Expr term = new Expr.Call("mul", new Expr.Constant(w), terms.get(t).expr());
            sum = sum == null ? term : new Expr.Call("add", sum, term);
        }
        return sum == null ? null : new Fit(sum, fitted);
    }

    private static void flatten(Expr e, int sign, List<Term> out) {
        if (e instanceof Expr.Call call) {
            switch (call.op) {
                case "add" -> {
                    flatten(call.args[0], sign, out);
                    flatten(call.args[1], sign, out);
                    return;
                }
                case "sub" -> {
                    flatten(call.args[0], sign, out);
                    flatten(call.args[1], -sign, out);
                    return;
                }
                case "neg" -> {
                    flatten(call.args[0], -sign, out);
                    return;
                }
                default -> {
                }
            }
        }
        out.add(new Term(e, sign));
    }

    private static boolean hasVariable(Expr e) {
        if (e instanceof Expr.Variable) {
            return true;
        }
        if (e instanceof Expr.Call call) {
            for (Expr a : call.args) {
                if (hasVariable(a)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The gradient of {@code Σ c_t T_t} at state {@code i}. */
    private static double[] combined(double[][] gi, double[] c) {
        double[] out = new double[gi[0].length];
        for (int t = 0; t < c.length; t++) {
            for (int j = 0; j < out.length; j++) {
                out[j] += c[t] * gi[t][j];
            }
        }
        return out;
    }

    /** Mean {@code 1 − cos²}, with the rule of {@code Fitness.misalignment}: NaN when over a fifth of states fail. */
    static double misalignment(double[][][] g, double[][] directions, double[] c) {
        double sum = 0;
        int used = 0;
        int bad = 0;
        for (int i = 0; i < g.length; i++) {
            if (directions[i] == null) {
                continue;
            }
            used++;
            double[] v = g[i] == null ? null : combined(g[i], c);
            double norm = v == null ? Double.NaN : SymbolicRegressionInterpreter.norm(v);
            if (!(norm > 0) || !Double.isFinite(norm)) {
                bad++;
                sum += 1;
                continue;
            }
            double dot = 0;
            for (int j = 0; j < v.length; j++) {
                dot += v[j] * directions[i][j];
            }
            dot /= norm;
            sum += 1 - Math.min(1, dot * dot);
        }
        return used == 0 || bad > used / 5 ? Double.NaN : sum / used;
    }

    /** The smallest generalised eigenvector of (A, B), weighted by {@code previous} (or the term norms). */
    private static double[] solve(double[][][] g, double[][] directions, double[] previous) {
        int k = -1;
        double[][] a = null;
        double[][] b = null;
        for (int i = 0; i < g.length; i++) {
            double[][] gi = g[i];
            if (gi == null) {
                continue;
            }
            if (a == null) {
                k = gi.length;
                a = new double[k][k];
                b = new double[k][k];
            }
            double w;
            if (previous == null) {
                double s = 0;
                for (double[] row : gi) {
                    for (double v : row) {
                        s += v * v;
                    }
                }
                w = s;
            } else {
                double nrm = SymbolicRegressionInterpreter.norm(combined(gi, previous));
                w = nrm * nrm;
            }
            if (!(w > 0) || !Double.isFinite(w)) {
                continue;
            }
            double[] u = directions[i];
            double[] along = new double[k];
            for (int t = 0; t < k; t++) {
                for (int j = 0; j < u.length; j++) {
                    along[t] += gi[t][j] * u[j];
                }
            }
            for (int s = 0; s < k; s++) {
                for (int t = s; t < k; t++) {
                    double dot = 0;
                    for (int j = 0; j < u.length; j++) {
                        dot += gi[s][j] * gi[t][j];
                    }
                    b[s][t] += dot / w;
                    a[s][t] += (dot - along[s] * along[t]) / w;
                }
            }
        }
        if (a == null) {
            return null;
        }
        for (int s = 0; s < k; s++) {
            for (int t = 0; t < s; t++) {
                a[s][t] = a[t][s];
                b[s][t] = b[t][s];
            }
        }
        // whiten B on its range: W = V_r Λ_r^{-1/2}; then the smallest eigenvector y of Wᵀ A W gives c = W y
        Eigen eb = Eigen.of(b);
        double top = eb.values()[k - 1];
        if (!(top > 0)) {
            return null;
        }
        List<double[]> columns = new ArrayList<>();
        for (int r = 0; r < k; r++) {
            if (eb.values()[r] > RANK_TOL * top) {
                double[] col = new double[k];
                double scale = 1 / Math.sqrt(eb.values()[r]);
                for (int s = 0; s < k; s++) {
                    col[s] = eb.vectors()[s][r] * scale;
                }
                columns.add(col);
            }
        }
        int m = columns.size();
        double[][] c = new double[m][m];
        for (int p = 0; p < m; p++) {
            for (int q = 0; q < m; q++) {
                double sum = 0;
                for (int s = 0; s < k; s++) {
                    for (int t = 0; t < k; t++) {
                        sum += columns.get(p)[s] * a[s][t] * columns.get(q)[t];
                    }
                }
                c[p][q] = sum;
            }
        }
        Eigen ec = Eigen.of(c);
        double[] out = new double[k];
        for (int p = 0; p < m; p++) {
            for (int s = 0; s < k; s++) {
                out[s] += columns.get(p)[s] * ec.vectors()[p][0];
            }
        }
        return out;
    }

    /**
     * Eigen-decomposition of a small symmetric matrix by cyclic Jacobi rotations; eigenvalues ascending, eigenvectors
     * as the columns of {@code vectors}.
     */
    record Eigen(double[] values, double[][] vectors) {

        static Eigen of(double[][] symmetric) {
            int n = symmetric.length;
            double[][] a = new double[n][];
            for (int i = 0; i < n; i++) {
                a[i] = symmetric[i].clone();
            }
            double[][] v = new double[n][n];
            for (int i = 0; i < n; i++) {
                v[i][i] = 1;
            }
            for (int sweep = 0; sweep < 100; sweep++) {
                double off = 0;
                double diag = 0;
                for (int p = 0; p < n; p++) {
                    diag += a[p][p] * a[p][p];
                    for (int q = p + 1; q < n; q++) {
                        off += a[p][q] * a[p][q];
                    }
                }
                if (off <= 1e-30 * Math.max(diag, Double.MIN_NORMAL)) {
                    break;
                }
                for (int p = 0; p < n; p++) {
                    for (int q = p + 1; q < n; q++) {
                        if (a[p][q] == 0) {
                            continue;
                        }
                        double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
                        double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                        if (theta == 0) {
                            t = 1;
                        }
                        double cos = 1 / Math.sqrt(t * t + 1);
                        double sin = t * cos;
                        for (int r = 0; r < n; r++) {
                            double arp = a[r][p];
                            double arq = a[r][q];
                            a[r][p] = cos * arp - sin * arq;
                            a[r][q] = sin * arp + cos * arq;
                        }
                        for (int r = 0; r < n; r++) {
                            double apr = a[p][r];
                            double aqr = a[q][r];
                            a[p][r] = cos * apr - sin * aqr;
                            a[q][r] = sin * apr + cos * aqr;
                        }
                        for (int r = 0; r < n; r++) {
                            double vrp = v[r][p];
                            double vrq = v[r][q];
                            v[r][p] = cos * vrp - sin * vrq;
                            v[r][q] = sin * vrp + cos * vrq;
                        }
                    }
                }
            }
            Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++) {
                order[i] = i;
            }
            java.util.Arrays.sort(order, (x, y) -> Double.compare(a[x][x], a[y][y]));
            double[] values = new double[n];
            double[][] vectors = new double[n][n];
            for (int c = 0; c < n; c++) {
                values[c] = a[order[c]][order[c]];
                for (int r = 0; r < n; r++) {
                    vectors[r][c] = v[r][order[c]];
                }
            }
            return new Eigen(values, vectors);
        }
    }
}
