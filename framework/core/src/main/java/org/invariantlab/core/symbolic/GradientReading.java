package org.invariantlab.core.symbolic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.invariantlab.api.system.ScalarField;
import org.invariantlab.core.math.Linalg;

/**
 * Reads learned functions by the <em>direction</em> of their input gradients, which is blind to the unknown
 * reparametrisation of a latent (Patel &amp; Wetzel, "Closed-form interpretation of neural network latent spaces with
 * symbolic gradients", arXiv:2409.05305, 2024; methods.md §10).
 *
 * <p>A latent {@code f = g(I)} with an unknown monotone {@code g} has {@code ∇f = g'(I) ∇I}: its direction is that
 * of {@code ∇I} at every state, whatever {@code g} is. A candidate {@code p = Σ_m c_m φ_m} over the library is
 * therefore right when {@code ∇p(x_i)} is parallel to {@code ∇f(x_i)} at the states — for {@code k} latents, when
 * it lies in their span {@code S_i}. With {@code B_i} the {@code d × M} matrix of library gradients at
 * {@code x_i} (projected on the data's tangent space, below) this is a homogeneous least-squares problem, a
 * generalised eigenproblem:
 * <pre>
 *   minimise  u(c) = Σ_i w_i |(1 − S_i S_iᵀ) B_i c|²  /  Σ_i w_i |B_i c|²
 * </pre>
 * {@code u} is the gradient energy of {@code p} that points away from the network's gradients, between 0 and 1;
 * the {@code k} smallest eigenvectors span the readings. The weights start at 1 and are then set to
 * {@code 1/|B_i c|²} of the current solution ({@value #REWEIGHTINGS} times), so that every state counts alike and
 * {@code u} becomes the mean squared sine of the angle between {@code ∇p} and the network's gradients, the
 * misalignment of normalised gradients of Patel &amp; Wetzel.
 *
 * <p><b>The data's tangent space.</b> When the data satisfy constraints (every orbit of {@code kepler-fixed-l}
 * has the same {@code L}; a variable that never changes) the network is trained only on that surface and its
 * gradient across it is arbitrary. Library combinations constant on the data (relative variance below
 * {@value #CONSTANT_ON_DATA}) are such constraints; their gradients span the normal space at each state, and every
 * gradient above is projected on its orthogonal complement before it is compared. Combinations whose tangent
 * gradient vanishes are left out of the solution, and Gauss–Jordan elimination pivots on them first, so that a
 * reading does not carry a multiple of a constraint ({@code E + αL} reads as {@code E} at fixed {@code L}).
 *
 * <p><b>Sparsity.</b> Coefficients are compared in units of each column's root-mean-square tangent gradient.
 * Terms below {@code threshold} times the largest are dropped and the survivors refitted with the largest held at
 * 1 (minimising the misaligned energy), until no term is dropped (sequential thresholding, Brunton, Proctor &amp;
 * Kutz, PNAS 113, 3932, 2016). For several latents a readable basis of the span comes first, by Gauss–Jordan
 * elimination with complete pivoting ({@link JointReading#gaussJordan}).
 */
final class GradientReading {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(GradientReading.class);

    /**
     * Relative variance (of the standardised library's covariance) below which a library combination counts as a
     * constraint of the data. Exact constraints sit at rounding, about 1e-16; near-dependences of a high-degree
     * library on the data were measured down to 1e-13 (Kepler at fixed L, degree 4), so the cut lies between.
     */
    static final double CONSTANT_ON_DATA = 1e-14;

    /**
     * A constraint whose gradient at a state is below this fraction of the sum of its terms' gradient norms is an
     * identity of the library (its gradient vanishes everywhere) and gives no normal direction there.
     */
    static final double IDENTITY_GRADIENT = 1e-6;

    /** Relative tangent-gradient energy below which a library combination has no gradient along the data. */
    static final double NO_TANGENT_GRADIENT = 1e-9;

    /** Sine below which a network gradient adds no new direction to the span at a state. */
    static final double SPAN_RANK_TOLERANCE = 1e-6;

    /** How many times the weights are set from the current solution. */
    static final int REWEIGHTINGS = 2;

    /** A state's weight is capped at this multiple of the median weight, so that near-critical points do not rule. */
    static final double MAX_WEIGHT_RATIO = 100;

    /**
     * One reading.
     *
     * @param coefficients raw coefficient of every library column (no constant: an invariant is defined up to one)
     * @param misalignment mean squared sine of the angle between its gradient and the network's span
     */
    record Reading(double[] coefficients, double misalignment) {
    }

    /**
     * The states with the network's gradients and the data's normal space at each; built once and shared by every
     * library that is tried, so that their misalignments are comparable. It also keeps the last library's column
     * gradients at its states and column values at the grouped states, which every candidate formula reuses; those
     * caches make it a one-thread object (one per reading).
     */
    static final class Geometry {
        final double[][] states;
        /** Orthonormal basis (rows) of the normal space at each state; may be empty. */
        final double[][][] normals;
        /** Orthonormal basis (rows) of the network's projected gradients at each state; empty where they vanish. */
        final double[][][] span;

