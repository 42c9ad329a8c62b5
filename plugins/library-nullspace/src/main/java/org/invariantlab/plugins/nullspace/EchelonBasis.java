package org.invariantlab.plugins.nullspace;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.invariantlab.api.system.CanonicalLayout;

/**
 * A simple basis of a nullspace and the functionally independent quantities in it.
 *
 * <p><b>Echelon form.</b> The nullspace vectors (coefficients over the library's columns, which come in order of
 * decreasing complexity, {@link FunctionLibrary}) are brought to reduced row echelon form with partial pivoting.
 * Row {@code r} is zero left of its pivot column, so the last rows use only the simplest columns: the number of
 * rows of polynomial degree ≤ {@code k} is the dimension of the nullspace's intersection with the polynomials of
 * degree ≤ {@code k}, and each row is sparse (zero in every other row's pivot). On the isotropic oscillator's
 * quadratic nullspace this gives {@code x²+p_x²}, {@code xy+p_xp_y}, {@code xp_y−yp_x}, {@code y²+p_y²}.
 *
 * <p><b>Functional independence.</b> A polynomial nullspace holds every product of conserved quantities
 * ({@code E²}, {@code E·L}, …); the count is the number of independent ones, the generic rank of their gradients.
 * Rows are taken simplest first and kept when they raise the rank of the kept rows' gradients at most probe states
 * (rank: Gram–Schmidt with a sine tolerance of at least {@value #RANK_TOLERANCE}, larger when the nullspace is
 * known less exactly: {@link LibraryNullspace}).
 *
 * <p><b>Involution.</b> With a canonical layout, the largest set of kept-or-not rows that are independent and pairwise
 * Poisson-commute, grown greedily from every row in turn: a lower bound on the count in involution from the
 * basis elements (a commuting set made of combinations of rows is not searched).
 */
final class EchelonBasis {

    /** Sine of the angle below which a gradient counts as in the span of others (as the host's rank of the truth). */
    static final double RANK_TOLERANCE = 1e-6;

    private EchelonBasis() {
    }

    /**
     * The reduced row echelon form of {@code rows} (each a vector over the columns, in column order); entries below
     * {@code tolerance} times a row's largest are zero. Rows are returned simplest first (the reverse of echelon
     * order), each scaled to largest coefficient 1.
     */
    static List<double[]> reduce(List<double[]> rows, double tolerance) {
        int m = rows.size();
        if (m == 0) {
            return List.of();
        }
        int n = rows.get(0).length;
        double[][] a = new double[m][];
        for (int i = 0; i < m; i++) {
            a[i] = rows.get(i).clone();
        }
        double scale = 0;
        for (double[] r : a) {
            for (double v : r) {
                scale = Math.max(scale, Math.abs(v));
            }
        }
        int row = 0;
        for (int col = 0; col < n && row < m; col++) {
            int best = row;
            for (int i = row + 1; i < m; i++) {
                if (Math.abs(a[i][col]) > Math.abs(a[best][col])) {
                    best = i;
                }
            }
            if (Math.abs(a[best][col]) <= tolerance * scale) {
                continue;
            }
            double[] t = a[row];
            a[row] = a[best];
            a[best] = t;
            double p = a[row][col];
            for (int j = 0; j < n; j++) {
                a[row][j] /= p;
            }
            for (int i = 0; i < m; i++) {
                if (i != row && a[i][col] != 0) {
                    double f = a[i][col];
                    for (int j = 0; j < n; j++) {
                        a[i][j] -= f * a[row][j];
                    }
                }
            }
            row++;
        }
        List<double[]> out = new ArrayList<>();
        for (int i = row - 1; i >= 0; i--) {
            double largest = 0;
            for (double v : a[i]) {
                largest = Math.max(largest, Math.abs(v));
            }
            for (int j = 0; j < n; j++) {
                a[i][j] = Math.abs(a[i][j]) <= tolerance * largest ? 0 : a[i][j] / largest;
            }
            out.add(a[i]);
        }
        return out;
    }

