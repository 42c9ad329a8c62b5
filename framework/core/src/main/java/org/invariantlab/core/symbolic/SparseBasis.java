package org.invariantlab.core.symbolic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.invariantlab.core.math.Linalg;

/**
 * The simplest basis of a subspace of library combinations (issue 18: a basis, not a mixture).
 *
 * <p>Several learned functions determine a <em>span</em> of conserved combinations {@code Σ c_m φ_m}; any basis of
 * it is as right as any other, but a physicist reads {@code x²+px²}, {@code y²+py²}, {@code x·py−y·px}, not three
 * mixtures of them. The sparsest basis of a subspace is found here by its sparsest vectors: for every library term
 * {@code a}, the vector of the subspace with {@code c_a = 1} and the smallest {@code ℓ1} norm (a convex stand-in for
 * the fewest terms; Donoho, PNAS 100, 2197 (2003)), computed by iteratively reweighted least squares (Daubechies,
 * DeVore, Fornasier &amp; Güntürk, Comm. Pure Appl. Math. 63, 1 (2010)); the caller then thresholds and refits each
 * on its support, orders the candidates by simplicity (fewest terms, then lowest degree, then fewest variables, then
 * best fit) and keeps them greedily as long as each is functionally independent of those kept. The choice never
 * looks at a declared truth.
 */
final class SparseBasis {

    /** Reweighting rounds of the {@code ℓ1} approximation. */
    static final int ROUNDS = 20;

    /** At most this many anchor terms are tried (those with the largest share in the subspace). */
    static final int MAX_ANCHORS = 400;

    private SparseBasis() {
    }

    /**
     * One sparse vector of the subspace per anchor term that the subspace reaches.
     *
     * @param rows a basis of the subspace, {@code r × m} (any basis: it is orthonormalised here)
     * @return candidate vectors of length {@code m}, each normalised to a largest entry of 1
     */
    static List<double[]> candidates(double[][] rows) {
        List<double[]> list = new ArrayList<>();
        for (double[] r : rows) {
            list.add(r);
        }
        double[][] q = Linalg.orthonormalBasis(list, 1e-10);
        int r = q.length;
        if (r == 0) {
            return List.of();
        }
        int m = q[0].length;
        Integer[] anchors = new Integer[m];
        double[] share = new double[m];
        for (int a = 0; a < m; a++) {
            anchors[a] = a;
            for (double[] row : q) {
                share[a] += row[a] * row[a];
            }
        }
        Arrays.sort(anchors, (x, y) -> Double.compare(share[y], share[x]));
        List<double[]> out = new ArrayList<>();
        for (int k = 0; k < Math.min(m, MAX_ANCHORS); k++) {
            int a = anchors[k];
            if (share[a] < 1e-12) {
                break;
            }
            double[] c = l1Anchored(q, a);
            if (c != null) {
                out.add(c);
            }
        }
        return out;
    }

    /** The vector {@code c = Qᵀy} with {@code c_a = 1} and (approximately) the smallest {@code ℓ1} norm. */
    static double[] l1Anchored(double[][] q, int a) {
        int r = q.length;
        int m = q[0].length;
        double[] w = new double[m];
        Arrays.fill(w, 1);
        double[] c = null;
        for (int round = 0; round < ROUNDS; round++) {
            // minimise Σ w_m c_m² with c = Qᵀy, c_a = 1: y = A⁻¹ q_a / (q_aᵀ A⁻¹ q_a), A = Q W Qᵀ
            double[][] aMatrix = new double[r][r];
            for (int i = 0; i < r; i++) {
                for (int j = 0; j <= i; j++) {
                    double s = 0;
                    for (int t = 0; t < m; t++) {
                        s += q[i][t] * w[t] * q[j][t];
                    }
                    aMatrix[i][j] = s;
                    aMatrix[j][i] = s;
                }
            }
            double[] qa = new double[r];
            for (int i = 0; i < r; i++) {
                qa[i] = q[i][a];
            }
            double[] z;
            try {
                z = Linalg.solveSymmetric(aMatrix, qa);
            } catch (RuntimeException e) {
                return c;
            }
            double denominator = Linalg.dot(qa, z);
            if (!(Math.abs(denominator) > 0)) {
                return c;
            }
            double[] next = new double[m];
            double largest = 0;
            for (int t = 0; t < m; t++) {
                double v = 0;
                for (int i = 0; i < r; i++) {
                    v += q[i][t] * z[i];
                }
                next[t] = v / denominator;
                largest = Math.max(largest, Math.abs(next[t]));
            }
            c = next;
            double eps = Math.max(1e-9, Math.pow(0.5, round)) * largest;
            for (int t = 0; t < m; t++) {
                w[t] = 1 / (Math.abs(c[t]) + eps);
            }
        }
        if (c == null) {
            return null;
        }
        double largest = 0;
        for (double v : c) {
            largest = Math.max(largest, Math.abs(v));
        }
        for (int t = 0; t < m; t++) {
            c[t] /= largest;
        }
        return c;
    }

    /**
     * Simplicity of a combination of library columns, smaller first: number of terms, highest degree (a feature
     * counts as degree 1), number of variables involved — the order in which a basis is preferred.
     *
     * @param columns the library columns with a non-zero coefficient
     */
    static int[] complexity(FeatureLibrary library, int[] columns) {
        int degree = 0;
        boolean[] used = new boolean[library.space().dimension()];
        for (int m : columns) {
            FeatureLibrary.Column c = library.column(m);
            int deg = c.feature() == null ? 0 : 1;
            for (int v = 0; v < c.exponents().length; v++) {
                deg += c.exponents()[v];
                used[v] |= c.exponents()[v] > 0;
            }
            degree = Math.max(degree, deg);
        }
        int variables = 0;
        for (boolean u : used) {
            variables += u ? 1 : 0;
        }
        return new int[] {columns.length, degree, variables};
    }
}