        private Geometry(double[][] states, double[][][] normals, double[][][] span) {
            this.states = states;
            this.normals = normals;
            this.span = span;
        }

        /**
         * @param states      the states, {@code n × d}
         * @param gradients   {@code gradients[i][j] = ∇f_j(x_i)}
         * @param constraints the library used to find the data's constraints (the largest that will be tried)
         */
        static Geometry of(double[][] states, double[][][] gradients, FeatureLibrary constraints) {
            return of(states, gradients, constraints, 0);
        }

        /**
         * As {@link #of(double[][], double[][][], FeatureLibrary)}, with the number of groups the states come from
         * (0: unknown). With no more groups than library terms, a combination of conserved quantities can be constant
         * on every state by linear algebra alone (as many unknowns as equations), so it cannot be told from a
         * constraint of the data: none is assumed then, and a warning says so.
         */
        static Geometry of(double[][] states, double[][][] gradients, FeatureLibrary constraints, int groups) {
            int n = states.length;
            List<double[]> constraintCoefficients;
            if (groups > 0 && groups <= constraints.size()) {
                constraintCoefficients = List.of();
                if (!constantCombinations(constraints, states).isEmpty()) {
                    LOG.warn("the states come from {} groups, no more than the {} terms of the library: library "
                            + "combinations constant on all of them may be conserved quantities rather than constraints "
                            + "of the data, so none is assumed (give more groups, or hold out more of them, to tell "
                            + "them apart)", groups, constraints.size());
                }
            } else {
                constraintCoefficients = constantCombinations(constraints, states);
            }
            double[][][] normals = new double[n][][];
            double[][][] span = new double[n][][];
            for (int i = 0; i < n; i++) {
                List<double[]> normal = new ArrayList<>(constraintCoefficients.size());
                for (double[] h : constraintCoefficients) {
                    double[] g = new double[states[i].length];
                    double scale = 0;
                    for (int m = 0; m < h.length; m++) {
                        if (h[m] != 0) {
                            double[] term = constraints.gradient(m, states[i]);
                            scale += Math.abs(h[m]) * Linalg.norm(term);
                            for (int c = 0; c < g.length; c++) {
                                g[c] += h[m] * term[c];
                            }
                        }
                    }
                    if (Linalg.norm(g) > IDENTITY_GRADIENT * scale) {
                        normal.add(g);
                    }
                }
                normals[i] = Linalg.orthonormalBasis(normal, SPAN_RANK_TOLERANCE);
                List<double[]> tangent = new ArrayList<>(gradients[i].length);
                for (double[] g : gradients[i]) {
                    tangent.add(Linalg.projectOut(g, normals[i]));
                }
                span[i] = Linalg.orthonormalBasis(tangent, SPAN_RANK_TOLERANCE);
                if (states[i].length - normals[i].length <= span[i].length) {
                    // the network's gradients fill the whole tangent space: every direction would align with them,
                    // so the state tells nothing about a formula and is left out (never an alignment of 1 by default)
                    span[i] = new double[0][];
                }
            }
            if (LOG.isDebugEnabled()) {
                LOG.debug("data constraints: {} library combinations constant on the states; normal space of dimension {} "
                        + "at the first state; network span of dimension {}", constraintCoefficients.size(),
                        normals[0].length, span[0].length);
            }
            return new Geometry(states, normals, span);
        }

        int size() {
            return states.length;
        }

        /**
         * {@code ∇φ_m(x_i)} of one library's columns at the states ({@code d} values per state, state after state),
         * filled a column at a time when a formula first uses it: rounding tries many coefficient vectors over the
         * same library, and each would otherwise differentiate every term (its features by central differences,
         * {@code 2d + 1} evaluations) at every state again — measured: a third of reading Toda-5's deflation stages.
         * Only the library last used is kept (at most its columns × states × {@code d} values).
         */
        private FeatureLibrary cachedLibrary;
        private double[][] cachedColumns;

        /**
         * {@code ∇f(x_i) = Σ_m a_m ∇φ_m(x_i)} of a library formula with coefficients {@code a} at every state, from the
         * cache ({@code d} values per state, state after state): one contiguous {@code axpy} per used column.
         */
        private double[] gradients(FeatureLibrary library, double[] a) {
            if (library != cachedLibrary) {
                cachedLibrary = library;
                cachedColumns = new double[library.size()][];
            }
            int d = states.length == 0 ? 0 : states[0].length;
            double[] g = new double[size() * d];
            for (int m = 0; m < a.length; m++) {
                if (a[m] == 0) {
                    continue;
                }
                if (cachedColumns[m] == null) {
                    double[] column = new double[size() * d];
                    for (int r = 0; r < size(); r++) {
                        System.arraycopy(library.gradient(m, states[r]), 0, column, r * d, d);
                    }
                    cachedColumns[m] = column;
                }
                double[] c = cachedColumns[m];
                double w = a[m];
                for (int x = 0; x < g.length; x++) {
                    g[x] += w * c[x];
                }
            }
            return g;
        }

