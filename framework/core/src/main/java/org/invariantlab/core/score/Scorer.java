package org.invariantlab.core.score;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.invariantlab.api.system.GroupedData;
import org.invariantlab.api.system.ScalarField;
import org.invariantlab.api.system.SystemModel;
import org.invariantlab.core.math.Linalg;

/**
 * Scores learned functions {@code f_1..f_k} against a system's true invariants {@code I_1..I_m} on data.
 *
 * <p>Any invertible function of an invariant is an equally correct answer, so the primary score compares
 * gradients, which a reparametrisation {@code g(I)} only rescales: {@code f} is locally a function of
 * invariants {@code S} exactly when {@code ∇f(x) ∈ span{∇I_s(x) : s ∈ S}} at every {@code x}.
 *
 * <ol>
 *   <li><b>Data manifold.</b> Invariants constant on the data (fixed {@code L} in {@code kepler-fixed-l},
 *       {@code Ay ≡ 0} with a fixed orbit orientation) are detected ({@link ScoredStates}); the data lie on
 *       their common level set, where a learned function is unconstrained in the normal directions. At
 *       each state every gradient, learned and true, is replaced by its projection
 *       {@code P∇ = ∇ − N Nᵀ ∇} onto the tangent space ({@code N} an orthonormal basis of the constant
 *       invariants' gradients), and constant invariants are not matched. A projected gradient that keeps less
 *       than the rank tolerance of its length has no direction along the data and counts as misaligned.</li>
 *   <li><b>Span alignment.</b> With {@code A(x)} an orthonormal basis of {@code {P∇f_j(x)}} (rank
 *       {@code r_A}) and {@code B(x)} one of {@code {P∇I_s(x) : s ∈ S}} (Gram–Schmidt with the rank
 *       tolerance), the cosines of the principal angles {@code σ_1..σ_{r_A}} are the singular values of
 *       {@code A Bᵀ}, padded with zeros when {@code B} has fewer directions; then
 *       <pre>  alignment(S) = mean_x (1/r_A) Σ_i σ_i(x)  ∈ [0, 1]</pre>
 *       equals 1 exactly when every learned gradient lies in {@code span S}. For {@code k = 1} it is
 *       {@code mean_x |P_B â|}, and for {@code S = {I}} the familiar {@code mean_x |cos(∇f, ∇I)|}. References:
 *       methods notes §6; A. Björck, G. H. Golub, "Numerical methods for computing angles between linear
 *       subspaces", Math. Comp. 27, 579 (1973).</li>
 *   <li><b>Matching.</b> Among subsets of the varying invariants of size up to {@code maxSubset}, the
 *       smallest size with a subset reaching {@code matchThreshold} wins, and within it the highest
 *       alignment; if no subset reaches the threshold, the highest alignment overall. Alignments within
 *       {@value #TIE_TOLERANCE} of each other are equal to rounding, and the subset earlier in the system's
 *       order wins (two invariants that are functions of each other on the data, such as {@code E} and
 *       {@code Ax} at fixed {@code L}, align equally).</li>
 *   <li><b>Per invariant.</b> {@code alignmentPerInvariant(I) = mean_x |P_A Î|}, the cosine between
 *       {@code P∇I} and the learned span ({@code = mean_x |cos(∇f, ∇I)|} for one learned function).</li>
 *   <li><b>Functional fit.</b> {@code R²} of each {@code f_j} regressed by least squares on all monomials of
 *       degree at most {@code r2Degree} in the standardised matched invariants (robust to a smooth monotone
 *       reparametrisation), averaged over {@code j}; and for each varying invariant the largest
 *       {@code |Pearson r(f_j, I)|}, the number papers report (Ha &amp; Jeong, PRR 3, L042035, 2021).</li>
 *   <li><b>Within-group spread.</b> For each {@code f_j}: the mean over groups of the sample standard
 *       deviation of {@code f_j} inside the group, divided by the sample standard deviation of {@code f_j}
 *       over all scored states; averaged over {@code j}. It is scale-free; 0 means constant on every group.</li>
 * </ol>
 * At most {@code maxStates} states are used, chosen deterministically ({@link ScoredStates}). Stateless and
 * thread-safe as long as the fields given are; learned functions are evaluated on one thread.
 */
