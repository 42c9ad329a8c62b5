package org.invariantlab.core.symbolic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.invariantlab.core.math.Linalg;

/**
 * Reads several learned functions {@code f_1..f_k} together: finds the polynomials of the library that are
 * functions of the latents on the data, and returns a sparse basis of them.
 *
 * <p>A network with {@code k} outputs trained on groups that share {@code k} invariants learns <em>some</em>
 * invertible mixture {@code f = g(I_1..I_k)}; reading each {@code f_j} alone gives a tangle of all of them.
 * The invariants themselves are the library combinations {@code p = Σ c_m φ_m} that are (smooth) functions of
 * the latents. On the states {@code x_i} this is a generalised eigenproblem in the spirit of canonical
 * correlation and of Breiman &amp; Friedman's alternating conditional expectations (J. Am. Stat. Assoc. 80,
 * 580, 1985):
 * <pre>
 *   minimise  u(c) = |(1 − Π) p|² / |p − p̄|²,    p = Σ_m c_m φ_m(x_i)
 * </pre>
 * where {@code Π} projects onto the span of all monomials of degree at most {@code latentDegree} in the
 * standardised latents (the constant included), a low-degree model of the unknown reparametrisation
 * {@code g⁻¹}. {@code u} is the fraction of the variance of {@code p} that is <em>not</em> a function of the
 * latents; an invariant the network learned has {@code u ≈ 0}, an unrelated polynomial {@code u ≈ 1}.
 *
 * <ol>
 *   <li>Standardise the library columns on the data and whiten them: with {@code T = ZᵀZ/n = U Λ Uᵀ}, keep
 *       the directions with {@code λ > }{@value #CONSTANT_ON_DATA}{@code ·λ_max}. Combinations below that are
 *       constant on the data (e.g. {@code L} when every orbit has the same angular momentum): they carry no
 *       information and are left out rather than reported as trivial invariants.</li>
 *   <li>In whitened coordinates {@code u} is the Rayleigh quotient of {@code R = I − (QY)ᵀ(QY)/n}, {@code Q}
 *       an orthonormal basis of the latent monomials; its eigenvectors with the {@code k} smallest
 *       eigenvalues span the readings.</li>
 *   <li>A readable basis of that span: Gauss–Jordan elimination with complete pivoting on the standardised
 *       coefficients, so that each basis polynomial owns one term the others lack (for the span of
 *       {@code L} and {@code E} this gives {@code L} and {@code E}, not two mixtures).</li>
 * </ol>
 * Normalising, thresholding, rationalising and simplifying each basis polynomial is the caller's part.
 */
final class JointReading {

    /** Relative variance below which a library combination counts as constant on the data. */
    static final double CONSTANT_ON_DATA = 1e-10;

    /** Relative size below which a column of the latent design is taken as dependent on the earlier ones. */
    private static final double RANK_TOLERANCE = 1e-8;

    private JointReading() {
    }

    /**
     * One basis polynomial.
     *
     * @param coefficients raw coefficient of every library column (the constant is left free)
     * @param unexplained  fraction of its variance on the data that is not a function of the latents
     */
    record Reading(double[] coefficients, double unexplained) {
    }