        private FeatureLibrary valuedLibrary;
        private double[][][] valuedGroups;
        private double[][] columnValues;

        /**
         * {@code Σ_m a_m φ_m(x)} at every state of {@code grouped}, group after group: the library's column values at
         * those states are computed once per column and kept (for the library and groups last used), since the
         * conserved-subspace search measures the spread of many candidate coefficient vectors on the same groups.
         */
        double[] values(FeatureLibrary library, double[] a, double[][][] grouped) {
            if (library != valuedLibrary || grouped != valuedGroups) {
                valuedLibrary = library;
                valuedGroups = grouped;
                columnValues = new double[library.size()][];
            }
            int total = 0;
            for (double[][] group : grouped) {
                total += group.length;
            }
            double[] v = new double[total];
            for (int m = 0; m < a.length; m++) {
                if (a[m] == 0) {
                    continue;
                }
                if (columnValues[m] == null) {
                    double[] column = new double[total];
                    int j = 0;
                    for (double[][] group : grouped) {
                        for (double[] x : group) {
                            column[j++] = library.value(m, x);
                        }
                    }
                    columnValues[m] = column;
                }
                double[] c = columnValues[m];
                double w = a[m];
                for (int j = 0; j < total; j++) {
                    v[j] += w * c[j];
                }
            }
            return v;
        }

        /** {@code ∇p(x_i)} projected on the tangent space. */
        double[] tangent(double[] gradient, int i) {
            return normals[i].length == 0 ? gradient : Linalg.projectOut(gradient, normals[i]);
        }

        /**
         * The mean over the states of the sine of the angle between the tangent gradient of {@code p} and the span
         * of the tangent gradients of {@code others} (1 when {@code others} is empty): 0 when {@code p} is, locally,
         * a function of them.
         */
        double independence(ScalarField p, List<? extends ScalarField> others) {
            if (others.isEmpty()) {
                return 1;
            }
            double sum = 0;
            for (int i = 0; i < size(); i++) {
                double[] t = tangent(p.gradient(states[i].clone()), i);
                double norm = Linalg.norm(t);
                if (!(norm > 0) || !Double.isFinite(norm)) {
                    continue;
                }
                List<double[]> span = new ArrayList<>(others.size());
                for (ScalarField o : others) {
                    span.add(tangent(o.gradient(states[i].clone()), i));
                }
                double[] rest = Linalg.projectOut(t, Linalg.orthonormalBasis(span, SPAN_RANK_TOLERANCE));
                sum += Math.min(1, Linalg.norm(rest) / norm);
            }
            return sum / size();
        }

        /**
         * The mean over the states of {@code |cos|} of the angle between the tangent gradient of {@code p} and the
         * network's span (1: {@code p} is, locally, a function of the latents). States where the network has no
         * gradient along the data are skipped; states where {@code p} has none count as 0.
         */
        double alignment(ScalarField p) {
            double sum = 0;
            int used = 0;
            double[] cached = p instanceof LibraryFormula f ? gradients(f.library(), f.coefficients()) : null;
            for (int i = 0; i < size(); i++) {
                if (span[i].length == 0) {
                    continue;
                }
                used++;
                double[] t = tangent(cached != null ? Arrays.copyOfRange(cached, i * states[i].length,
                        (i + 1) * states[i].length) : p.gradient(states[i].clone()), i);
                double norm = Linalg.norm(t);
                if (!(norm > 0) || !Double.isFinite(norm)) {
                    continue;
                }
                double[] rest = Linalg.projectOut(t, span[i]);
                double sin2 = Math.min(1, Linalg.dot(rest, rest) / (norm * norm));
                sum += Math.sqrt(1 - sin2);
            }
            return used == 0 ? 0 : sum / used;
        }
    }

    private GradientReading() {
    }

    /**
     * At most {@code k} readings of the network's gradients over {@code library}, best first.
     *
     * @param geometry  the states, the network's gradients and the data's tangent spaces
     * @param library   the candidate terms
     * @param k         how many readings (the number of latents)
     * @param threshold relative cut of the sequential thresholding, in {@code [0, 1)}
     */
    static List<Reading> read(Geometry geometry, FeatureLibrary library, int k, double threshold) {
        int n = geometry.size();
        int size = library.size();
        // tangent library gradients b[i][m] (d-vectors)
        double[][][] b = new double[n][size][];
        for (int i = 0; i < n; i++) {
            for (int m = 0; m < size; m++) {
                b[i][m] = geometry.tangent(library.gradient(m, geometry.states[i]), i);
            }
        }
        double[] weights = new double[n];
        for (int i = 0; i < n; i++) {
            weights[i] = geometry.span[i].length == 0 ? 0 : 1;
        }
        Problem problem = null;
        double[][] solution = null;
        for (int round = 0; round <= REWEIGHTINGS; round++) {
            problem = Problem.build(geometry, b, weights);
            solution = problem.smallest(k);
            if (solution.length == 0) {
                return List.of();
            }
            if (round < REWEIGHTINGS) {
                weights = problem.weights(solution, b, geometry);
            }
        }
        if (k >= 2) {
            List<Reading> basis = simplestBasis(problem, library, b, geometry, k, threshold);
            if (basis.size() == k) {
                return basis;
            }
        }
        // a readable basis: constraints pivoted first, then the readings
        int c0 = problem.nullDirections.size();
        double[][] rows = new double[c0 + solution.length][];
        for (int j = 0; j < c0; j++) {
            rows[j] = problem.nullDirections.get(j).clone();
        }
        for (int j = 0; j < solution.length; j++) {
            rows[c0 + j] = solution[j].clone();
        }
        JointReading.gaussJordan(rows, c0);
        List<Reading> out = new ArrayList<>(solution.length);
        for (int j = c0; j < rows.length; j++) {
            double[] scaled = problem.sparsify(rows[j], threshold);
            if (scaled == null) {
                continue;
            }
            double[] raw = new double[size];
            for (int a = 0; a < problem.index.length; a++) {
                raw[problem.index[a]] = scaled[a] / problem.scale[a];
            }
            out.add(new Reading(raw, problem.quotient(scaled)));
        }
        out.sort((x, y) -> Double.compare(x.misalignment(), y.misalignment()));
        return out;
    }