public final class Scorer {

    /** Alignments closer than this are equal to rounding when choosing the matched subset. */
    public static final double TIE_TOLERANCE = 1e-12;

    /** Relative rank tolerance of the regression design (columns dependent to rounding are dropped). */
    private static final double REGRESSION_RANK_TOLERANCE = 1e-10;

    private Scorer() {
    }

    /**
     * Scores {@code learned} against the true invariants of {@code model} on {@code data}.
     *
     * @param learned one or more learned functions of the state
     * @param model   the configured system, whose true invariants are the reference
     * @param data    states to score on (typically the held-out test groups)
     * @param options scoring settings, e.g. {@link ScoringOptions#defaults()}
     * @return the scores; never {@code null}
     * @throws IllegalArgumentException if the data and the system disagree on the dimension, or a gradient
     *                                  has the wrong length
     * @throws org.invariantlab.api.InvariantLabException if a learned or true function is not finite at a
     *                                  scored state
     */
    public static Scores score(List<? extends ScalarField> learned, SystemModel model, GroupedData data,
                               ScoringOptions options) {
        Objects.requireNonNull(learned, "learned");
        if (learned.isEmpty()) {
            throw new IllegalArgumentException("nothing to score: no learned function given");
        }
        ScoredStates st = new ScoredStates(model, data, options);
        int n = st.size();
        int k = learned.size();
        double[][] values = new double[k][n];
        double[][][] units = new double[k][n][];
        for (int j = 0; j < k; j++) {
            ScalarField f = Objects.requireNonNull(learned.get(j), "learned function");
            String label = "learned function #" + j;
            for (int s = 0; s < n; s++) {
                values[j][s] = st.value(f, s, label);
                units[j][s] = st.tangent(st.gradient(f, s, label), s);
            }
        }
        double[][][] learnedBasis = new double[n][][];
        for (int s = 0; s < n; s++) {
            List<double[]> at = new ArrayList<>(k);
            for (int j = 0; j < k; j++) {
                at.add(units[j][s]);
            }
            learnedBasis[s] = st.span(at);
        }
        int[] varying = st.varying();
        double[][][] invariantUnits = new double[st.invariants.size()][][];
        for (int a : varying) {
            invariantUnits[a] = new double[n][];
            for (int s = 0; s < n; s++) {
                invariantUnits[a][s] = st.tangent(st.invariantGradients[a][s], s);
            }
        }

        Map<String, Double> perInvariant = new LinkedHashMap<>();
        Map<String, Double> pearson = new LinkedHashMap<>();
        for (int a : varying) {
            double sum = 0;
            for (int s = 0; s < n; s++) {
                double[] u = invariantUnits[a][s];
                if (u != null && learnedBasis[s].length > 0) {
                    sum += Linalg.principalCosines(new double[][] {u}, learnedBasis[s])[0];
                }
            }
            String name = st.invariants.get(a).name();
            perInvariant.put(name, sum / n);
            double best = Double.NaN;
            for (int j = 0; j < k; j++) {
                double r = Math.abs(pearson(values[j], st.invariantValues[a]));
                if (!Double.isNaN(r) && (Double.isNaN(best) || r > best)) {
                    best = r;
                }
            }
            pearson.put(name, best);
        }

        int[] matched = new int[0];
        double alignment = 0;
        int[] bestAny = null;
        double bestAnyAlignment = Double.NEGATIVE_INFINITY;
        for (int size = 1; size <= Math.min(options.maxSubset(), varying.length) && matched.length == 0; size++) {
            int[] bestOfSize = null;
            double bestOfSizeAlignment = Double.NEGATIVE_INFINITY;
            for (int[] subset : subsets(varying, size)) {
                double al = spanAlignment(st, learnedBasis, invariantUnits, subset);
                if (al > bestAnyAlignment + TIE_TOLERANCE) {
                    bestAny = subset;
                    bestAnyAlignment = al;
                }
                if (al >= options.matchThreshold() && al > bestOfSizeAlignment + TIE_TOLERANCE) {
                    bestOfSize = subset;
                    bestOfSizeAlignment = al;
                }
            }
            if (bestOfSize != null) {
                matched = bestOfSize;
                alignment = bestOfSizeAlignment;
            }
        }
        if (matched.length == 0 && bestAny != null) {
            matched = bestAny;
            alignment = bestAnyAlignment;
        }
        List<String> matchedNames = new ArrayList<>();
        for (int a : matched) {
            matchedNames.add(st.invariants.get(a).name());
        }

        double r2 = Double.NaN;
        if (matched.length > 0) {
            double sum = 0;
            for (int j = 0; j < k; j++) {
                sum += rSquared(values[j], st, matched, options.r2Degree());
            }
            r2 = sum / k;
        }
        double spread = 0;
        for (int j = 0; j < k; j++) {
            spread += withinGroupSpread(values[j], st.groups, st.members);
        }
        return new Scores(alignment, matchedNames, perInvariant, pearson, r2, spread / k, st.constantNames(), n);
    }

