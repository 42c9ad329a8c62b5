package org.invariantlab.core.math;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The small dense linear algebra of scoring and interpretation, in plain Java: orthonormal bases by
 * Gram–Schmidt with a rank tolerance, projections, cosines of principal angles between subspaces, symmetric
 * eigen-decompositions by Jacobi rotations and least-squares residuals by Householder QR. Matrices are tiny
 * (dimension of a state, a handful of gradients, a library of a few dozen terms) except regression designs,
 * which have a few thousand rows and a few columns.
 *
 * <p>References: G. H. Golub, C. F. Van Loan, <i>Matrix Computations</i>, 4th ed., Johns Hopkins University
 * Press, 2013: §5.2 (Householder QR and least squares), §6.4.3 (principal angles as singular values of
 * {@code QAᵀQB}), §8.5 (Jacobi's method); L. Giraud, J. Langou, M. Rozložník, "The loss of orthogonality in
 * the Gram–Schmidt orthogonalization process", Comput. Math. Appl. 50, 1069 (2005) ("twice is enough").
 */
public final class Linalg {

    private static final int MAX_JACOBI_SWEEPS = 64;

    private Linalg() {
    }

    public static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    public static double norm(double[] a) {
        double s = 0;
        for (double v : a) {
            s += v * v;
        }
        return Math.sqrt(s);
    }

    /**
     * {@code v − Σ_q (q·v) q} over the orthonormal rows {@code q} of {@code basis}, with a second
     * orthogonalisation pass so that the result is orthogonal to the basis to rounding.
     */
    public static double[] projectOut(double[] v, double[][] basis) {
        double[] w = v.clone();
        for (int pass = 0; pass < 2; pass++) {
            for (double[] q : basis) {
                double c = dot(q, w);
                for (int i = 0; i < w.length; i++) {
                    w[i] -= c * q[i];
                }
            }
        }
        return w;
    }

    /**
     * An orthonormal basis (as rows) of the span of {@code vectors}, by modified Gram–Schmidt with
     * re-orthogonalisation. Each vector is first normalised; it adds a direction only if the norm of what
     * is left after removing the basis so far exceeds {@code rankTolerance}, i.e. if the sine of its angle
     * to the span of the earlier vectors exceeds the tolerance. Zero vectors are skipped.
     */
    public static double[][] orthonormalBasis(List<double[]> vectors, double rankTolerance) {
        List<double[]> basis = new ArrayList<>(vectors.size());
        for (double[] v : vectors) {
            double n = norm(v);
            if (!(n > 0)) {
                continue;
            }
            double[] w = v.clone();
            for (int i = 0; i < w.length; i++) {
                w[i] /= n;
            }
            w = projectOut(w, basis.toArray(new double[0][]));
            double r = norm(w);
            if (r > rankTolerance) {
                for (int i = 0; i < w.length; i++) {
                    w[i] /= r;
                }
                basis.add(w);
            }
        }
        return basis.toArray(new double[0][]);
    }

    /**
     * Cosines of the principal angles between the subspaces spanned by the orthonormal rows of {@code a}
     * ({@code r_A} rows) and of {@code b}: the singular values of {@code C = A Bᵀ}, obtained as square roots
     * of the eigenvalues of {@code C Cᵀ}. Returns {@code r_A} values in {@code [0, 1]}, largest first; when
     * {@code b} has fewer rows than {@code a}, the surplus values are zero (those directions of {@code a}
     * have no partner in {@code b}).
     */
    public static double[] principalCosines(double[][] a, double[][] b) {
        int ra = a.length;
        int rb = b.length;
        double[][] c = new double[ra][rb];
        for (int i = 0; i < ra; i++) {
            for (int j = 0; j < rb; j++) {
                c[i][j] = dot(a[i], b[j]);
            }
        }
        if (ra == 1) {
            double s = 0;
            for (int j = 0; j < rb; j++) {
                s += c[0][j] * c[0][j];
            }
            return new double[] {Math.min(1.0, Math.sqrt(s))};
        }
        double[][] g = new double[ra][ra];
        for (int i = 0; i < ra; i++) {
            for (int l = 0; l <= i; l++) {
                double s = 0;
                for (int j = 0; j < rb; j++) {
                    s += c[i][j] * c[l][j];
                }
                g[i][l] = s;
                g[l][i] = s;
            }
        }
        double[] lambda = symmetricEigenvalues(g);
        double[] sigma = new double[ra];
        for (int i = 0; i < ra; i++) {
            sigma[i] = Math.sqrt(Math.min(1.0, Math.max(0.0, lambda[i])));
        }
        return sigma;
    }

    /**
     * Eigen-decomposition {@code S = V diag(λ) Vᵀ} of a symmetric matrix.
     *
     * @param values  eigenvalues, largest first
     * @param vectors {@code vectors[i]} is the unit eigenvector of {@code values[i]}
     */
    public record Eigen(double[] values, double[][] vectors) {
    }

    /**
     * The generalised symmetric eigenproblem {@code A y = μ B y} for a positive semi-definite {@code B}, on the range
     * of {@code B}: with {@code B = Σ λ_r u_r u_rᵀ} over the eigenvalues {@code λ_r > relativeTolerance · λ_max}, the
     * whitened {@code W = [u_r / √λ_r]} turns it into the ordinary problem of {@code Wᵀ A W}, whose eigenvectors
     * {@code z} give {@code y = W z} (so that {@code yᵀ B y = 1}). Eigenvalues largest first, as
     * {@link #symmetricEigen}; none when {@code B} vanishes.
     */
    public static Eigen generalizedEigen(double[][] a, double[][] b, double relativeTolerance) {
        int n = b.length;
        Eigen be = symmetricEigen(b);
        double largest = n == 0 ? 0 : be.values()[0];
        List<double[]> whitening = new ArrayList<>();
        for (int r = 0; r < n && largest > 0; r++) {
            if (be.values()[r] > relativeTolerance * largest) {
                double[] u = be.vectors()[r].clone();
                double f = 1 / Math.sqrt(be.values()[r]);
                for (int i = 0; i < n; i++) {
                    u[i] *= f;
                }
                whitening.add(u);
            }
        }
        int q = whitening.size();
        double[][] reduced = new double[q][q];
        for (int i = 0; i < q; i++) {
            double[] ai = new double[n];
            for (int x = 0; x < n; x++) {
                ai[x] = dot(a[x], whitening.get(i));
            }
            for (int j = 0; j <= i; j++) {
                reduced[i][j] = dot(whitening.get(j), ai);
                reduced[j][i] = reduced[i][j];
            }
        }
        Eigen e = symmetricEigen(reduced);
        double[][] vectors = new double[q][n];
        for (int r = 0; r < q; r++) {
            for (int i = 0; i < q; i++) {
                double z = e.vectors()[r][i];
                double[] w = whitening.get(i);
                for (int x = 0; x < n; x++) {
                    vectors[r][x] += z * w[x];
                }
            }
        }
        return new Eigen(e.values(), vectors);
    }

    /** Eigenvalues of a symmetric matrix, largest first (see {@link #symmetricEigen}). */
    public static double[] symmetricEigenvalues(double[][] s) {
        return symmetricEigen(s).values();
    }

    /**
     * Eigenvalues and eigenvectors of a symmetric matrix by the cyclic Jacobi method ({@link #jacobiEigen}). Its small
     * eigenvalues keep a high relative accuracy, which the readers rely on: they whiten by {@code 1/√λ} above cuts of
     * {@code 10⁻¹⁴–10⁻¹⁰ λ_max}, below the {@code n·ε·λ_max} that Householder and QL guarantee. (Measured: QL above 24
     * rows made the joint reading of a Kepler energy beside a combination constant on the data read {@code x}; it
     * was 3 × faster on Toda-5's readings, but not safe for every reader, so it serves only the pseudo-inverse.) The
     * input is not modified.
     */
    public static Eigen symmetricEigen(double[][] s) {
        return jacobiEigen(s);
    }

    /**
     * The eigenpairs by Hipparchus' {@code EigenDecompositionSymmetric} (Householder reduction to tridiagonal form,
     * then implicit QL with Wilkinson shifts; Golub–Van Loan §8.3), on {@code (S + Sᵀ)/2}; largest first.
     */
    static Eigen householderEigen(double[][] s) {
        int n = s.length;
        double[][] sym = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                sym[i][j] = (s[i][j] + s[j][i]) / 2;
            }
        }
        org.hipparchus.linear.EigenDecompositionSymmetric e = new org.hipparchus.linear.EigenDecompositionSymmetric(
                new org.hipparchus.linear.Array2DRowRealMatrix(sym, false),
                org.hipparchus.linear.EigenDecompositionSymmetric.DEFAULT_EPSILON, true);
        double[] values = e.getEigenvalues().clone();
        double[][] vectors = new double[n][];
        for (int r = 0; r < n; r++) {
            vectors[r] = e.getEigenvector(r).toArray();
        }
        return new Eigen(values, vectors);
    }

    /**
     * Eigenvalues and eigenvectors of a symmetric matrix by the cyclic Jacobi method: plane rotations
     * {@code A ← Jᵀ A J} annihilate one off-diagonal element at a time until the off-diagonal mass is below
     * rounding relative to the matrix norm; the product of the rotations holds the eigenvectors. Largest first. For
     * callers that divide by small eigenvalues (whitening), whose eigenvectors Jacobi's method gives more accurately
     * than Householder and QL (measured: the joint reading of a Kepler energy beside a combination constant on the
     * data read {@code x} with the latter).
     */
    public static Eigen jacobiEigen(double[][] s) {
        int n = s.length;
        double[][] a = new double[n][];
        double[][] v = new double[n][n];
        double frobenius = 0;
        for (int i = 0; i < n; i++) {
            a[i] = s[i].clone();
            v[i][i] = 1;
            for (double x : a[i]) {
                frobenius += x * x;
            }
        }
        double eps2 = Math.ulp(1.0) * Math.ulp(1.0);
        for (int sweep = 0; sweep < MAX_JACOBI_SWEEPS; sweep++) {
            double off = 0;
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    off += a[p][q] * a[p][q];
                }
            }
            if (off <= eps2 * frobenius) {
                break;
            }
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    if (a[p][q] != 0) {
                        rotate(a, v, p, q);
                    }
                }
            }
        }
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (i, j) -> Double.compare(a[j][j], a[i][i]));
        double[] lambda = new double[n];
        double[][] vectors = new double[n][n];
        for (int r = 0; r < n; r++) {
            int c = order[r];
            lambda[r] = a[c][c];
            for (int i = 0; i < n; i++) {
                vectors[r][i] = v[i][c];
            }
        }
        return new Eigen(lambda, vectors);
    }

    /**
     * One Jacobi rotation in the plane {@code (p, q)} that zeroes {@code a[p][q]} (Golub–Van Loan Alg. 8.5.1),
     * accumulated into the columns of {@code v}.
     */
    private static void rotate(double[][] a, double[][] v, int p, int q) {
        double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
        double t = Math.signum(theta) / (Math.abs(theta) + Math.hypot(1.0, theta));
        if (theta == 0) {
            t = 1.0;
        }
        double c = 1 / Math.hypot(1.0, t);
        double sn = t * c;
        int n = a.length;
        for (int k = 0; k < n; k++) {
            double akp = a[k][p];
            double akq = a[k][q];
            a[k][p] = c * akp - sn * akq;
            a[k][q] = sn * akp + c * akq;
        }
        for (int k = 0; k < n; k++) {
            double apk = a[p][k];
            double aqk = a[q][k];
            a[p][k] = c * apk - sn * aqk;
            a[q][k] = sn * apk + c * aqk;
        }
        a[p][q] = 0;
        a[q][p] = 0;
        for (int k = 0; k < n; k++) {
            double vkp = v[k][p];
            double vkq = v[k][q];
            v[k][p] = c * vkp - sn * vkq;
            v[k][q] = sn * vkp + c * vkq;
        }
    }

    /**
     * Residual sum of squares {@code min_c |X c − y|²} of the least-squares fit of {@code y} on the columns
     * of {@code X}, by Householder QR applied to {@code y}: after {@code r} reflections the residual is the
     * part of {@code Qᵀy} below row {@code r}. A column whose part below the current row has a norm at most
     * {@code rankTolerance} times its original norm lies in the span of the earlier columns to rounding; it
     * is skipped rather than reflected, so rank-deficient designs give the residual of the span of the
     * independent columns.
     *
     * @param columns {@code p} columns of length {@code n} (not modified)
     */
    public static double leastSquaresResidual(double[][] columns, double[] y, double rankTolerance) {
        int n = y.length;
        int p = columns.length;
        double[][] a = new double[p][];
        double[] original = new double[p];
        for (int j = 0; j < p; j++) {
            a[j] = columns[j].clone();
            original[j] = norm(a[j]);
        }
        double[] r = y.clone();
        int row = 0;
        for (int j = 0; j < p && row < n; j++) {
            double[] col = a[j];
            double sub = 0;
            for (int i = row; i < n; i++) {
                sub += col[i] * col[i];
            }
            sub = Math.sqrt(sub);
            if (!(sub > rankTolerance * original[j])) {
                continue;
            }
            double alpha = col[row] > 0 ? -sub : sub;
            double[] v = new double[n - row];
            for (int i = row; i < n; i++) {
                v[i - row] = col[i];
            }
            v[0] -= alpha;
            double vv = 0;
            for (double vi : v) {
                vv += vi * vi;
            }
            for (int jj = j + 1; jj < p; jj++) {
                reflect(a[jj], v, vv, row);
            }
            reflect(r, v, vv, row);
            row++;
        }
        double rss = 0;
        for (int i = row; i < n; i++) {
            rss += r[i] * r[i];
        }
        return rss;
    }

    /** Relative eigenvalue below which {@link #solveSymmetric} treats a direction as absent. */
    public static final double PSEUDO_INVERSE_TOLERANCE = 1e-14;

    /**
     * The minimum-norm least-squares solution of {@code A x = b} for a symmetric positive semi-definite
     * {@code A}: {@code x = Σ_r (v_rᵀ b / λ_r) v_r} over the eigenpairs with
     * {@code λ_r > }{@value #PSEUDO_INVERSE_TOLERANCE}{@code ·λ_max} (the Moore–Penrose pseudo-inverse), so a
     * singular system gives no blow-up along its null directions.
     */
    public static double[] solveSymmetric(double[][] a, double[] b) {
        double[] fast = solveWellConditioned(a, b);
        if (fast != null) {
            return fast;
        }
        if (b.length > JACOBI_SOLVE_LIMIT) {
            return pseudoInverseLarge(a, b);
        }
        Eigen e = jacobiEigen(a);
        double[] x = new double[b.length];
        double top = e.values().length == 0 ? 0 : e.values()[0];
        for (int r = 0; r < e.values().length; r++) {
            double lambda = e.values()[r];
            if (!(lambda > PSEUDO_INVERSE_TOLERANCE * top)) {
                continue;
            }
            double[] v = e.vectors()[r];
            double c = dot(v, b) / lambda;
            for (int i = 0; i < x.length; i++) {
                x[i] += c * v[i];
            }
        }
        return x;
    }

    /**
     * Above this many unknowns a near-singular {@link #solveSymmetric} takes its eigenpairs from Hipparchus'
     * Householder tridiagonalisation and implicit QL iterations ({@link #householderEigen}, about {@code 4n³/3}
     * operations plus the vectors) instead of the cyclic Jacobi method (about ten sweeps of {@code 3n³}): the
     * pseudo-inverse is the same up to rounding, and a reading of a 494-term library no longer spends minutes here.
     */
    static final int JACOBI_SOLVE_LIMIT = 24;

    /** The pseudo-inverse solution of {@link #solveSymmetric} from {@link #householderEigen}. */
    static double[] pseudoInverseLarge(double[][] a, double[] b) {
        int n = b.length;
        Eigen e = householderEigen(a);
        double[] values = e.values();
        double top = 0;
        for (double v : values) {
            top = Math.max(top, v);
        }
        double[] x = new double[n];
        for (int r = 0; r < n; r++) {
            if (!(values[r] > PSEUDO_INVERSE_TOLERANCE * top)) {
                continue;
            }
            double[] v = e.vectors()[r];
            double c = dot(v, b) / values[r];
            for (int i = 0; i < n; i++) {
                x[i] += c * v[i];
            }
        }
        return x;
    }

    /**
     * A Cholesky pivot (the diagonal of a Schur complement, never below the smallest eigenvalue) under this fraction
     * of the largest diagonal entry marks a matrix as possibly near singular: {@link #solveSymmetric} then takes the
     * pseudo-inverse. Otherwise the factorisation gives the exact solution, which is the pseudo-inverse's when no
     * direction is dropped, in {@code n³/6} operations instead of the Jacobi method's sweeps of {@code n³} each (a
     * reading of a 494-term library spent minutes in those sweeps).
     */
    static final double CHOLESKY_PIVOT_TOLERANCE = 1e-6;

    /** {@code A⁻¹ b} by Cholesky factorisation {@code A = L Lᵀ}, or {@code null} when a pivot is too small. */
    static double[] solveWellConditioned(double[][] a, double[] b) {
        int n = b.length;
        double[][] l = new double[n][n];
        double largest = 0;
        for (int i = 0; i < n; i++) {
            largest = Math.max(largest, a[i][i]);
        }
        if (!(largest > 0) || !Double.isFinite(largest)) {
            return null;
        }
        for (int j = 0; j < n; j++) {
            double d = a[j][j];
            double[] lj = l[j];
            for (int k = 0; k < j; k++) {
                d -= lj[k] * lj[k];
            }
            if (!(d > CHOLESKY_PIVOT_TOLERANCE * largest)) {
                return null;
            }
            double root = Math.sqrt(d);
            lj[j] = root;
            for (int i = j + 1; i < n; i++) {
                double[] li = l[i];
                double v = a[i][j];
                for (int k = 0; k < j; k++) {
                    v -= li[k] * lj[k];
                }
                li[j] = v / root;
            }
        }
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double v = b[i];
            for (int k = 0; k < i; k++) {
                v -= l[i][k] * y[k];
            }
            y[i] = v / l[i][i];
        }
        double[] x = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double v = y[i];
            for (int k = i + 1; k < n; k++) {
                v -= l[k][i] * x[k];
            }
            x[i] = v / l[i][i];
        }
        return x;
    }

    /** {@code x[row..] ← (I − 2 v vᵀ / vᵀv) x[row..]}. */
    private static void reflect(double[] x, double[] v, double vv, int row) {
        double s = 0;
        for (int i = 0; i < v.length; i++) {
            s += v[i] * x[row + i];
        }
        double f = 2 * s / vv;
        for (int i = 0; i < v.length; i++) {
            x[row + i] -= f * v[i];
        }
    }
}