    /** A combination of library columns (raw coefficients) with its quotient {@code u}: the mean squared sine. */
    record Direction(double[] coefficients, double quotient) {
    }

    /**
     * The combinations of a subspace of the library ({@code rows}, raw coefficients) ordered by how well their gradients
     * lie in the network's span: the stationary vectors of the quotient {@code u(c)} of the class comment restricted to
     * the subspace, with every state weighted alike, smallest {@code u} first.
     */
    static List<Direction> alignedWithin(Geometry geometry, FeatureLibrary library, double[][] rows) {
        int r = rows.length;
        int size = library.size();
        double[][] misaligned = new double[r][r];
        double[][] energy = new double[r][r];
        for (int i = 0; i < geometry.size(); i++) {
            if (geometry.span[i].length == 0) {
                continue;
            }
            double[][] columns = new double[size][];
            for (int m = 0; m < size; m++) {
                boolean used = false;
                for (double[] row : rows) {
                    used |= row[m] != 0;
                }
                columns[m] = used ? library.gradient(m, geometry.states[i]) : null;
            }
            double[][] g = new double[r][];
            double[][] rest = new double[r][];
            for (int t = 0; t < r; t++) {
                double[] v = new double[geometry.states[i].length];
                for (int m = 0; m < size; m++) {
                    if (rows[t][m] != 0) {
                        for (int c = 0; c < v.length; c++) {
                            v[c] += rows[t][m] * columns[m][c];
                        }
                    }
                }
                g[t] = geometry.tangent(v, i);
                rest[t] = Linalg.projectOut(g[t], geometry.span[i]);
            }
            double norm = 0;
            for (double[] v : g) {
                norm += Linalg.dot(v, v);
            }
            if (!(norm > 0) || !Double.isFinite(norm)) {
                continue;
            }
            for (int a = 0; a < r; a++) {
                for (int b = 0; b <= a; b++) {
                    misaligned[a][b] += Linalg.dot(rest[a], rest[b]) / norm;
                    energy[a][b] += Linalg.dot(g[a], g[b]) / norm;
                }
            }
        }
        for (int a = 0; a < r; a++) {
            for (int b = 0; b < a; b++) {
                misaligned[b][a] = misaligned[a][b];
                energy[b][a] = energy[a][b];
            }
        }
        Linalg.Eigen m = Linalg.generalizedEigen(misaligned, energy, NO_TANGENT_GRADIENT);
        int q = m.values().length;
        List<Direction> out = new ArrayList<>(q);
        for (int j = q - 1; j >= 0; j--) {
            double[] y = m.vectors()[j];
            double[] c = new double[size];
            for (int t = 0; t < r; t++) {
                for (int x = 0; x < size; x++) {
                    c[x] += y[t] * rows[t][x];
                }
            }
            out.add(new Direction(c, Math.max(0, m.values()[j])));
        }
        return out;
    }

    /**
     * The span of combinations a network's {@code k} outputs determine is everything the library can say about it
     * with a misalignment within {@value #SPAN_FACTOR} times that of the {@code k}-th best direction (functions of the
     * invariants, such as {@code E²} beside {@code E}, and extra conserved combinations, such as the oscillator's
     * {@code x·y+px·py}, are in it too).
     */
    static final double SPAN_FACTOR = 10;

