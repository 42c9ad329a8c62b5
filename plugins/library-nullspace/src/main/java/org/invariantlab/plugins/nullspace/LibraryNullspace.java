package org.invariantlab.plugins.nullspace;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.SingularValueDecomposition;
import org.invariantlab.api.InvalidInputException;
import org.invariantlab.api.count.CountedQuantity;
import org.invariantlab.api.count.CountingMethod;
import org.invariantlab.api.count.CountingOutcome;
import org.invariantlab.api.count.CountingProblem;
import org.invariantlab.api.param.ParameterSpec;
import org.invariantlab.api.param.Parameters;
import org.invariantlab.api.system.ScalarField;
import org.pf4j.Extension;

/**
 * The library nullspace, a non-neural count of conserved quantities as in sparse invariant discovery (e.g. the
 * Lie-derivative nullspace of SINDy-style libraries; Kaiser, Kutz, Brunton, "Discovering conservation laws from
 * data for control", IEEE CDC 2018): over library functions {@code φ_j} ({@link FunctionLibrary}), a combination
 * {@code f = Σ_j c_j φ_j} is conserved when its Lie derivative vanishes on every state,
 * <pre>
 *   (M c)_i = Σ_j c_j ∇φ_j(x_i)·ĥ(x_i) = 0,   ĥ = h/|h|.
 * </pre>
 * Measured against the size of the gradient, {@code μ(c) = |Mc|² / Σ_i |∇f(x_i)|²} is the mean squared cosine
 * between {@code ∇f} and the flow, between 0 and 1; its stationary values are the generalised eigenvalues of
 * {@code MᵀM c = μ GᵀG c} ({@code G} the stacked gradients), solved on the range of {@code GᵀG} (columns that are
 * exactly dependent are dropped). The conserved combinations are the eigenvectors with {@code μ ≤ τ}.
 *
 * <p><b>Rank rule.</b> A conserved {@code f} measured with directions of error {@code δ}, {@code E|δ|² = σ²}, has
 * {@code ∇f ⊥ ĥ} and {@code δ} spread over the {@code d − 1} directions perpendicular to {@code ĥ}, so
 * {@code μ ≈ σ²/(d − 1)}; the threshold is three standard deviations of that, {@code τ = 9σ²/(d − 1)}, and no lower
 * than round-off: the whitened problem {@code C} of order {@code L} has {@code ‖C‖ = μ_max ≤ 1}, and a backward-stable
 * symmetric eigensolver returns its eigenvalues to {@code p(L)·ε·‖C‖} ({@code ε} the double-precision unit
 * round-off; Golub & Van Loan, Matrix Computations, §8.4), so {@code τ ≥ }{@value #ROUNDOFF_FACTOR}{@code ·L·ε·μ_max}.
 * Measured: exactly conserved combinations reach {@code μ ≤ 6·10⁻¹⁶} (oscillators, Kepler with its features, Toda's
 * and FPUT's momentum and energy, libraries of 14 to 285 functions), the floor is {@code 3·10⁻¹³} to
 * {@code 6·10⁻¹³}, and the first combination that is not conserved has {@code μ ≥ 7·10⁻⁷} (FPUT-3's near-Toda
 * quantity at low energy). Whitened coordinates keep the problem well conditioned ({@link FunctionLibrary}); the
 * bound {@code ε·κ} of an ill-conditioned whitening is the reason they are used (in the raw variables FPUT-3's
 * energy came out at {@code μ ≈ 2·10⁻⁶}). The count is then the number of functionally
 * independent quantities in the nullspace ({@link EchelonBasis}); with a canonical layout, the largest commuting set of
 * basis elements gives the count in involution (a lower bound).
 *
 * <p>What it cannot see: conserved quantities outside the library (transcendental ones not declared as features,
 * or of higher degree). That is its purpose as a baseline — beside the neural methods, it shows where they find
 * what a library cannot, and where they do not.
 */