    /** At most this many states enter {@link #correlations} (whole groups, evenly spaced). */
    public static final int MAX_CORRELATION_STATES = 10_000;

    /** The states correlations are measured on: whole groups of {@code data}, up to {@value #MAX_CORRELATION_STATES}. */
    static ScoredStates correlationStates(SystemModel model, GroupedData data) {
        return new ScoredStates(model, data, ScoringOptions.defaults()
                .withMaxStates(Math.max(data.perGroup(), Math.min(data.size(), MAX_CORRELATION_STATES))));
    }

    /**
     * For each true invariant that varies on {@code data}, the {@link GroupCorrelation} of the learned function that
     * follows it best (the largest {@code |Pearson r|}), on every state of {@code data} up to
     * {@value #MAX_CORRELATION_STATES} (whole groups): only values are evaluated, so many more groups enter than
     * the gradient scores of {@link #score} use.
     */
    public static Map<String, GroupCorrelation> correlations(List<? extends ScalarField> learned, SystemModel model,
                                                            GroupedData data) {
        ScoredStates st = correlationStates(model, data);
        int n = st.size();
        double[][] values = new double[learned.size()][n];
        for (int j = 0; j < learned.size(); j++) {
            for (int s = 0; s < n; s++) {
                values[j][s] = st.value(learned.get(j), s, "learned function #" + j);
            }
        }
        Map<String, GroupCorrelation> out = new LinkedHashMap<>();
        for (int a : st.varying()) {
            int best = -1;
            double bestR = -1;
            for (int j = 0; j < learned.size(); j++) {
                double r = Math.abs(pearson(values[j], st.invariantValues[a]));
                if (r > bestR) {
                    best = j;
                    bestR = r;
                }
            }
            if (best >= 0) {
                out.put(st.invariants.get(a).name(),
                        GroupCorrelation.of(values[best], st.invariantValues[a], st.groups, st.members));
            }
        }
        return out;
    }

    /**
     * How many independent true invariants vary on {@code data}: the rank of the gradients of the invariants that
     * are not constant on the data, projected on its tangent space (see {@link #score}), taken at each state; the
     * most frequent rank. Kepler with a fixed orientation has 2 ({@code L}, {@code E}; {@code Ax} is a function of
     * them), EM has 2, Lorentz 1, Kepler at fixed {@code L} 1.
     */
    public static int independentInvariants(SystemModel model, GroupedData data, ScoringOptions options) {
        ScoredStates st = new ScoredStates(model, data, options);
        int[] varying = st.varying();
        int[] counts = new int[varying.length + 1];
        for (int s = 0; s < st.size(); s++) {
            List<double[]> units = new ArrayList<>(varying.length);
            for (int a : varying) {
                units.add(st.tangent(st.invariantGradients[a][s], s));
            }
            counts[st.span(units).length]++;
        }
        int mode = 0;
        for (int r = 1; r < counts.length; r++) {
            if (counts[r] > counts[mode]) {
                mode = r;
            }
        }
        return mode;
    }

