package org.invariantlab.core.score;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;
import org.invariantlab.api.InvariantLabException;
import org.invariantlab.api.system.GroupedData;
import org.invariantlab.api.system.ScalarField;
import org.invariantlab.api.system.SystemModel;
import org.invariantlab.api.system.TrueInvariant;
import org.invariantlab.core.math.Linalg;

/**
 * The states a score is computed on, with the true invariants evaluated there and the data manifold's
 * normal space at every state.
 *
 * <p><b>Selection.</b> With {@code G} groups of {@code m} states and a cap {@code S}, it uses
 * {@code m' = min(m, S)} members of {@code G' = min(G, max(1, ⌊S/m'⌋))} groups, both evenly spaced
 * ({@code g_j = ⌊j·G/G'⌋}, {@code i_l = ⌊l·m/m'⌋}), so groups stay whole whenever one fits and the choice
 * needs no random numbers.
 *
 * <p><b>Constant invariants.</b> An invariant {@code I} is constant on the data if its relative spread
 * {@code std(I) / max(|mean(I)|, mean|∇I|·R)} is below the tolerance, where {@code R = (Σ_i Var x_i)^{1/2}}
 * is the RMS radius of the scored states: the denominator is the size of {@code I} or, if {@code I} is near
 * zero (as {@code Ay} with a fixed orbit orientation), the change of {@code I} across the data cloud to first
 * order. The data then lie on a level set of these invariants, and at each state their gradients span the
 * normal space of that sub-manifold; {@link #tangent} removes it.
 */
final class ScoredStates {

    final int groups;
    final int members;
    final int dimension;
    final double[][] states;
    final List<TrueInvariant> invariants;
    /** {@code [invariant][state]}. */
    final double[][] invariantValues;
    /** {@code [invariant][state][component]}. */
    final double[][][] invariantGradients;
    final boolean[] constant;
    /** Orthonormal basis of the normal space at each state, {@code [state][vector][component]}. */
    final double[][][] normalBasis;
    private final double rankTolerance;

