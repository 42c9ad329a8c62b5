package org.invariantlab.core.symbolic;

import java.util.Arrays;
import org.invariantlab.api.InvariantLabException;

/**
 * Linear least squares {@code y ≈ c_0 + Σ_m c_m X_m} with a ridge penalty on standardised columns, and
 * sequential thresholding on top of it.
 *
 * <p><b>Standardisation.</b> Each column is centred and divided by its standard deviation
 * {@code s_m}, {@code z_m = (X_m − mean_m)/s_m}, and {@code y} is centred; the fit minimises
 * {@code (1/n)·‖y − ȳ − Σ w_m z_m‖² + λ·Σ w_m²} and maps back with {@code c_m = w_m/s_m},
 * {@code c_0 = ȳ − Σ c_m mean_m}. On standardised columns the penalty {@code λ} is dimensionless and treats
 * all terms alike; a small {@code λ} only regularises (near-)collinear libraries, for example data on which
 * an invariant is constant. The problem is solved by Householder QR of the augmented matrix
 * {@code [Z; √(nλ)·I]} (G. H. Golub &amp; C. F. Van Loan, <i>Matrix Computations</i>, 4th ed., §5.3 and
 * §6.1, 2013), which avoids squaring the condition number as the normal equations would. A column that is
 * constant on the data cannot be told apart from the intercept and is left out (coefficient 0).
 *
 * <p><b>Thresholding.</b> Sequentially thresholded least squares (STLSQ; Brunton, Proctor &amp; Kutz,
 * PNAS 113, 3932, 2016): fit, drop every term whose {@code |c_m|} is below {@code threshold} times the
 * largest {@code |c_m|} (in the units of the data, as the normalised formula will show them), refit on the
 * survivors, and repeat until no term is dropped.
 */
final class SparseRegression {

    /**
     * A fitted model.
     *
     * @param coefficients {@code c_m} for every column; exactly 0 for columns not in the model
     * @param intercept    {@code c_0}
     * @param r2           coefficient of determination {@code 1 − SS_res/SS_tot} on the data
     * @param active       which columns are in the model
     */
    record Fit(double[] coefficients, double intercept, double r2, boolean[] active) {
        Fit {
            coefficients = coefficients.clone();
            active = active.clone();
        }

        @Override
        public double[] coefficients() {
            return coefficients.clone();
        }

        @Override
        public boolean[] active() {
            return active.clone();
        }

        /** Index of the active column with the largest {@code |c_m|}, or −1 if none is non-zero. */
        int leading() {
            int best = -1;
            for (int m = 0; m < coefficients.length; m++) {
                if (active[m] && coefficients[m] != 0 && (best < 0 || Math.abs(coefficients[m]) > Math.abs(coefficients[best]))) {
                    best = m;
                }
            }
            return best;
        }
    }

    /** A column whose spread is below this fraction of its RMS value is taken as constant. */
    static final double CONSTANT_COLUMN_TOLERANCE = 1e-10;

    /** A pivot of R below this fraction of the largest one means the active columns are linearly dependent. */
    static final double RANK_TOLERANCE = 1e-10;

    private final double[][] columns;
    private final double[] y;
    private final int n;
    private final double[] mean;
    private final double[] scale;
    private final boolean[] usable;
    private final double yMean;
    private final double totalSumOfSquares;

    /**
     * @param columns {@code columns[m][i]}: column {@code m} at sample {@code i}; not copied, not modified
     * @param y       the targets, one per sample
     */
    SparseRegression(double[][] columns, double[] y) {
        this.columns = columns;
        this.y = y;
        this.n = y.length;
        int p = columns.length;
        mean = new double[p];
        scale = new double[p];
        usable = new boolean[p];
        for (int m = 0; m < p; m++) {
            double[] c = columns[m];
            double mu = 0;
            for (double v : c) {
                mu += v;
            }
            mu /= n;
            double ss = 0;
            for (double v : c) {
                ss += (v - mu) * (v - mu);
            }
            double sd = Math.sqrt(ss / n);
            mean[m] = mu;
            scale[m] = sd;
            usable[m] = sd > CONSTANT_COLUMN_TOLERANCE * Math.sqrt(sd * sd + mu * mu);
        }
        double mu = 0;
        for (double v : y) {
            mu += v;
        }
        yMean = mu / n;
        double ss = 0;
        for (double v : y) {
            ss += (v - yMean) * (v - yMean);
        }
        totalSumOfSquares = ss;
    }

    /** Columns that vary on the data (the others are indistinguishable from the constant). */
    boolean[] usableColumns() {
        return usable.clone();
    }