    /**
     * Gradient alignment of a single function (typically the formula a symbolic interpreter read off a
     * learned latent) with the span of the named true invariants, on the data manifold: {@code mean_x |P_B f̂|}
     * as in {@link #score}. A value near 1 says the formula is, locally, a function of those invariants.
     *
     * <p>States where the formula has no direction along the data (see {@link #score}) count as 0, and so
     * does every state for an empty list of invariants.
     *
     * @param formula    the function to check, e.g. an interpreted formula evaluated with its gradient
     * @param invariants names of true invariants of {@code model} (for example {@link Scores#matched()})
     * @param model      the configured system
     * @param data       states to check on
     * @param options    scoring settings (state cap, tolerances)
     * @return the mean alignment, in {@code [0, 1]}
     * @throws IllegalArgumentException if a name is not one of the system's invariants
     */
    public static double formulaAgreement(ScalarField formula, List<String> invariants, SystemModel model,
                                          GroupedData data, ScoringOptions options) {
        Objects.requireNonNull(formula, "formula");
        Objects.requireNonNull(invariants, "invariants");
        ScoredStates st = new ScoredStates(model, data, options);
        int[] subset = invariants.stream().mapToInt(st::indexOf).distinct().toArray();
        int n = st.size();
        double sum = 0;
        for (int s = 0; s < n; s++) {
            double[] u = st.tangent(st.gradient(formula, s, "formula"), s);
            if (u == null) {
                continue;
            }
            List<double[]> span = new ArrayList<>(subset.length);
            for (int a : subset) {
                span.add(st.tangent(st.invariantGradients[a][s], s));
            }
            double[][] b = st.span(span);
            if (b.length > 0) {
                sum += Linalg.principalCosines(new double[][] {u}, b)[0];
            }
        }
        return sum / n;
    }

    /**
     * {@link #formulaAgreement(ScalarField, List, SystemModel, GroupedData, ScoringOptions)} with the
     * matched invariants of {@code scores}.
     *
     * @param formula the function to check
     * @param scores  scores whose {@link Scores#matched()} invariants span the reference
     * @param model   the configured system the scores were computed for
     * @param data    states to check on
     * @param options scoring settings
     * @return the mean alignment, in {@code [0, 1]}
     */
    public static double formulaAgreement(ScalarField formula, Scores scores, SystemModel model, GroupedData data,
                                          ScoringOptions options) {
        Objects.requireNonNull(scores, "scores");
        return formulaAgreement(formula, scores.matched(), model, data, options);
    }

    private static double spanAlignment(ScoredStates st, double[][][] learnedBasis, double[][][] invariantUnits,
                                        int[] subset) {
        int n = st.size();
        double sum = 0;
        List<double[]> span = new ArrayList<>(subset.length);
        for (int s = 0; s < n; s++) {
            double[][] a = learnedBasis[s];
            if (a.length == 0) {
                continue;
            }
            span.clear();
            for (int idx : subset) {
                span.add(invariantUnits[idx][s]);
            }
            double[][] b = st.span(span);
            if (b.length == 0) {
                continue;
            }
            double total = 0;
            for (double sigma : Linalg.principalCosines(a, b)) {
                total += sigma;
            }
            sum += total / a.length;
        }
        return sum / n;
    }