@Extension
public final class LibraryNullspace implements CountingMethod {

    /** The extension id. */
    public static final String ID = "library-nullspace";

    /** Highest polynomial degree of the library. */
    public static final String DEGREE = "degree";

    /** Most library columns: the degree is lowered until the library fits. */
    public static final String MAX_FUNCTIONS = "max-functions";

    /** Most states used (evenly thinned beyond). */
    public static final String MAX_STATES = "max-states";

    /** The factor {@code p(L)/L} of the eigensolver's round-off bound {@code p(L)·ε·‖C‖}. */
    static final double ROUNDOFF_FACTOR = 10;

    /** Columns of {@code GᵀG} below this fraction of its largest eigenvalue are exactly dependent and dropped. */
    static final double DEPENDENT_COLUMNS = 1e-13;

    /** A library needs at least this many states per column for {@code MᵀM} to be an average, not a fit. */
    static final int STATES_PER_FUNCTION = 4;

    /**
     * A combination counted as not conserved whose {@code μ} is within this factor of the threshold makes the count
     * uncertain: the threshold is three standard deviations of the noise ({@code 9σ²/(d−1)}), so such a combination
     * is within about ten of them of a conserved one's {@code σ²/(d−1)}.
     */
    static final double CLOSE = 10;

    /** The narrowest gap, as a ratio of consecutive values, that separates conserved combinations from snapshots. */
    static final double GAP = 100;

    /** Probe states for functional independence and brackets. */
    static final int PROBES = 48;

    private static final List<ParameterSpec> PARAMETERS = List.of(
            ParameterSpec.integer(DEGREE, 4, 1L, 8L, "highest degree of the monomials in the library"),
            ParameterSpec.integer(MAX_FUNCTIONS, 800, 1L, 5000L, "most functions in the library; the degree is lowered "
                    + "until it fits"),
            ParameterSpec.integer(MAX_STATES, 4096, 16L, 1_000_000L, "most states used (evenly thinned beyond)"));

    /** Built by PF4J. */
    public LibraryNullspace() {
        // stateless
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Library nullspace: the combinations of monomials and declared features whose Lie derivative vanishes "
                + "(a non-neural baseline)";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMETERS;
    }

    @Override
    public boolean needsDirections() {
        return false; // without directions, the trajectories themselves say what is conserved (below)
    }