    /**
     * Sequentially thresholded fit.
     *
     * @param threshold  relative cut in [0, 1]
     * @param ridge      {@code λ ≥ 0} on standardised columns
     * @param iterations at most this many refits; 1 is a single cut and refit
     */
    Fit thresholded(double threshold, double ridge, int iterations) {
        boolean[] active = usable.clone();
        Fit fit = fit(active, ridge);
        for (int round = 0; round < iterations; round++) {
            int lead = fit.leading();
            if (lead < 0) {
                return fit;
            }
            double cut = threshold * Math.abs(fit.coefficients[lead]);
            boolean[] next = active.clone();
            boolean changed = false;
            for (int m = 0; m < next.length; m++) {
                if (next[m] && Math.abs(fit.coefficients[m]) < cut) {
                    next[m] = false;
                    changed = true;
                }
            }
            if (!changed) {
                return fit;
            }
            active = next;
            fit = fit(active, ridge);
        }
        return fit;
    }

    /** Ridge fit on the {@code active} columns. */
    Fit fit(boolean[] active, double ridge) {
        int p = columns.length;
        int[] index = new int[p];
        int k = 0;
        for (int m = 0; m < p; m++) {
            if (active[m]) {
                index[k++] = m;
            }
        }
        double[] c = new double[p];
        if (k > 0) {
            double[] w = solve(Arrays.copyOf(index, k), ridge);
            for (int j = 0; j < k; j++) {
                c[index[j]] = w[j] / scale[index[j]];
            }
        }
        double intercept = yMean;
        for (int m = 0; m < p; m++) {
            intercept -= c[m] * mean[m];
        }
        double residual = 0;
        for (int i = 0; i < n; i++) {
            double prediction = intercept;
            for (int m = 0; m < p; m++) {
                if (c[m] != 0) {
                    prediction += c[m] * columns[m][i];
                }
            }
            double r = y[i] - prediction;
            residual += r * r;
        }
        double r2 = totalSumOfSquares > 0 ? 1 - residual / totalSumOfSquares : 0;
        return new Fit(c, intercept, r2, active);
    }

    /** Standardised weights {@code w} of the columns {@code index}, by Householder QR of {@code [Z; √(nλ)I]}. */
    private double[] solve(int[] index, double ridge) {
        int k = index.length;
        int rows = n + k;
        double[][] a = new double[k][rows];
        double penalty = Math.sqrt(n * ridge);
        for (int j = 0; j < k; j++) {
            int m = index[j];
            double mu = mean[m];
            double s = scale[m];
            double[] col = columns[m];
            double[] aj = a[j];
            for (int i = 0; i < n; i++) {
                aj[i] = (col[i] - mu) / s;
            }
            aj[n + j] = penalty;
        }
        double[] b = new double[rows];
        for (int i = 0; i < n; i++) {
            b[i] = y[i] - yMean;
        }
        double[] diagonal = new double[k];
        for (int j = 0; j < k; j++) {
            double[] v = a[j];
            double norm = 0;
            for (int i = j; i < rows; i++) {
                norm += v[i] * v[i];
            }
            norm = Math.sqrt(norm);
            if (norm == 0) {
                throw dependent();
            }
            double alpha = v[j] > 0 ? -norm : norm;
            v[j] -= alpha;
            double vv = 0;
            for (int i = j; i < rows; i++) {
                vv += v[i] * v[i];
            }
            for (int l = j + 1; l < k; l++) {
                reflect(v, a[l], j, rows, vv);
            }
            reflect(v, b, j, rows, vv);
            diagonal[j] = alpha;
        }
        double largest = 0;
        for (double r : diagonal) {
            largest = Math.max(largest, Math.abs(r));
        }
        for (double r : diagonal) {
            if (Math.abs(r) <= RANK_TOLERANCE * largest) {
                throw dependent();
            }
        }
        double[] w = new double[k];
        for (int j = k - 1; j >= 0; j--) {
            double s = b[j];
            for (int l = j + 1; l < k; l++) {
                s -= a[l][j] * w[l];
            }
            w[j] = s / diagonal[j];
        }
        return w;
    }

    /** {@code target ← (I − 2vvᵀ/vᵀv)·target} on rows {@code from..rows-1}. */
    private static void reflect(double[] v, double[] target, int from, int rows, double vv) {
        double s = 0;
        for (int i = from; i < rows; i++) {
            s += v[i] * target[i];
        }
        double f = 2 * s / vv;
        for (int i = from; i < rows; i++) {
            target[i] -= f * v[i];
        }
    }

    private static InvariantLabException dependent() {
        return new InvariantLabException("the library terms are linearly dependent on these states, so the fit is not "
                + "unique; set the parameter ridge > 0 (e.g. 1e-6) or lower the degree");
    }
}