    /**
     * The library polynomials that are functions of the latents, at most {@code latents.length}, best first.
     *
     * @param columns      {@code columns[m][i] = φ_m(x_i)}
     * @param usable       which columns vary on the data (others are ignored)
     * @param latents      {@code latents[j][i] = f_j(x_i)}
     * @param latentDegree degree of the model of the reparametrisation
     */
    static List<Reading> read(double[][] columns, boolean[] usable, double[][] latents, int latentDegree) {
        int m = columns.length;
        int n = latents[0].length;
        int[] index = usableIndices(usable);
        int mu = index.length;
        double[] sd = new double[m];
        double[][] z = new double[mu][];
        for (int a = 0; a < mu; a++) {
            double[] col = columns[index[a]];
            double mean = mean(col);
            double s = Math.sqrt(centredSquares(col, mean) / n);
            sd[index[a]] = s;
            z[a] = new double[n];
            for (int i = 0; i < n; i++) {
                z[a][i] = (col[i] - mean) / s;
            }
        }
        // whitening: T = Zᵀ Z / n = U Λ Uᵀ, keep directions that vary on the data
        double[][] t = new double[mu][mu];
        for (int a = 0; a < mu; a++) {
            for (int b = 0; b <= a; b++) {
                double v = Linalg.dot(z[a], z[b]) / n;
                t[a][b] = v;
                t[b][a] = v;
            }
        }
        Linalg.Eigen te = Linalg.jacobiEigen(t); // whitening divides by the small eigenvalues: Jacobi's accuracy
        List<double[]> whiteDirections = new ArrayList<>();
        List<double[]> constantOnData = new ArrayList<>();
        double top = te.values()[0];
        for (int r = 0; r < mu; r++) {
            if (!(te.values()[r] > CONSTANT_ON_DATA * top)) {
                constantOnData.add(te.vectors()[r].clone());
            } else {
                double[] w = te.vectors()[r].clone();
                double scale = 1 / Math.sqrt(te.values()[r]);
                for (int a = 0; a < mu; a++) {
                    w[a] *= scale;
                }
                whiteDirections.add(w);
            }
        }
        int rw = whiteDirections.size();
        double[][] y = new double[rw][];
        for (int r = 0; r < rw; r++) {
            y[r] = combine(z, whiteDirections.get(r), n);
        }
        double[][] q = Linalg.orthonormalBasis(latentMonomials(latents, latentDegree), RANK_TOLERANCE);
        // R = I − (Q Y)ᵀ (Q Y) / n in whitened coordinates (the rows of Q have norm 1, those of Y norm √n)
        double[][] qy = new double[q.length][rw];
        for (int p = 0; p < q.length; p++) {
            for (int r = 0; r < rw; r++) {
                qy[p][r] = Linalg.dot(q[p], y[r]);
            }
        }
        double[][] residual = new double[rw][rw];
        for (int r = 0; r < rw; r++) {
            for (int s = 0; s <= r; s++) {
                double v = 0;
                for (double[] row : qy) {
                    v += row[r] * row[s];
                }
                v = (r == s ? 1.0 : 0.0) - v / n;
                residual[r][s] = v;
                residual[s][r] = v;
            }
        }
        Linalg.Eigen re = Linalg.jacobiEigen(residual);
        int keep = Math.min(latents.length, rw);
        int c0 = constantOnData.size();
        double[][] rows = new double[c0 + keep][];
        for (int j = 0; j < c0; j++) {
            rows[j] = constantOnData.get(j);
        }
        for (int j = 0; j < keep; j++) {
            double[] v = re.vectors()[rw - 1 - j]; // smallest eigenvalues last
            double[] row = new double[mu];
            for (int r = 0; r < rw; r++) {
                double[] w = whiteDirections.get(r);
                for (int a = 0; a < mu; a++) {
                    row[a] += v[r] * w[a];
                }
            }
            rows[c0 + j] = row;
        }
        // the combinations constant on the data are pivoted first, so that the readings lose the terms a
        // constant could trade with (E + αL reads as E at fixed L)
        gaussJordan(rows, c0);
        List<Reading> out = new ArrayList<>(keep);
        for (int j = c0; j < rows.length; j++) {
            double[] row = rows[j];
            double[] raw = new double[m];
            for (int a = 0; a < mu; a++) {
                raw[index[a]] = row[a] / sd[index[a]];
            }
            out.add(new Reading(raw, unexplained(combine(columns, raw, n), q)));
        }
        out.sort((a, b) -> Double.compare(a.unexplained(), b.unexplained()));
        return out;
    }

    /**
     * Fraction of the variance of {@code p} outside the span of the orthonormal rows of {@code q} (which
     * contain the constant direction); 1 for a {@code p} constant on the data.
     */
    static double unexplained(double[] p, double[][] q) {
        double mean = mean(p);
        double total = centredSquares(p, mean);
        if (!(total > 0)) {
            return 1.0;
        }
        double[] r = Linalg.projectOut(p, q);
        return Math.min(1.0, Linalg.dot(r, r) / total);
    }