    /**
     * The simplest {@code k} functionally independent combinations of the near-null span ({@link SparseBasis}):
     * sparse candidates, each thresholded and refitted on its support and accepted if its misalignment is within the
     * span's, ordered by terms, degree, variables and misalignment, and kept greedily when independent of those kept
     * (mean sine of the angle between its tangent gradient and theirs at least {@value #BASIS_INDEPENDENCE}).
     * Fewer than {@code k} when no such basis is found (the caller then falls back to elimination).
     */
    private static List<Reading> simplestBasis(Problem problem, FeatureLibrary library, double[][][] b, Geometry geometry,
                                               int k, double threshold) {
        Problem.Span span = problem.span(k, SPAN_FACTOR);
        if (span.vectors().length < k || span.accept() > SPAN_FACTOR * PolynomialInterpreter.EXPLAINED) {
            return List.of(); // some output is not explained by the library: no basis to read, only the k best
        }
        int mu = problem.index.length;
        // in tiers: the j-th element comes from the directions as well aligned as the j-th best one allows (within
        // SPAN_FACTOR of it), so that a sloppy last output cannot make loose candidates take the places of the
        // well-conserved ones
        List<Reading> out = new ArrayList<>();
        List<double[][]> keptGradients = new ArrayList<>();
        java.util.Set<String> tried = new java.util.HashSet<>();
        double[] limits = tierLimits(span.smallest());
        List<double[]> accepted = new ArrayList<>();
        List<Double> quotients = new ArrayList<>();
        List<Integer> order = new ArrayList<>();
        java.util.Set<Integer> used = new java.util.HashSet<>();
        for (int tier = 0; tier < k && out.size() < k; tier++) {
            double limit = limits[tier];
            if (tier == 0 || limit != limits[tier - 1]) { // a new tier: its own candidates
                accepted.clear();
                quotients.clear();
                used.clear();
                for (double[] c : SparseBasis.candidates(span.within(limit))) {
                    double[] scaled = problem.sparsify(c, threshold);
                    if (scaled == null) {
                        continue;
                    }
                    double q = problem.quotient(scaled);
                    StringBuilder key = new StringBuilder();
                    for (int a = 0; a < mu; a++) {
                        key.append(scaled[a] != 0 ? '1' : '0');
                    }
                    if (q <= limit && tried.add(key.toString())) {
                        accepted.add(scaled);
                        quotients.add(q);
                    }
                }
                order.clear();
                for (int i = 0; i < accepted.size(); i++) {
                    order.add(i);
                }
                order.sort((x, y) -> {
                    int[] cx = complexity(accepted.get(x), problem, library);
                    int[] cy = complexity(accepted.get(y), problem, library);
                    for (int t = 0; t < cx.length; t++) {
                        if (cx[t] != cy[t]) {
                            return Integer.compare(cx[t], cy[t]);
                        }
                    }
                    return Double.compare(quotients.get(x), quotients.get(y));
                });
            }
            for (int i : order) {
                if (used.contains(i)) {
                    continue;
                }
                used.add(i);
                double[] scaled = accepted.get(i);
                double[][] g = tangentGradients(scaled, problem, b, geometry);
                if (independent(g, keptGradients, geometry)) {
                    keptGradients.add(g);
                    double[] raw = new double[library.size()];
                    for (int a = 0; a < mu; a++) {
                        raw[problem.index[a]] = scaled[a] / problem.scale[a];
                    }
                    out.add(new Reading(raw, quotients.get(i)));
                    break;
                }
            }
        }
        return out;
    }

    /**
     * The acceptance level of each of the {@code k} best directions: directions whose quotients lie within
     * {@value #SPAN_FACTOR} of their neighbour form one tier (equally well conserved, so the simplest of their span
     * may come in any order), and a tier accepts up to {@value #SPAN_FACTOR} times its largest quotient.
     */
    static double[] tierLimits(double[] smallest) {
        int k = smallest.length;
        double[] limits = new double[k];
        int start = 0;
        for (int j = 1; j <= k; j++) {
            if (j == k || smallest[j] > SPAN_FACTOR * Math.max(smallest[j - 1], 1e-12)) {
                double limit = Math.max(1e-10, SPAN_FACTOR * smallest[j - 1]);
                for (int t = start; t < j; t++) {
                    limits[t] = limit;
                }
                start = j;
            }
        }
        return limits;
    }

    /** A kept combination must differ from the span of those kept before by at least this mean sine. */
    static final double BASIS_INDEPENDENCE = 0.1;

    /** Simplicity of a scaled combination ({@link SparseBasis#complexity}). */
    private static int[] complexity(double[] scaled, Problem problem, FeatureLibrary library) {
        return SparseBasis.complexity(library, IntStream.range(0, scaled.length).filter(a -> scaled[a] != 0)
                .map(a -> problem.index[a]).toArray());
    }

