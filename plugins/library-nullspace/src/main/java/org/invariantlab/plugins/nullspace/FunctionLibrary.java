package org.invariantlab.plugins.nullspace;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.invariantlab.api.system.Feature;

/**
 * The functions {@code φ_j} whose conserved combinations the nullspace finds, with analytic gradients: monomials
 * of degree 1 to {@code D} in coordinates {@code z = A x + b}, the declared features {@code ψ} and their products
 * {@code ψ·z_i} with one coordinate (Kepler's Runge–Lenz vector {@code v_y L − x/r} needs {@code (1/r)·x}; Toda's
 * {@code I_3} needs {@code p_i e^{q_i − q_{i+1}}}; its {@code I_4}, which needs {@code p_i² e^{q_i − q_{i+1}}}, is out
 * of reach). An invertible affine map changes the basis, not the space
 * spanned (with the constant, which no gradient sees), so the conserved combinations are the same functions in any
 * such coordinates.
 *
 * <p>Two choices are used ({@link LibraryNullspace}): <b>whitened</b> coordinates, {@code z = Λ^{-1/2} Vᵀ (x − m)}
 * from the states' mean and covariance, in which the Gram matrices are well conditioned even when the states are
 * strongly correlated (a chain whose particles drift together: in the raw variables the energy, a function of
 * differences, is a near-cancellation of large monomials and cannot be resolved); and <b>scaled</b> coordinates
 * {@code u_i = x_i / s_i}, in which monomials stay monomials of {@code x}, so that a sparse combination is a sparse
 * formula. The eigenproblem is solved in the first and the basis written in the second ({@link #expandInto}).
 *
 * <p>Columns are in order of decreasing complexity — features times a variable, features, then monomials from
 * degree {@code D} down to 1 — which is the order the echelon basis eliminates in ({@link EchelonBasis}): its last
 * rows then use the simplest functions only.
 */
final class FunctionLibrary {

    /** Central-difference step for a feature's gradient, relative to the variable's scale (fourth order: error ≈ h⁴). */
    private static final double FEATURE_STEP = 1e-3;

    private final List<String> variables;
    private final double[][] map;
    private final double[] shift;
    private final double[] scale;
    private final int degree;
    private final List<Feature> features;
    private final List<Column> columns;

    /**
     * One column: a monomial with exponents {@code powers}, times features {@code feature} and {@code second} (-1:
     * none; {@code second ≥ feature}).
     */
    private record Column(int[] powers, int feature, int second, int degree) {

        boolean hasFeature() {
            return feature >= 0;
        }
    }

    private FunctionLibrary(List<String> variables, double[][] map, double[] shift, int degree, List<Feature> features) {
        this.variables = List.copyOf(variables);
        this.map = map;
        this.shift = shift;
        int dim = variables.size();
        this.scale = new double[dim];
        for (int k = 0; k < dim; k++) {
            // the size of a step in x_k that changes the coordinates by about one: for the features' differences
            double norm = 0;
            for (double[] row : map) {
                norm = Math.max(norm, Math.abs(row[k]));
            }
            scale[k] = norm > 0 ? 1 / norm : 1;
        }
        this.degree = degree;
        this.features = List.copyOf(features);
        int d = variables.size();
        List<Column> out = new ArrayList<>();
        // each feature alone and times each variable (products of features, or with higher monomials, were tried: the
        // near-dependences among them — e^{q1-q2} e^{q2-q3} e^{q3-q1} = 1 — left vectors with junk that the rank test
        // then counted, on Toda and Kepler)
        int f = features.size();
        for (int a = 0; a < f; a++) {
            for (int[] p : exponents(d, 1)) {
                out.add(new Column(p, a, -1, 1));
            }
        }
        for (int a = 0; a < f; a++) {
            out.add(new Column(new int[d], a, -1, 0));
        }
        for (int k = degree; k >= 1; k--) {
            for (int[] p : exponents(d, k)) {
                out.add(new Column(p, -1, -1, k));
            }
        }
        this.columns = List.copyOf(out);
    }

    /**
     * The library of degree {@code degree} over {@code variables} scaled by {@code scale} ({@code u_i = x_i/s_i}),
     * with {@code features}.
     */
    static FunctionLibrary scaled(List<String> variables, double[] scale, int degree, List<Feature> features) {
        int d = variables.size();
        double[][] a = new double[d][d];
        for (int i = 0; i < d; i++) {
            a[i][i] = 1 / scale[i];
        }
        return new FunctionLibrary(variables, a, new double[d], degree, features);
    }