    /** The unexplained fraction of {@code p} against the latent monomials of {@code latents}. */
    static double unexplained(double[] p, double[][] latents, int latentDegree) {
        return unexplained(p, Linalg.orthonormalBasis(latentMonomials(latents, latentDegree), RANK_TOLERANCE));
    }

    /** All monomials of degree 0..{@code degree} in the standardised latents, as vectors over the states. */
    static List<double[]> latentMonomials(double[][] latents, int degree) {
        int k = latents.length;
        int n = latents[0].length;
        double[][] u = new double[k][n];
        for (int j = 0; j < k; j++) {
            double mean = mean(latents[j]);
            double s = Math.sqrt(centredSquares(latents[j], mean) / n);
            double scale = s > 0 ? 1 / s : 1;
            for (int i = 0; i < n; i++) {
                u[j][i] = (latents[j][i] - mean) * scale;
            }
        }
        List<double[]> out = new ArrayList<>();
        double[] one = new double[n];
        Arrays.fill(one, 1.0);
        out.add(one);
        List<double[]> previous = List.of(one);
        List<int[]> lastVariable = List.of(new int[] {0});
        for (int d = 1; d <= degree; d++) {
            List<double[]> next = new ArrayList<>();
            List<int[]> nextLast = new ArrayList<>();
            for (int p = 0; p < previous.size(); p++) {
                for (int j = lastVariable.get(p)[0]; j < k; j++) {
                    double[] v = new double[n];
                    for (int i = 0; i < n; i++) {
                        v[i] = previous.get(p)[i] * u[j][i];
                    }
                    next.add(v);
                    nextLast.add(new int[] {j});
                }
            }
            out.addAll(next);
            previous = next;
            lastVariable = nextLast;
        }
        return out;
    }

    /**
     * Reduced row echelon form with complete pivoting, in place: each step takes the entry of largest
     * magnitude among the rows not yet used (the first {@code first} rows before all others), scales its row
     * to make it 1 and removes its column from every other row. Rows are first scaled to a largest entry of 1,
     * so that the pivots compare shapes, not lengths.
     */
    static void gaussJordan(double[][] rows, int first) {
        int k = rows.length;
        if (k == 0) {
            return;
        }
        int width = rows[0].length;
        for (double[] row : rows) {
            double max = 0;
            for (double v : row) {
                max = Math.max(max, Math.abs(v));
            }
            if (max > 0) {
                for (int c = 0; c < width; c++) {
                    row[c] /= max;
                }
            }
        }
        boolean[] used = new boolean[k];
        for (int step = 0; step < k; step++) {
            int pr = -1;
            int pc = -1;
            double best = 0;
            for (int r = 0; r < k; r++) {
                if (used[r] || (step < first) != (r < first)) {
                    continue;
                }
                for (int c = 0; c < width; c++) {
                    if (Math.abs(rows[r][c]) > best) {
                        best = Math.abs(rows[r][c]);
                        pr = r;
                        pc = c;
                    }
                }
            }
            if (pr < 0) {
                return;
            }
            used[pr] = true;
            double pivot = rows[pr][pc];
            for (int c = 0; c < width; c++) {
                rows[pr][c] /= pivot;
            }
            for (int r = 0; r < k; r++) {
                if (r != pr) {
                    double f = rows[r][pc];
                    for (int c = 0; c < width; c++) {
                        rows[r][c] -= f * rows[pr][c];
                    }
                    rows[r][pc] = 0;
                }
            }
        }
    }

    private static int[] usableIndices(boolean[] usable) {
        return IntStream.range(0, usable.length).filter(m -> usable[m]).toArray();
    }

    private static double[] combine(double[][] vectors, double[] weights, int n) {
        double[] out = new double[n];
        for (int a = 0; a < weights.length; a++) {
            double w = weights[a];
            if (w == 0) {
                continue;
            }
            for (int i = 0; i < n; i++) {
                out[i] += w * vectors[a][i];
            }
        }
        return out;
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    private static double centredSquares(double[] v, double mean) {
        double s = 0;
        for (double x : v) {
            s += (x - mean) * (x - mean);
        }
        return s;
    }
}