    ScoredStates(SystemModel model, GroupedData data, ScoringOptions options) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(options, "options");
        this.dimension = data.dimension();
        if (model.stateSpace().dimension() != dimension) {
            throw new IllegalArgumentException("the system's states have " + model.stateSpace().dimension()
                    + " variables " + model.stateSpace().variables() + " but the data have " + dimension + " "
                    + data.variables());
        }
        this.rankTolerance = options.rankTolerance();
        this.members = Math.min(data.perGroup(), options.maxStates());
        this.groups = Math.min(data.groups(), Math.max(1, options.maxStates() / members));
        this.states = new double[groups * members][];
        for (int j = 0; j < groups; j++) {
            int g = (int) ((long) j * data.groups() / groups);
            for (int l = 0; l < members; l++) {
                int i = (int) ((long) l * data.perGroup() / members);
                states[j * members + l] = data.state(g, i);
            }
        }
        this.invariants = List.copyOf(model.invariants());
        int n = states.length;
        int m = invariants.size();
        this.invariantValues = new double[m][n];
        this.invariantGradients = new double[m][n][];
        for (int a = 0; a < m; a++) {
            ScalarField field = invariants.get(a).field();
            String label = "true invariant '" + invariants.get(a).name() + "'";
            for (int s = 0; s < n; s++) {
                invariantValues[a][s] = value(field, s, label);
                invariantGradients[a][s] = gradient(field, s, label);
            }
        }
        double radius = rmsRadius(states);
        this.constant = new boolean[m];
        for (int a = 0; a < m; a++) {
            double mean = mean(invariantValues[a]);
            double std = Math.sqrt(variance(invariantValues[a], mean, 0));
            double slope = 0;
            for (int s = 0; s < n; s++) {
                slope += Linalg.norm(invariantGradients[a][s]);
            }
            double scale = Math.max(Math.abs(mean), slope / n * radius);
            constant[a] = std <= options.constantTolerance() * scale;
        }
        this.normalBasis = new double[n][][];
        for (int s = 0; s < n; s++) {
            List<double[]> normals = new ArrayList<>();
            for (int a = 0; a < m; a++) {
                if (constant[a]) {
                    normals.add(invariantGradients[a][s]);
                }
            }
            normalBasis[s] = Linalg.orthonormalBasis(normals, rankTolerance);
        }
    }

    int size() {
        return states.length;
    }

    /** {@code f} at state {@code s}, checked to be finite. */
    double value(ScalarField f, int s, String label) {
        double v = f.value(states[s].clone());
        if (!Double.isFinite(v)) {
            throw nonFinite(label, s);
        }
        return v;
    }

    /** {@code ∇f} at state {@code s}, checked for length and finiteness. */
    double[] gradient(ScalarField f, int s, String label) {
        double[] g = f.gradient(states[s].clone());
        if (g == null || g.length != dimension) {
            throw new IllegalArgumentException("the gradient of the " + label + " has length "
                    + (g == null ? "null" : g.length) + ", expected " + dimension);
        }
        for (double v : g) {
            if (!Double.isFinite(v)) {
                throw nonFinite(label, s);
            }
        }
        return g.clone();
    }

    /**
     * The unit vector along the projection of {@code gradient} onto the tangent space of the data manifold
     * at state {@code s}, or {@code null} if the projection keeps at most the rank tolerance of its length
     * (no direction along the data there).
     */
    double[] tangent(double[] gradient, int s) {
        double full = Linalg.norm(gradient);
        if (!(full > 0)) {
            return null;
        }
        double[] t = Linalg.projectOut(gradient, normalBasis[s]);
        double len = Linalg.norm(t);
        if (!(len > rankTolerance * full)) {
            return null;
        }
        for (int i = 0; i < t.length; i++) {
            t[i] /= len;
        }
        return t;
    }

    /** Orthonormal basis of the span of the non-null unit vectors given. */
    double[][] span(List<double[]> units) {
        List<double[]> present = new ArrayList<>(units.size());
        for (double[] u : units) {
            if (u != null) {
                present.add(u);
            }
        }
        return Linalg.orthonormalBasis(present, rankTolerance);
    }

    /** Names of the invariants constant on the data, in the system's order. */
    List<String> constantNames() {
        List<String> names = new ArrayList<>();
        for (int a = 0; a < invariants.size(); a++) {
            if (constant[a]) {
                names.add(invariants.get(a).name());
            }
        }
        return names;
    }

    /** Indices of the invariants not constant on the data, in the system's order. */
    int[] varying() {
        return IntStream.range(0, constant.length).filter(a -> !constant[a]).toArray();
    }

    /** Index of the invariant called {@code name}, or an exception listing the names. */
    int indexOf(String name) {
        for (int a = 0; a < invariants.size(); a++) {
            if (invariants.get(a).name().equals(name)) {
                return a;
            }
        }
        throw new IllegalArgumentException("no true invariant '" + name + "'; the system has "
                + invariants.stream().map(TrueInvariant::name).toList());
    }

    private InvariantLabException nonFinite(String label, int s) {
        int g = s / members;
        int l = s % members;
        return new InvariantLabException("the " + label + " is not finite at scored state " + l + " of scored group "
                + g + " (" + Arrays.toString(states[s]) + "); if it is a learned function, the training"
                + " probably diverged");
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    /** {@code Σ (v − mean)² / (n − ddof)}. */
    static double variance(double[] v, double mean, int ddof) {
        double s = 0;
        for (double x : v) {
            double d = x - mean;
            s += d * d;
        }
        return s / (v.length - ddof);
    }

    private static double rmsRadius(double[][] states) {
        int n = states.length;
        int d = states[0].length;
        double total = 0;
        for (int i = 0; i < d; i++) {
            double mean = 0;
            for (double[] x : states) {
                mean += x[i];
            }
            mean /= n;
            for (double[] x : states) {
                double dx = x[i] - mean;
                total += dx * dx;
            }
        }
        return Math.sqrt(total / n);
    }
}