    @Override
    public CountingOutcome count(CountingProblem problem, Parameters parameters) {
        int d = problem.space().dimension();
        boolean snapshots = !problem.hasDirections();
        int[] rows = thinned(problem.size(), parameters.getInt(MAX_STATES));
        List<String> warnings = new ArrayList<>();
        int requested = parameters.getInt(DEGREE);
        int degree = requested;
        int f = problem.features().size();
        // equations: one per state with directions; without, a trajectory of m states says m - 1 things about a function
        long equations = snapshots ? rows.length - distinct(problem.trajectory(), rows) : rows.length;
        long most = Math.min(parameters.getInt(MAX_FUNCTIONS), equations / STATES_PER_FUNCTION);
        while (degree > 1 && FunctionLibrary.size(d, degree, f) > most) {
            degree--;
        }
        if (FunctionLibrary.size(d, degree, f) > most) {
            throw new InvalidInputException(String.format(Locale.ROOT, "%s: %d states are too few for even the linear "
                    + "library of %d functions (it needs %d %s per function); give more states or fewer features",
                    ID, rows.length, FunctionLibrary.size(d, degree, f), STATES_PER_FUNCTION,
                    snapshots ? "states beyond the first of each trajectory" : "states"));
        }
        if (degree < requested) {
            warnings.add(String.format(Locale.ROOT, "the library was cut from degree %d to %d to fit %d functions "
                    + "(%d equations, %d per function): invariants of higher degree cannot be seen", requested, degree,
                    most, equations, STATES_PER_FUNCTION));
        }
        // the eigenproblem in whitened coordinates (well conditioned however correlated the states), the basis written
        // in scaled ones (sparse in the state variables)
        FunctionLibrary whitened = whitened(problem, rows, degree);
        FunctionLibrary library = FunctionLibrary.scaled(problem.space().variables(), scales(problem, rows), degree,
                problem.features());
        int l = whitened.size();
        double[][] lie = new double[l][l];
        double[][] gram = new double[l][l];
        if (snapshots) {
            scatter(problem, rows, whitened, lie, gram);
        } else {
            for (int i : rows) {
                double[][] g = whitened.gradients(problem.state(i));
                double[] h = problem.direction(i);
                double[] m = new double[l];
                for (int k = 0; k < d; k++) {
                    for (int j = 0; j < l; j++) {
                        m[j] += g[k][j] * h[k];
                    }
                    addOuter(gram, g[k]);
                }
                addOuter(lie, m);
            }
        }
        Spectrum s = spectrum(lie, gram);
        double top = s.values().length == 0 ? 0 : s.values()[s.values().length - 1];
        double roundoff = ROUNDOFF_FACTOR * l * Math.ulp(1.0) * Math.max(top, Double.MIN_NORMAL);
        double sigma = problem.directionNoise();
        double noise = !snapshots && d > 1 ? 9 * sigma * sigma / (d - 1) : 0;
        double threshold = snapshots ? gapThreshold(s.values(), roundoff) : Math.max(noise, roundoff);
        int nullity = 0;
        while (nullity < s.values().length && s.values()[nullity] <= threshold) {
            nullity++;
        }
        if (snapshots && s.dependent() > 0) {
            warnings.add(String.format(Locale.ROOT, "%d library combination%s take%s one value on all the states: a "
                    + "quantity every trajectory shares (the same energy on every orbit) cannot be told from a constraint "
                    + "of the data without directions, and is not counted; trajectories that differ in it would show it",
                    s.dependent(), s.dependent() == 1 ? "" : "s", s.dependent() == 1 ? "s" : ""));
        }
        List<double[]> nullspace = new ArrayList<>();
        for (double[] c : s.vectors().subList(0, nullity)) {
            nullspace.add(whitened.expandInto(library, c));
        }
        int[] probes = thinned(rows.length, PROBES);
        // how well the vectors are known: to about sqrt(threshold) (their own mu), and to the rounding of writing them
        // over the scaled monomials, measured as the difference of the two representations of each function
        double known = Math.max(EchelonBasis.RANK_TOLERANCE, 3 * Math.sqrt(Math.max(threshold, 0)));
        for (int v = 0; v < nullity; v++) {
            known = Math.max(known, 10 * representationError(whitened, s.vectors().get(v), library, nullspace.get(v),
                    problem, rows, probes));
        }
        double next = nullity < s.values().length ? s.values()[nullity] : Double.NaN;
        if (Double.isFinite(next) && threshold > 0 && next < CLOSE * threshold) {
            warnings.add(String.format(Locale.ROOT, "the rank rule is close: the first combination counted as not "
                    + "conserved has mu = %.3g, within a factor %.0f of the threshold %.3g; the count is uncertain",
                    next, CLOSE, threshold));
        }
        // entries below what the eigenvectors are known to are zero (about sqrt(threshold), their own mu); dependence is
        // judged to what the written-out vectors are known to (the gradients of a vector's products are off by as much)
        List<double[]> basis = EchelonBasis.reduce(nullspace, Math.max(1e-9, 3 * Math.sqrt(Math.max(threshold, 0))));
        List<double[][]> probeGradients = new ArrayList<>();
        for (int p : probes) {
            probeGradients.add(library.gradients(problem.state(rows[p])));
        }
        List<double[][]> rowGradients = new ArrayList<>();
        for (double[] c : basis) {
            rowGradients.add(EchelonBasis.gradients(c, probeGradients));
        }
        List<Integer> kept = EchelonBasis.independent(rowGradients, known);
        List<CountedQuantity> quantities = new ArrayList<>();
        for (int r : kept) {
            double[] c = basis.get(r);
            quantities.add(new CountedQuantity(library.expression(c, known), field(library, c)));
        }
        double accuracy = known;
        int involution = problem.space().canonical().map(layout -> EchelonBasis.inInvolution(rowGradients, layout,
                accuracy, accuracy)).orElse(-1);
        involution = involution < 0 ? -1 : Math.min(involution, kept.size());
        String rule = String.format(Locale.ROOT, "%d of %d library combinations (degree %d%s) have a %s mu <= %.3g "
                        + "(%s; next %.3g); their functional rank is %d", nullity, l, degree,
                f > 0 ? ", " + f + " feature" + (f == 1 ? "" : "s") : "", snapshots
                        ? "share of their variance within trajectories" : "normalised Lie derivative", threshold,
                snapshots ? "the widest gap of the spectrum, at least " + (int) GAP + " wide"
                        : noise >= roundoff ? String.format(Locale.ROOT, "9 sigma^2/(d-1), direction noise sigma = %.3g",
                        sigma) : String.format(Locale.ROOT, "round-off: %.0f L eps mu_max", ROUNDOFF_FACTOR), next,
                kept.size());
        return new CountingOutcome(kept.size(), involution, quantities, s.values(), threshold, rule, warnings);
    }