    /** The combination's tangent gradient at every state of the geometry. */
    private static double[][] tangentGradients(double[] scaled, Problem problem, double[][][] b, Geometry geometry) {
        int n = geometry.size();
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) {
            double[] g = new double[geometry.states[i].length];
            for (int a = 0; a < scaled.length; a++) {
                if (scaled[a] != 0) {
                    double coefficient = scaled[a] / problem.scale[a];
                    double[] column = b[i][problem.index[a]];
                    for (int t = 0; t < g.length; t++) {
                        g[t] += coefficient * column[t];
                    }
                }
            }
            out[i] = g;
        }
        return out;
    }

    /** Whether {@code g} is functionally independent of {@code kept}: mean sine to their span at least the bound. */
    private static boolean independent(double[][] g, List<double[][]> kept, Geometry geometry) {
        double sum = 0;
        int count = 0;
        for (int i = 0; i < g.length; i++) {
            double norm = Linalg.norm(g[i]);
            if (!(norm > 0)) {
                continue;
            }
            List<double[]> others = new ArrayList<>();
            for (double[][] k : kept) {
                others.add(k[i]);
            }
            double[][] basis = Linalg.orthonormalBasis(others, SPAN_RANK_TOLERANCE);
            double[] rest = Linalg.projectOut(g[i], basis);
            sum += Linalg.norm(rest) / norm;
            count++;
        }
        return count > 0 && sum / count >= BASIS_INDEPENDENCE;
    }

    /** The weighted matrices of the quotient, in coordinates scaled by each column's RMS tangent gradient. */
    private static final class Problem {
        final int[] index;
        final double[] scale;
        final double[][] misaligned;
        final double[][] energy;
        final List<double[]> nullDirections = new ArrayList<>();
        private double[][] whitened;

        private Problem(int[] index, double[] scale, double[][] misaligned, double[][] energy) {
            this.index = index;
            this.scale = scale;
            this.misaligned = misaligned;
            this.energy = energy;
        }

        static Problem build(Geometry geometry, double[][][] b, double[] weights) {
            int n = geometry.size();
            int size = b[0].length;
            int d = geometry.states[0].length;
            double[][] misaligned = new double[size][size];
            double[][] energy = new double[size][size];
            double totalWeight = 0;
            double[][] r = new double[size][];
            for (int i = 0; i < n; i++) {
                double w = weights[i];
                if (w == 0) {
                    continue;
                }
                totalWeight += w;
                for (int m = 0; m < size; m++) {
                    r[m] = Linalg.projectOut(b[i][m], geometry.span[i]);
                }
                for (int p = 0; p < size; p++) {
                    double[] bp = b[i][p];
                    double[] rp = r[p];
                    for (int q = 0; q <= p; q++) {
                        double[] bq = b[i][q];
                        double[] rq = r[q];
                        double e = 0;
                        double u = 0;
                        for (int c = 0; c < d; c++) {
                            e += bp[c] * bq[c];
                            u += rp[c] * rq[c];
                        }
                        energy[p][q] += w * e;
                        misaligned[p][q] += w * u;
                    }
                }
            }
            if (!(totalWeight > 0)) {
                return new Problem(new int[0], new double[0], new double[0][0], new double[0][0]);
            }
            double largest = 0;
            for (int m = 0; m < size; m++) {
                largest = Math.max(largest, energy[m][m]);
            }
            double floor = NO_TANGENT_GRADIENT * largest;
            int[] index = IntStream.range(0, size).filter(m -> energy[m][m] > floor).toArray();
            int mu = index.length;
            double[] scale = new double[mu];
            for (int a = 0; a < mu; a++) {
                scale[a] = Math.sqrt(energy[index[a]][index[a]] / totalWeight);
            }
            double[][] u = new double[mu][mu];
            double[][] e = new double[mu][mu];
            for (int a = 0; a < mu; a++) {
                for (int c = 0; c <= a; c++) {
                    int p = Math.max(index[a], index[c]);
                    int q = Math.min(index[a], index[c]);
                    double s = totalWeight * scale[a] * scale[c];
                    u[a][c] = misaligned[p][q] / s;
                    u[c][a] = u[a][c];
                    e[a][c] = energy[p][q] / s;
                    e[c][a] = e[a][c];
                }
            }
            return new Problem(index, scale, u, e);
        }

        /** The {@code k} generalised eigenvectors with the smallest quotient, in scaled coordinates. */
        double[][] smallest(int k) {
            int mu = index.length;
            if (mu == 0) {
                return new double[0][];
            }
            Linalg.Eigen ee = Linalg.symmetricEigen(energy);
            double top = ee.values()[0];
            List<double[]> white = new ArrayList<>();
            nullDirections.clear();
            for (int r = 0; r < mu; r++) {
                double lambda = ee.values()[r];
                if (lambda > NO_TANGENT_GRADIENT * top) {
                    double[] w = ee.vectors()[r].clone();
                    double s = 1 / Math.sqrt(lambda);
                    for (int a = 0; a < mu; a++) {
                        w[a] *= s;
                    }
                    white.add(w);
                } else {
                    nullDirections.add(ee.vectors()[r].clone());
                }
            }
            whitened = white.toArray(new double[0][]);
            int rw = whitened.length;
            Linalg.Eigen he = whitenedEigen();
            int keep = Math.min(k, rw);
            double[][] out = new double[keep][];
            for (int j = 0; j < keep; j++) {
                out[j] = unwhiten(he.vectors()[rw - 1 - j]); // smallest eigenvalues last
            }
            return out;
        }

        /** The eigen-decomposition of the misaligned energy in whitened coordinates (the quotient's eigenproblem). */
        private Linalg.Eigen whitenedEigen() {
            int rw = whitened.length;
            double[][] h = new double[rw][rw];
            for (int p = 0; p < rw; p++) {
                double[] up = multiply(misaligned, whitened[p]);
                for (int q = 0; q <= p; q++) {
                    double v = Linalg.dot(up, whitened[q]);
                    h[p][q] = v;
                    h[q][p] = v;
                }
            }
            return Linalg.symmetricEigen(h);
        }

        /** A whitened vector back in scaled coordinates. */
        private double[] unwhiten(double[] y) {
            double[] c = new double[index.length];
            for (int r = 0; r < whitened.length; r++) {
                for (int a = 0; a < c.length; a++) {
                    c[a] += y[r] * whitened[r][a];
                }
            }
            return c;
        }

        /**
         * The near-null span and its acceptance level.
         *
         * @param vectors directions (scaled coordinates) with a quotient at most {@code accept}
         * @param accept  {@code factor} times the {@code k}-th smallest quotient (and at least 10⁻¹⁰)
         * @param smallest the {@code k} smallest quotients, ascending
         * @param values  the quotient of each of {@code vectors}, ascending
         */
        record Span(double[][] vectors, double accept, double[] smallest, double[] values) {

            /** The directions with a quotient at most {@code limit} (a prefix of {@code vectors}). */
            double[][] within(double limit) {
                int n = 0;
                while (n < vectors.length && values[n] <= limit) {
                    n++;
                }
                return java.util.Arrays.copyOf(vectors, n);
            }
        }

        /** Every generalised eigenvector within {@code factor} of the {@code k}-th smallest quotient. */
        Span span(int k, double factor) {
            int mu = index.length;
            if (mu == 0 || whitened == null) {
                return new Span(new double[0][], 0, new double[0], new double[0]);
            }
            int rw = whitened.length;
            Linalg.Eigen he = whitenedEigen();
            double[] values = he.values(); // descending: the smallest last
            if (rw < k) {
                return new Span(new double[0][], 0, new double[0], new double[0]);
            }
            double[] smallest = new double[k];
            for (int j = 0; j < k; j++) {
                smallest[j] = Math.max(0, values[rw - 1 - j]);
            }
            double accept = Math.max(1e-10, factor * Math.max(0, values[rw - k]));
            List<double[]> out = new ArrayList<>();
            List<Double> kept = new ArrayList<>();
            for (int j = rw - 1; j >= 0 && values[j] <= accept; j--) {
                kept.add(Math.max(0, values[j]));
                out.add(unwhiten(he.vectors()[j]));
            }
            return new Span(out.toArray(new double[0][]), accept, smallest,
                    kept.stream().mapToDouble(Double::doubleValue).toArray());
        }

        /** Weights {@code 1/|B_i c|²} averaged over the readings, normalised to mean 1 and capped. */
        double[] weights(double[][] solution, double[][][] b, Geometry geometry) {
            int n = b.length;
            double[] w = new double[n];
            double[] positive = new double[n];
            int count = 0;
            for (int i = 0; i < n; i++) {
                if (geometry.span[i].length == 0) {
                    continue;
                }
                double sum = 0;
                for (double[] c : solution) {
                    double[] g = new double[geometry.states[i].length];
                    for (int a = 0; a < index.length; a++) {
                        double coefficient = c[a] / scale[a];
                        double[] column = b[i][index[a]];
                        for (int t = 0; t < g.length; t++) {
                            g[t] += coefficient * column[t];
                        }
                    }
                    sum += Linalg.dot(g, g);
                }
                double mean = sum / solution.length;
                if (mean > 0 && Double.isFinite(mean)) {
                    w[i] = 1 / mean;
                    positive[count++] = w[i];
                }
            }
            if (count == 0) {
                return w;
            }
            double[] sorted = Arrays.copyOf(positive, count);
            Arrays.sort(sorted);
            double cap = MAX_WEIGHT_RATIO * sorted[count / 2];
            double total = 0;
            for (int i = 0; i < n; i++) {
                w[i] = Math.min(w[i], cap);
                total += w[i];
            }
            double norm = count / total;
            for (int i = 0; i < n; i++) {
                w[i] *= norm;
            }
            return w;
        }

        /** {@code cᵀUc / cᵀEc}. */
        double quotient(double[] c) {
            double e = Linalg.dot(c, multiply(energy, c));
            return e > 0 ? Math.max(0, Linalg.dot(c, multiply(misaligned, c)) / e) : 1.0;
        }

        /**
         * Sequential thresholding of {@code c} (scaled coordinates): drop terms below {@code threshold} times the
         * largest, refit the rest with the largest held at 1, until nothing is dropped; {@code null} if nothing
         * is left.
         */
        double[] sparsify(double[] c, double threshold) {
            int mu = c.length;
            boolean[] active = new boolean[mu];
            for (int a = 0; a < mu; a++) {
                active[a] = c[a] != 0;
            }
            double[] current = c.clone();
            for (int round = 0; round <= mu; round++) {
                int lead = largest(current, active);
                if (lead < 0) {
                    return null;
                }
                double cut = threshold * Math.abs(current[lead]);
                boolean changed = false;
                for (int a = 0; a < mu; a++) {
                    if (active[a] && Math.abs(current[a]) < cut) {
                        active[a] = false;
                        changed = true;
                    }
                }
                current = refit(active, lead);
                if (!changed && round > 0) {
                    break;
                }
            }
            return current;
        }

        /** Minimises {@code cᵀUc} over the active terms with {@code c_lead = 1}. */
        private double[] refit(boolean[] active, int lead) {
            int mu = active.length;
            int[] free = IntStream.range(0, mu).filter(a -> active[a] && a != lead).toArray();
            double[] c = new double[mu];
            c[lead] = 1;
            if (free.length == 0) {
                return c;
            }
            int f = free.length;
            double[][] a = new double[f][f];
            double[] rhs = new double[f];
            double trace = 0;
            for (int p = 0; p < f; p++) {
                trace += misaligned[free[p]][free[p]] + energy[free[p]][free[p]];
            }
            // a tiny ridge on the energy keeps directions without misaligned energy (a constraint) at 0
            double ridge = 1e-12 * trace / f;
            for (int p = 0; p < f; p++) {
                for (int q = 0; q < f; q++) {
                    a[p][q] = misaligned[free[p]][free[q]] + ridge * energy[free[p]][free[q]];
                }
                rhs[p] = -misaligned[free[p]][lead] - ridge * energy[free[p]][lead];
            }
            double[] x = Linalg.solveSymmetric(a, rhs);
            for (int p = 0; p < f; p++) {
                c[free[p]] = x[p];
            }
            return c;
        }

        private static int largest(double[] c, boolean[] active) {
            int lead = -1;
            for (int a = 0; a < c.length; a++) {
                if (active[a] && c[a] != 0 && (lead < 0 || Math.abs(c[a]) > Math.abs(c[lead]))) {
                    lead = a;
                }
            }
            return lead;
        }

        private static double[] multiply(double[][] m, double[] v) {
            double[] out = new double[m.length];
            for (int p = 0; p < m.length; p++) {
                out[p] = Linalg.dot(m[p], v);
            }
            return out;
        }
    }

    /**
     * Coefficient vectors (raw, per library column) of the combinations that are constant on the states: the
     * columns that do not vary, and the directions of the standardised covariance with relative variance below
     * {@value #CONSTANT_ON_DATA}.
     */
    static List<double[]> constantCombinations(FeatureLibrary library, double[][] states) {
        int size = library.size();
        int n = states.length;
        double[][] z = new double[size][n];
        double[] sd = new double[size];
        List<double[]> out = new ArrayList<>();
        List<Integer> varying = new ArrayList<>();
        for (int m = 0; m < size; m++) {
            double mean = 0;
            for (int i = 0; i < n; i++) {
                z[m][i] = library.value(m, states[i]);
                mean += z[m][i];
            }
            mean /= n;
            double ss = 0;
            for (int i = 0; i < n; i++) {
                z[m][i] -= mean;
                ss += z[m][i] * z[m][i];
            }
            sd[m] = Math.sqrt(ss / n);
            if (sd[m] > 1e-12 * Math.max(1, Math.abs(mean)) && Double.isFinite(sd[m])) {
                varying.add(m);
                for (int i = 0; i < n; i++) {
                    z[m][i] /= sd[m];
                }
            } else {
                double[] unit = new double[size];
                unit[m] = 1;
                out.add(unit);
            }
        }
        int mu = varying.size();
        double[][] t = new double[mu][mu];
        for (int a = 0; a < mu; a++) {
            for (int c = 0; c <= a; c++) {
                double v = Linalg.dot(z[varying.get(a)], z[varying.get(c)]) / n;
                t[a][c] = v;
                t[c][a] = v;
            }
        }
        if (mu == 0) {
            return out;
        }
        Linalg.Eigen te = Linalg.symmetricEigen(t);
        double top = te.values()[0];
        if (LOG.isDebugEnabled()) {
            StringBuilder sb = new StringBuilder();
            for (int r = 0; r < mu; r++) {
                if (te.values()[r] < 1e-6 * top) {
                    sb.append(String.format(java.util.Locale.ROOT, " %.1e", te.values()[r] / top));
                }
            }
            LOG.debug("library of degree {} products {}: relative variances below 1e-6:{}", library.degree(),
                    library.productDegree(), sb);
        }
        for (int r = 0; r < mu; r++) {
            if (!(te.values()[r] > CONSTANT_ON_DATA * top)) {
                double[] h = new double[size];
                for (int a = 0; a < mu; a++) {
                    h[varying.get(a)] = te.vectors()[r][a] / sd[varying.get(a)];
                }
                out.add(h);
                if (LOG.isDebugEnabled()) {
                    StringBuilder sb = new StringBuilder();
                    for (int m = 0; m < size; m++) {
                        if (Math.abs(h[m]) > 1e-6 * Linalg.norm(h)) {
                            sb.append(String.format(java.util.Locale.ROOT, " %+.4g*%s", h[m], library.column(m).name()));
                        }
                    }
                    LOG.debug("constant on the data:{}", sb);
                }
            }
        }
        return out;
    }
}