    /** All subsets of {@code items} of the given size, in lexicographic order of positions. */
    static List<int[]> subsets(int[] items, int size) {
        List<int[]> out = new ArrayList<>();
        int[] pos = new int[size];
        for (int i = 0; i < size; i++) {
            pos[i] = i;
        }
        if (size > items.length) {
            return out;
        }
        while (true) {
            int[] subset = new int[size];
            for (int i = 0; i < size; i++) {
                subset[i] = items[pos[i]];
            }
            out.add(subset);
            int i = size - 1;
            while (i >= 0 && pos[i] == items.length - size + i) {
                i--;
            }
            if (i < 0) {
                return out;
            }
            pos[i]++;
            for (int l = i + 1; l < size; l++) {
                pos[l] = pos[l - 1] + 1;
            }
        }
    }

    /** Pearson correlation; {@code NaN} if either variable is constant. */
    public static double pearson(double[] x, double[] y) {
        double mx = ScoredStates.mean(x);
        double my = ScoredStates.mean(y);
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            double dx = x[i] - mx;
            double dy = y[i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        if (!(sxx > 0 && syy > 0)) {
            return Double.NaN;
        }
        return sxy / Math.sqrt(sxx * syy);
    }

    /**
     * {@code R² = 1 − RSS/TSS} of {@code f} regressed on every monomial of total degree {@code ≤ degree} in
     * the standardised invariants {@code (I − mean)/std} of {@code subset} (the constant included);
     * {@code NaN} if {@code f} is constant.
     */
    static double rSquared(double[] f, ScoredStates st, int[] subset, int degree) {
        int n = f.length;
        double mean = ScoredStates.mean(f);
        double tss = ScoredStates.variance(f, mean, 0) * n;
        if (!(tss > 0)) {
            return Double.NaN;
        }
        double[][] z = new double[subset.length][n];
        for (int v = 0; v < subset.length; v++) {
            double[] raw = st.invariantValues[subset[v]];
            double mu = ScoredStates.mean(raw);
            double sd = Math.sqrt(ScoredStates.variance(raw, mu, 0));
            for (int s = 0; s < n; s++) {
                z[v][s] = (raw[s] - mu) / sd;
            }
        }
        List<int[]> exponents = new ArrayList<>();
        monomials(subset.length, new int[subset.length], 0, degree, exponents);
        double[][] columns = new double[exponents.size()][n];
        for (int c = 0; c < exponents.size(); c++) {
            int[] e = exponents.get(c);
            for (int s = 0; s < n; s++) {
                double term = 1;
                for (int v = 0; v < e.length; v++) {
                    for (int p = 0; p < e[v]; p++) {
                        term *= z[v][s];
                    }
                }
                columns[c][s] = term;
            }
        }
        double rss = Linalg.leastSquaresResidual(columns, f, REGRESSION_RANK_TOLERANCE);
        return 1 - rss / tss;
    }

    /**
     * Appends the exponent vectors of all monomials in {@code vars} variables whose exponents from position
     * {@code var} on sum to at most {@code left} (start with {@code var = 0}, {@code left} = the degree).
     */
    static void monomials(int vars, int[] current, int var, int left, List<int[]> out) {
        if (var == vars) {
            out.add(current.clone());
            return;
        }
        for (int e = 0; e <= left; e++) {
            current[var] = e;
            monomials(vars, current, var + 1, left - e, out);
        }
        current[var] = 0;
    }

    /**
     * Mean over groups of the sample standard deviation of {@code f} in the group, over the sample standard
     * deviation of {@code f} on all states; {@code NaN} with one state per group or a constant {@code f}.
     * States are stored group by group, {@code members} each.
     */
    static double withinGroupSpread(double[] f, int groups, int members) {
        if (members < 2 || f.length < 2) {
            return Double.NaN;
        }
        double overall = Math.sqrt(ScoredStates.variance(f, ScoredStates.mean(f), 1));
        if (!(overall > 0)) {
            return Double.NaN;
        }
        double sum = 0;
        double[] group = new double[members];
        for (int g = 0; g < groups; g++) {
            System.arraycopy(f, g * members, group, 0, members);
            sum += Math.sqrt(ScoredStates.variance(group, ScoredStates.mean(group), 1));
        }
        return sum / groups / overall;
    }
}