    /** The gradients of combination {@code c} at each probe state: {@code out[p] = Σ_j c_j ∇φ_j(x_p)}. */
    static double[][] gradients(double[] c, List<double[][]> probeGradients) {
        double[][] out = new double[probeGradients.size()][];
        for (int p = 0; p < out.length; p++) {
            double[][] g = probeGradients.get(p);
            double[] v = new double[g.length];
            for (int k = 0; k < g.length; k++) {
                double s = 0;
                for (int j = 0; j < c.length; j++) {
                    s += c[j] * g[k][j];
                }
                v[k] = s;
            }
            out[p] = v;
        }
        return out;
    }

    /**
     * The indices of the rows kept as functionally independent, simplest first: row {@code r} is kept when its
     * gradient is outside the span of the kept rows' gradients at more than half of the probe states.
     *
     * @param gradients per row, its gradient at each probe state ({@link #gradients})
     */
    static List<Integer> independent(List<double[][]> gradients, double rankTolerance) {
        List<Integer> kept = new ArrayList<>();
        for (int r = 0; r < gradients.size(); r++) {
            if (raisesRank(kept, r, gradients, rankTolerance)) {
                kept.add(r);
            }
        }
        return kept;
    }

    /**
     * The size of the largest set of rows that are functionally independent and pairwise commute (normalised bracket
     * {@code rms{f,g} / sqrt(mean |∇f|²|∇g|²)} below {@code bracketTolerance}), grown greedily from each row.
     */
    static int inInvolution(List<double[][]> gradients, CanonicalLayout layout, double bracketTolerance,
                            double rankTolerance) {
        int best = 0;
        for (int start = 0; start < gradients.size(); start++) {
            List<Integer> set = new ArrayList<>(List.of(start));
            if (!raisesRank(List.of(), start, gradients, rankTolerance)) {
                continue;
            }
            for (int r = 0; r < gradients.size(); r++) {
                if (r == start) {
                    continue;
                }
                boolean commutes = true;
                for (int s : set) {
                    if (bracket(gradients.get(r), gradients.get(s), layout) > bracketTolerance) {
                        commutes = false;
                        break;
                    }
                }
                if (commutes && raisesRank(set, r, gradients, rankTolerance)) {
                    set.add(r);
                }
            }
            best = Math.max(best, set.size());
        }
        return best;
    }

    /** The normalised Poisson bracket of two functions over the probe states. */
    static double bracket(double[][] a, double[][] b, CanonicalLayout layout) {
        double num = 0;
        double den = 0;
        for (int p = 0; p < a.length; p++) {
            double br = layout.poissonBracket(a[p], b[p]);
            num += br * br;
            den += dot(a[p], a[p]) * dot(b[p], b[p]);
        }
        return den > 0 ? Math.sqrt(num / den) : Double.POSITIVE_INFINITY;
    }

    private static boolean raisesRank(List<Integer> kept, int r, List<double[][]> gradients, double tolerance) {
        int probes = gradients.get(r).length;
        int raised = 0;
        for (int p = 0; p < probes; p++) {
            List<double[]> basis = new ArrayList<>();
            for (int k : kept) {
                Optional<double[]> u = orthogonalUnit(gradients.get(k)[p], basis, tolerance);
                u.ifPresent(basis::add);
            }
            if (orthogonalUnit(gradients.get(r)[p], basis, tolerance).isPresent()) {
                raised++;
            }
        }
        return 2 * raised > probes;
    }

    /** {@code v} minus its projection on the orthonormal {@code basis}, normalised; empty when the sine is tiny. */
    private static Optional<double[]> orthogonalUnit(double[] v, List<double[]> basis, double tolerance) {
        double norm = Math.sqrt(dot(v, v));
        if (!(norm > 0)) {
            return Optional.empty();
        }
        double[] w = v.clone();
        for (int pass = 0; pass < 2; pass++) {
            for (double[] b : basis) {
                double c = dot(w, b);
                for (int i = 0; i < w.length; i++) {
                    w[i] -= c * b[i];
                }
            }
        }
        double rest = Math.sqrt(dot(w, w));
        if (rest <= tolerance * norm) {
            return Optional.empty();
        }
        for (int i = 0; i < w.length; i++) {
            w[i] /= rest;
        }
        return Optional.of(w);
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