    /** The library in coordinates {@code z = A x + b}. */
    static FunctionLibrary affine(List<String> variables, double[][] a, double[] b, int degree, List<Feature> features) {
        double[][] copy = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            copy[i] = a[i].clone();
        }
        return new FunctionLibrary(variables, copy, b.clone(), degree, features);
    }

    /** The number of columns the library of {@code degree} over {@code d} variables with {@code f} features has. */
    static long size(int d, int degree, int f) {
        long monomials = binomial(d + degree, degree) - 1;
        return monomials + (long) f * (d + 1);
    }

    int size() {
        return columns.size();
    }

    int degree() {
        return degree;
    }

    int dimension() {
        return variables.size();
    }

    /** The total polynomial degree of column {@code j} (a feature counts 0). */
    int degree(int j) {
        return columns.get(j).degree();
    }

    /** Whether column {@code j} involves a declared feature. */
    boolean isFeature(int j) {
        return columns.get(j).hasFeature();
    }

    /** The values of every column at {@code x}. */
    double[] values(double[] x) {
        double[][] pow = powers(x);
        double[] psi = featureValues(x);
        double[] out = new double[columns.size()];
        for (int j = 0; j < out.length; j++) {
            Column c = columns.get(j);
            out[j] = monomial(pow, c.powers()) * factor(c, psi);
        }
        return out;
    }

    /**
     * The gradients of every column at {@code x}, with respect to {@code x} (not {@code u}): {@code out[k][j] =
     * ∂φ_j/∂x_k}.
     */
    double[][] gradients(double[] x) {
        int d = x.length;
        double[][] pow = powers(x);
        double[] psi = featureValues(x);
        double[][] dpsi = featureGradients(x);
        double[][] out = new double[d][columns.size()];
        double[] dz = new double[d];
        for (int j = 0; j < columns.size(); j++) {
            Column c = columns.get(j);
            double m = monomial(pow, c.powers());
            for (int i = 0; i < d; i++) { // ∂m/∂z_i
                int a = c.powers()[i];
                double dm = 0;
                if (a > 0) {
                    double rest = 1;
                    for (int l = 0; l < d; l++) {
                        if (l != i) {
                            rest *= pow[l][c.powers()[l]];
                        }
                    }
                    dm = a * pow[i][a - 1] * rest;
                }
                dz[i] = dm;
            }
            for (int k = 0; k < d; k++) { // ∂φ/∂x_k = Σ_i ∂m/∂z_i A_ik (· ψ) + m ∂ψ/∂x_k
                double dm = 0;
                for (int i = 0; i < d; i++) {
                    dm += dz[i] * map[i][k];
                }
                out[k][j] = dm * factor(c, psi) + m * factorGradient(c, psi, dpsi, k);
            }
        }
        return out;
    }

    /** The features' product of column {@code c} (1 without features). */
    private static double factor(Column c, double[] psi) {
        return (c.feature() >= 0 ? psi[c.feature()] : 1) * (c.second() >= 0 ? psi[c.second()] : 1);
    }

    /** {@code ∂/∂x_k} of the features' product of column {@code c}. */
    private static double factorGradient(Column c, double[] psi, double[][] dpsi, int k) {
        if (c.feature() < 0) {
            return 0;
        }
        if (c.second() < 0) {
            return dpsi[c.feature()][k];
        }
        return dpsi[c.feature()][k] * psi[c.second()] + psi[c.feature()] * dpsi[c.second()][k];
    }

    /**
     * The coefficients over {@code target}'s columns of the combination {@code Σ_j c_j φ_j} of this library's
     * columns, by expanding each {@code z}-monomial into the target's coordinates (both libraries have the same
     * degree and features; the constant term, which no gradient sees, is dropped). Exact algebra, rounded once per
     * term: no states are involved, so the conditioning of the data does not enter.
     */
    double[] expandInto(FunctionLibrary target, double[] c) {
        int d = variables.size();
        // z_i as a polynomial of the target's coordinates w: x = A_t^{-1}(w − b_t), z = A x + b = A A_t^{-1} w + (b − A A_t^{-1} b_t)
        double[][] inv = inverse(target.map);
        double[][] lin = new double[d][d];
        double[] off = shift.clone();
        for (int i = 0; i < d; i++) {
            for (int k = 0; k < d; k++) {
                double s = 0;
                for (int l = 0; l < d; l++) {
                    s += map[i][l] * inv[l][k];
                }
                lin[i][k] = s;
            }
            for (int k = 0; k < d; k++) {
                off[i] -= lin[i][k] * target.shift[k];
            }
        }
        java.util.Map<String, Integer> index = new java.util.HashMap<>();
        for (int j = 0; j < target.columns.size(); j++) {
            Column t = target.columns.get(j);
            index.put(key(t.powers(), t.feature(), t.second()), j);
        }
        double[] out = new double[target.columns.size()];
        for (int j = 0; j < columns.size(); j++) {
            if (c[j] == 0) {
                continue;
            }
            Column col = columns.get(j);
            java.util.Map<String, double[]> poly = new java.util.HashMap<>(); // key → {coefficient}, exponents in key
            java.util.Map<String, int[]> exps = new java.util.HashMap<>();
            int[] zero = new int[d];
            poly.put(key(zero, -1, -1), new double[] {1});
            exps.put(key(zero, -1, -1), zero);
            for (int i = 0; i < d; i++) {
                for (int r = 0; r < col.powers()[i]; r++) {
                    java.util.Map<String, double[]> next = new java.util.HashMap<>();
                    java.util.Map<String, int[]> nextExps = new java.util.HashMap<>();
                    for (var e : poly.entrySet()) {
                        int[] p = exps.get(e.getKey());
                        double v = e.getValue()[0];
                        for (int k = 0; k <= d; k++) {
                            double w = k < d ? lin[i][k] : off[i];
                            if (w == 0) {
                                continue;
                            }
                            int[] q = p.clone();
                            if (k < d) {
                                q[k]++;
                            }
                            String kq = key(q, -1, -1);
                            nextExps.putIfAbsent(kq, q);
                            next.computeIfAbsent(kq, x -> new double[1])[0] += v * w;
                        }
                    }
                    poly = next;
                    exps = nextExps;
                }
            }
            for (var e : poly.entrySet()) {
                int[] p = exps.get(e.getKey());
                int total = 0;
                for (int a : p) {
                    total += a;
                }
                if (total == 0 && !col.hasFeature()) {
                    continue; // a constant
                }
                Integer at = index.get(key(p, col.feature(), col.second()));
                if (at == null) {
                    throw new IllegalStateException("the expansion left the library: " + java.util.Arrays.toString(p));
                }
                out[at] += c[j] * e.getValue()[0];
            }
        }
        return out;
    }

    private static String key(int[] powers, int feature, int second) {
        return java.util.Arrays.toString(powers) + "|" + feature + "|" + second;
    }

    /** Gauss–Jordan inverse with partial pivoting (small, well-conditioned maps). */
    private static double[][] inverse(double[][] a) {
        int n = a.length;
        double[][] m = new double[n][2 * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], 0, m[i], 0, n);
            m[i][n + i] = 1;
        }
        for (int c = 0; c < n; c++) {
            int best = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(m[r][c]) > Math.abs(m[best][c])) {
                    best = r;
                }
            }
            double[] t = m[c];
            m[c] = m[best];
            m[best] = t;
            double p = m[c][c];
            for (int k = 0; k < 2 * n; k++) {
                m[c][k] /= p;
            }
            for (int r = 0; r < n; r++) {
                if (r != c && m[r][c] != 0) {
                    double f = m[r][c];
                    for (int k = 0; k < 2 * n; k++) {
                        m[r][k] -= f * m[c][k];
                    }
                }
            }
        }
        double[][] out = new double[n][n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(m[i], n, out[i], 0, n);
        }
        return out;
    }

    /**
     * The combination {@code Σ_j c_j φ_j} of a scaled library ({@link #scaled}) in the state variables (Symja
     * syntax), the scaling folded into the coefficients and the largest made 1; each coefficient written as the
     * simplest fraction within {@code tolerance} of it (continued fractions, denominators up to
     * {@value #MAX_DENOMINATOR}; the decimal when none is that close), and terms below {@code tolerance} left out.
     */
    String expression(double[] c, double tolerance) {
        double[] coefficient = new double[c.length];
        double largest = 0;
        for (int j = 0; j < c.length; j++) {
            Column col = columns.get(j);
            double s = 1; // for scaled coordinates u_i = x_i/s_i (A diagonal, b = 0)
            for (int i = 0; i < col.powers().length; i++) {
                s *= Math.pow(1 / map[i][i], col.powers()[i]);
            }
            coefficient[j] = c[j] / s;
            largest = Math.max(largest, Math.abs(coefficient[j]));
        }
        StringBuilder b = new StringBuilder();
        for (int j = coefficient.length - 1; j >= 0; j--) {
            double v = coefficient[j] / largest;
            if (Math.abs(v) <= tolerance) {
                continue;
            }
            b.append(b.length() == 0 ? (v < 0 ? "-" : "") : (v < 0 ? "-" : "+"));
            b.append(fraction(Math.abs(v), tolerance)).append('*').append(term(columns.get(j)));
        }
        return b.length() == 0 ? "0" : b.toString();
    }

    /** Largest denominator of a coefficient written as a fraction. */
    static final long MAX_DENOMINATOR = 1000;

    /** The simplest fraction within {@code tolerance} of {@code v > 0} ({@code p/q} or {@code p}), else its decimal. */
    static String fraction(double v, double tolerance) {
        // convergents h/k of the continued fraction of v
        long h0 = 1;
        long h1 = 0;
        long k0 = 0;
        long k1 = 1;
        double x = v;
        for (int i = 0; i < 40; i++) {
            long a = (long) Math.floor(x);
            long h = a * h0 + h1;
            long k = a * k0 + k1;
            if (k > MAX_DENOMINATOR) {
                break;
            }
            if (Math.abs(v - (double) h / k) <= tolerance * Math.max(1, v)) {
                return k == 1 ? String.valueOf(h) : h + "/" + k;
            }
            h1 = h0;
            h0 = h;
            k1 = k0;
            k0 = k;
            double rest = x - a;
            if (rest < 1e-15) {
                break;
            }
            x = 1 / rest;
        }
        return String.format(Locale.ROOT, "%.12g", v);
    }

    private String term(Column c) {
        List<String> factors = new ArrayList<>();
        for (int i = 0; i < c.powers().length; i++) {
            if (c.powers()[i] == 1) {
                factors.add(variables.get(i));
            } else if (c.powers()[i] > 1) {
                factors.add(variables.get(i) + "^" + c.powers()[i]);
            }
        }
        if (c.feature() >= 0) {
            factors.add("(" + features.get(c.feature()).expression() + ")");
        }
        if (c.second() >= 0) {
            factors.add("(" + features.get(c.second()).expression() + ")");
        }
        return String.join("*", factors);
    }

    private double[] coordinates(double[] x) {
        int d = x.length;
        double[] z = new double[d];
        for (int i = 0; i < d; i++) {
            double s = shift[i];
            for (int k = 0; k < d; k++) {
                s += map[i][k] * x[k];
            }
            z[i] = s;
        }
        return z;
    }

    private double[][] powers(double[] x) {
        int d = x.length;
        double[] z = coordinates(x);
        double[][] pow = new double[d][degree + 1];
        for (int i = 0; i < d; i++) {
            double u = z[i];
            pow[i][0] = 1;
            for (int p = 1; p <= degree; p++) {
                pow[i][p] = pow[i][p - 1] * u;
            }
        }
        return pow;
    }

    private static double monomial(double[][] pow, int[] powers) {
        double m = 1;
        for (int i = 0; i < powers.length; i++) {
            m *= pow[i][powers[i]];
        }
        return m;
    }

    private double[] featureValues(double[] x) {
        double[] out = new double[features.size()];
        for (int f = 0; f < out.length; f++) {
            out[f] = features.get(f).value(x);
        }
        return out;
    }

    /** Fourth-order central differences: {@code (−ψ(x+2h) + 8ψ(x+h) − 8ψ(x−h) + ψ(x−2h)) / 12h}. */
    private double[][] featureGradients(double[] x) {
        double[][] out = new double[features.size()][x.length];
        for (int f = 0; f < features.size(); f++) {
            Feature psi = features.get(f);
            for (int k = 0; k < x.length; k++) {
                double h = FEATURE_STEP * scale[k];
                double[] y = x.clone();
                y[k] = x[k] + 2 * h;
                double p2 = psi.value(y);
                y[k] = x[k] + h;
                double p1 = psi.value(y);
                y[k] = x[k] - h;
                double m1 = psi.value(y);
                y[k] = x[k] - 2 * h;
                double m2 = psi.value(y);
                out[f][k] = (-p2 + 8 * p1 - 8 * m1 + m2) / (12 * h);
            }
        }
        return out;
    }

    /** All exponent vectors of {@code d} variables with total degree {@code k}, lexicographically largest first. */
    private static List<int[]> exponents(int d, int k) {
        List<int[]> out = new ArrayList<>();
        fill(new int[d], 0, k, out);
        return out;
    }

    private static void fill(int[] p, int i, int left, List<int[]> out) {
        if (i == p.length - 1) {
            p[i] = left;
            out.add(p.clone());
            return;
        }
        for (int a = left; a >= 0; a--) {
            p[i] = a;
            fill(p, i + 1, left - a, out);
        }
    }

    private static long binomial(int n, int k) {
        long r = 1;
        for (int i = 1; i <= k; i++) {
            r = r * (n - k + i) / i;
        }
        return r;
    }
}