    /**
     * The relative difference between a function written over the whitened library ({@code w}) and over the scaled one
     * ({@code c}), on the probe states, constants aside (the expansion drops the constant): the rounding that writing
     * it out costs, which grows with the degree and the correlation of the states.
     */
    private static double representationError(FunctionLibrary whitened, double[] w, FunctionLibrary scaled, double[] c,
                                              CountingProblem problem, int[] rows, int[] probes) {
        double[] a = new double[probes.length];
        double[] b = new double[probes.length];
        for (int i = 0; i < probes.length; i++) {
            double[] x = problem.state(rows[probes[i]]);
            a[i] = EchelonBasis.dot(whitened.values(x), w);
            b[i] = EchelonBasis.dot(scaled.values(x), c);
        }
        double ma = java.util.Arrays.stream(a).average().orElse(0);
        double mb = java.util.Arrays.stream(b).average().orElse(0);
        double diff = 0;
        double size = 0;
        for (int i = 0; i < probes.length; i++) {
            diff += Math.pow((b[i] - mb) - (a[i] - ma), 2);
            size += Math.pow(a[i] - ma, 2);
        }
        return size > 0 ? Math.sqrt(diff / size) : 0;
    }

    /** How many distinct trajectories the states {@code rows} come from. */
    private static int distinct(int[] trajectory, int[] rows) {
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int i : rows) {
            seen.add(trajectory[i]);
        }
        return seen.size();
    }

    /**
     * Without directions: {@code W} the scatter of the library's values within trajectories about each trajectory's
     * mean, {@code T} their scatter about the overall mean; {@code μ(c) = cᵀWc / cᵀTc} is the share of a
     * combination's variance that lies within trajectories, 0 for a quantity conserved on each.
     */
    private static void scatter(CountingProblem problem, int[] rows, FunctionLibrary library, double[][] within,
                                double[][] total) {
        int l = library.size();
        int[] trajectory = problem.trajectory();
        java.util.Map<Integer, double[]> sums = new java.util.HashMap<>();
        java.util.Map<Integer, Integer> counts = new java.util.HashMap<>();
        double[] mean = new double[l];
        double[][] values = new double[rows.length][];
        for (int r = 0; r < rows.length; r++) {
            values[r] = library.values(problem.state(rows[r]));
            double[] sum = sums.computeIfAbsent(trajectory[rows[r]], k -> new double[l]);
            counts.merge(trajectory[rows[r]], 1, Integer::sum);
            for (int j = 0; j < l; j++) {
                sum[j] += values[r][j];
                mean[j] += values[r][j] / rows.length;
            }
        }
        double[] dw = new double[l];
        double[] dt = new double[l];
        for (int r = 0; r < rows.length; r++) {
            double[] sum = sums.get(trajectory[rows[r]]);
            int m = counts.get(trajectory[rows[r]]);
            for (int j = 0; j < l; j++) {
                dw[j] = values[r][j] - sum[j] / m;
                dt[j] = values[r][j] - mean[j];
            }
            addOuter(within, dw);
            addOuter(total, dt);
        }
    }

    /**
     * The threshold of the snapshot spectrum (values floored at round-off): the geometric middle of its widest gap
     * between consecutive values, when that gap spans at least {@value #GAP}; below everything otherwise (nothing is
     * conserved). Without directions there is no noise estimate to place a threshold: a conserved combination's share
     * sits at the data's precision and the motion's at 10⁻³ to 1, two scales that a gap of two decades separates.
     */
    static double gapThreshold(double[] values, double floor) {
        double best = 1;
        double threshold = -1;
        for (int k = 1; k < values.length; k++) {
            double lo = Math.max(values[k - 1], floor);
            double hi = Math.max(values[k], floor);
            if (hi / lo > best) {
                best = hi / lo;
                threshold = Math.sqrt(lo * hi);
            }
        }
        return best >= GAP ? threshold : -1;
    }

    /** The generalised eigenvalues of {@code MᵀM c = μ GᵀG c}, ascending, with B-normalised eigenvectors. */
    private record Spectrum(double[] values, List<double[]> vectors, int dependent) {
    }

    private static Spectrum spectrum(double[][] lie, double[][] gram) {
        int l = gram.length;
        Psd b = Psd.of(new Array2DRowRealMatrix(gram, false));
        double[] lambda = b.values(); // descending
        double top = lambda[0];
        List<Integer> keep = new ArrayList<>();
        for (int i = 0; i < l; i++) {
            if (lambda[i] > DEPENDENT_COLUMNS * top) {
                keep.add(i);
            }
        }
        int r = keep.size();
        double[][] w = new double[l][r]; // W = V_r Λ_r^{-1/2}
        for (int k = 0; k < r; k++) {
            double[] v = b.vector(keep.get(k));
            double s = 1 / Math.sqrt(lambda[keep.get(k)]);
            for (int j = 0; j < l; j++) {
                w[j][k] = v[j] * s;
            }
        }
        RealMatrix wm = new Array2DRowRealMatrix(w, false);
        RealMatrix c = wm.transpose().multiply(new Array2DRowRealMatrix(lie, false)).multiply(wm);
        symmetrise(c);
        Psd e = Psd.of(c);
        double[] mu = e.values(); // descending
        double[] values = new double[r];
        List<double[]> vectors = new ArrayList<>();
        for (int k = 0; k < r; k++) {
            int at = r - 1 - k;
            values[k] = Math.max(0, mu[at]);
            vectors.add(wm.operate(e.vector(at)));
        }
        return new Spectrum(values, vectors, l - r);
    }

    /**
     * The eigenvalues (descending) and eigenvectors of a symmetric positive semi-definite matrix. Hipparchus' symmetric
     * QL iteration can fail to converge on the strongly degenerate Gram matrices of linear dynamics (a 3-D oscillator's
     * orbits lie in planes); the singular value decomposition, which for such a matrix gives the same values and
     * vectors, always converges and is used then.
     */
    private record Psd(double[] values, RealMatrix vectors) {

        static Psd of(RealMatrix m) {
            try {
                EigenDecompositionSymmetric e = new EigenDecompositionSymmetric(m);
                return new Psd(e.getEigenvalues(), e.getV());
            } catch (org.hipparchus.exception.MathIllegalStateException notConverged) {
                SingularValueDecomposition svd = new SingularValueDecomposition(m);
                return new Psd(svd.getSingularValues(), svd.getU());
            }
        }

        double[] vector(int k) {
            return vectors.getColumn(k);
        }
    }

    private static void symmetrise(RealMatrix c) {
        for (int i = 0; i < c.getRowDimension(); i++) {
            for (int j = i + 1; j < c.getColumnDimension(); j++) {
                double v = 0.5 * (c.getEntry(i, j) + c.getEntry(j, i));
                c.setEntry(i, j, v);
                c.setEntry(j, i, v);
            }
        }
    }

    private static void addOuter(double[][] a, double[] v) {
        for (int i = 0; i < v.length; i++) {
            double vi = v[i];
            if (vi == 0) {
                continue;
            }
            double[] row = a[i];
            for (int j = 0; j < v.length; j++) {
                row[j] += vi * v[j];
            }
        }
    }

    /**
     * The library in coordinates {@code z = Λ^{-1/2} Vᵀ (x − m)}, {@code m} the states' mean and {@code V Λ Vᵀ} their
     * covariance (directions without variance keep a unit scale).
     */
    private static FunctionLibrary whitened(CountingProblem problem, int[] rows, int degree) {
        int d = problem.space().dimension();
        double[] mean = new double[d];
        for (int i : rows) {
            double[] x = problem.state(i);
            for (int k = 0; k < d; k++) {
                mean[k] += x[k] / rows.length;
            }
        }
        double[][] cov = new double[d][d];
        for (int i : rows) {
            double[] x = problem.state(i);
            for (int a = 0; a < d; a++) {
                for (int b = 0; b < d; b++) {
                    cov[a][b] += (x[a] - mean[a]) * (x[b] - mean[b]) / rows.length;
                }
            }
        }
        Psd e = Psd.of(new Array2DRowRealMatrix(cov, false));
        double[] lambda = e.values();
        double top = Math.max(lambda[0], Double.MIN_NORMAL);
        double[][] a = new double[d][d];
        double[] b = new double[d];
        for (int i = 0; i < d; i++) {
            double[] v = e.vector(i);
            double s = lambda[i] > 1e-12 * top ? 1 / Math.sqrt(lambda[i]) : 1 / Math.sqrt(top);
            for (int k = 0; k < d; k++) {
                a[i][k] = v[k] * s;
                b[i] -= a[i][k] * mean[k];
            }
        }
        return FunctionLibrary.affine(problem.space().variables(), a, b, degree, problem.features());
    }

    /** The root mean square of each variable over the states (1 for a variable that is identically 0). */
    private static double[] scales(CountingProblem problem, int[] rows) {
        int d = problem.space().dimension();
        double[] s = new double[d];
        for (int i : rows) {
            double[] x = problem.state(i);
            for (int k = 0; k < d; k++) {
                s[k] += x[k] * x[k] / rows.length;
            }
        }
        for (int k = 0; k < d; k++) {
            s[k] = s[k] > 0 ? Math.sqrt(s[k]) : 1;
        }
        return s;
    }

    /** {@code most} indices spread evenly over {@code 0..n−1} (all of them when {@code n ≤ most}). */
    static int[] thinned(int n, int most) {
        int m = Math.min(n, most);
        int[] out = new int[m];
        for (int i = 0; i < m; i++) {
            out[i] = (int) ((long) i * n / m);
        }
        return out;
    }

    private static ScalarField field(FunctionLibrary library, double[] c) {
        return ScalarField.of(x -> {
            double[] v = library.values(x);
            double s = 0;
            for (int j = 0; j < c.length; j++) {
                s += c[j] * v[j];
            }
            return s;
        }, x -> {
            double[][] g = library.gradients(x);
            double[] out = new double[g.length];
            for (int k = 0; k < g.length; k++) {
                double s = 0;
                for (int j = 0; j < c.length; j++) {
                    s += c[j] * g[k][j];
                }
                out[k] = s;
            }
            return out;
        });
    }
}
