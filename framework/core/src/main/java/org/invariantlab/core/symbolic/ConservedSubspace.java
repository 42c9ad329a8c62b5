package org.invariantlab.core.symbolic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.invariantlab.core.math.Linalg;

/**
 * The library combinations that the groups themselves say are conserved (methods.md §12, with the groups in place of
 * a vector field).
 *
 * <p>A combination {@code F = Σ_m c_m φ_m} has the within-group spread
 * <pre>
 *   s(c) = cᵀ W c / cᵀ T c,   W = Σ_g Σ_i (φ(x_gi) − φ̄_g)(φ(x_gi) − φ̄_g)ᵀ,   T = Σ_g Σ_i (φ(x_gi) − φ̄)(φ(x_gi) − φ̄)ᵀ,
 * </pre>
 * the share of its variance that lies within groups, 0 for a quantity conserved on every group (the criterion the
 * reader's polishing minimises). Its stationary values are the generalised eigenvalues {@code W c = λ T c}: on
 * trajectories, the combinations of the library's conserved quantities sit at the data's precision (about 10⁻²⁰ on
 * integrated orbits, 10⁻¹⁸ for ten printed digits, the noise's square with noise), the others at the share of their
 * variance that the motion covers (10⁻³ to 1). Eigenvalues below {@value GradientReading#CONSTANT_ON_DATA} are rounding
 * and count as that level. The spectrum is cut at its widest gap when that gap spans at least
 * {@value #GAP} (two decades, so that a gap is a separation of scales and not the scatter of the motion's own
 * eigenvalues, which lie within a decade or so of each other); the combinations below the cut are the conserved
 * subspace. Combinations with no variance on the data at all (relative {@value GradientReading#CONSTANT_ON_DATA}) are
 * constraints of the data, not conserved quantities, and are left out. Without such a gap there is no conserved
 * subspace to speak of.
 */
final class ConservedSubspace {

    /** The smallest ratio between the last conserved eigenvalue and the next for the spectrum to be cut there. */
    static final double GAP = 100;

    /** At most this many groups are used (evenly spaced), which bounds the cost. */
    static final int MAX_GROUPS = 300;

    /** Libraries larger than this are not searched (the eigenproblems grow with the cube of its size). */
    static final int MAX_COLUMNS = 300;

    private final double[][] basis;
    private final double cut;
    private final double[] spectrum;

    private ConservedSubspace(double[][] basis, double cut, double[] spectrum) {
        this.basis = basis;
        this.cut = cut;
        this.spectrum = spectrum;
    }

    /** A basis of the conserved combinations, raw library coefficients (one row each), best conserved first. */
    double[][] basis() {
        return basis;
    }

    /** The spread below which a combination counts as conserved on the groups: the middle of the gap (geometric). */
    double cut() {
        return cut;
    }

    /** The generalised eigenvalues {@code λ}, smallest first. */
    double[] spectrum() {
        return spectrum.clone();
    }

    /**
     * The conserved subspace of {@code library} on {@code grouped} ({@code groups × members × d}); empty when the
     * library is too large, the groups too few, or the spectrum has no gap of {@value #GAP}.
     */
    static Optional<ConservedSubspace> of(FeatureLibrary library, double[][][] grouped) {
        int m = library.size();
        if (m > MAX_COLUMNS || grouped.length < 2) {
            return Optional.empty();
        }
        int used = Math.min(grouped.length, MAX_GROUPS);
        List<double[][]> values = new ArrayList<>(used);
        double[] mean = new double[m];
        int n = 0;
        for (int k = 0; k < used; k++) {
            double[][] group = grouped[(int) ((long) k * grouped.length / used)];
            double[][] v = new double[group.length][m];
            for (int j = 0; j < group.length; j++) {
                for (int a = 0; a < m; a++) {
                    v[j][a] = library.value(a, group[j]);
                    mean[a] += v[j][a];
                }
                n++;
            }
            values.add(v);
        }
        for (int a = 0; a < m; a++) {
            mean[a] /= n;
        }
        double[][] total = new double[m][m];
        double[][] within = new double[m][m];
        for (double[][] v : values) {
            double[] groupMean = new double[m];
            for (double[] row : v) {
                for (int a = 0; a < m; a++) {
                    groupMean[a] += row[a] / v.length;
                }
            }
            for (double[] row : v) {
                for (int a = 0; a < m; a++) {
                    double ta = row[a] - mean[a];
                    double wa = row[a] - groupMean[a];
                    for (int b = 0; b <= a; b++) {
                        total[a][b] += ta * (row[b] - mean[b]);
                        within[a][b] += wa * (row[b] - groupMean[b]);
                    }
                }
            }
        }
        double[] scale = new double[m];
        for (int a = 0; a < m; a++) {
            scale[a] = total[a][a] > 0 ? 1 / Math.sqrt(total[a][a]) : 0;
        }
        for (int a = 0; a < m; a++) {
            for (int b = 0; b <= a; b++) {
                total[a][b] *= scale[a] * scale[b];
                within[a][b] *= scale[a] * scale[b];
                total[b][a] = total[a][b];
                within[b][a] = within[a][b];
            }
        }
        Linalg.Eigen w = Linalg.generalizedEigen(within, total, GradientReading.CONSTANT_ON_DATA);
        int r = w.values().length;
        if (r == 0) {
            return Optional.empty();
        }
        double[] lambda = new double[r];
        double[][] vectors = new double[r][];
        for (int i = 0; i < r; i++) { // smallest first
            lambda[i] = Math.max(0, w.values()[r - 1 - i]);
            vectors[i] = w.vectors()[r - 1 - i];
        }
        int conserved = 0;
        double widest = GAP;
        for (int i = 0; i + 1 < r; i++) {
            double ratio = lambda[i + 1] / Math.max(lambda[i], GradientReading.CONSTANT_ON_DATA);
            if (ratio >= widest) {
                widest = ratio;
                conserved = i + 1;
            }
        }
        if (conserved == 0) {
            return Optional.empty();
        }
        double[][] basis = new double[conserved][m];
        for (int i = 0; i < conserved; i++) {
            for (int a = 0; a < m; a++) {
                basis[i][a] = vectors[i][a] * scale[a];
            }
        }
        double cut = Math.sqrt(Math.max(lambda[conserved - 1], GradientReading.CONSTANT_ON_DATA) * lambda[conserved]);
        return Optional.of(new ConservedSubspace(basis, cut, lambda));
    }

    @Override
    public String toString() {
        return basis.length + " conserved combinations below spread " + cut + " (spectrum "
                + Arrays.toString(Arrays.copyOf(spectrum, Math.min(spectrum.length, basis.length + 2))) + " …)";
    }
}
