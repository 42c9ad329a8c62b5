package org.invariantlab.core.symbolic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A subspace of {@code ℚⁿ} held exactly, as the rows of its reduced row echelon form (each row has a leading 1 in its
 * pivot column and zeros in every other row's pivot column). Used to reorganise exact readings into a simpler basis
 * of the same span without a rounding step: membership, rank and the vectors of the span with a given support are
 * decided in rational arithmetic.
 */
final class RationalSpan {

    private final int length;
    private final List<Rational[]> rows = new ArrayList<>();
    private final List<Integer> pivots = new ArrayList<>();

    private RationalSpan(int length) {
        this.length = length;
    }

    /** The span of {@code vectors}, each of {@code length} entries. */
    static RationalSpan of(List<Rational[]> vectors, int length) {
        RationalSpan span = new RationalSpan(length);
        for (Rational[] v : vectors) {
            span.add(v);
        }
        return span;
    }

    /** The dimension of the span. */
    int rank() {
        return rows.size();
    }

    /** Whether {@code v} lies in the span. */
    boolean contains(Rational[] v) {
        return isZero(reduce(v));
    }

    /**
     * Adds {@code v} to the span.
     *
     * @return whether the rank grew (false when {@code v} was already in the span)
     */
    boolean add(Rational[] v) {
        if (v.length != length) {
            throw new IllegalArgumentException("a vector of " + v.length + " entries in a span of " + length);
        }
        Rational[] r = reduce(v);
        int pivot = -1;
        for (int c = 0; c < length; c++) {
            if (!r[c].isZero()) {
                pivot = c;
                break;
            }
        }
        if (pivot < 0) {
            return false;
        }
        Rational lead = r[pivot];
        for (int c = 0; c < length; c++) {
            r[c] = r[c].divide(lead);
        }
        for (Rational[] row : rows) {
            Rational f = row[pivot];
            if (!f.isZero()) {
                for (int c = 0; c < length; c++) {
                    row[c] = row[c].subtract(f.multiply(r[c]));
                }
            }
        }
        rows.add(r);
        pivots.add(pivot);
        return true;
    }

    /**
     * The vector of the span that vanishes outside {@code support}, when the span holds exactly one such direction.
     *
     * @param support {@code support[c]}: whether column {@code c} may be non-zero
     * @return that vector (any scale), or empty when the span holds none or more than one independent such vector
     */
    Optional<Rational[]> onSupport(boolean[] support) {
        int r = rows.size();
        // v = Σ_j y_j row_j has v[pivot_j] = y_j: a pivot outside the support forces y_j = 0; the other columns
        // outside the support give homogeneous equations in the remaining y
        List<Integer> free = new ArrayList<>();
        for (int j = 0; j < r; j++) {
            if (support[pivots.get(j)]) {
                free.add(j);
            }
        }
        if (free.isEmpty()) {
            return Optional.empty();
        }
        List<Rational[]> equations = new ArrayList<>();
        for (int c = 0; c < length; c++) {
            if (support[c] || pivots.contains(c)) {
                continue;
            }
            Rational[] e = new Rational[free.size()];
            boolean any = false;
            for (int a = 0; a < free.size(); a++) {
                e[a] = rows.get(free.get(a))[c];
                any |= !e[a].isZero();
            }
            if (any) {
                equations.add(e);
            }
        }
        RationalSpan constraints = of(equations, free.size());
        if (free.size() - constraints.rank() != 1) {
            return Optional.empty();
        }
        int f = 0;
        while (constraints.pivots.contains(f)) {
            f++;
        }
        Rational[] y = new Rational[free.size()];
        Arrays.fill(y, Rational.ZERO);
        y[f] = Rational.of(1, 1);
        for (int j = 0; j < constraints.rows.size(); j++) {
            y[constraints.pivots.get(j)] = constraints.rows.get(j)[f].negate();
        }
        Rational[] v = zeros(length);
        for (int a = 0; a < free.size(); a++) {
            if (!y[a].isZero()) {
                Rational[] row = rows.get(free.get(a));
                for (int c = 0; c < length; c++) {
                    v[c] = v[c].add(y[a].multiply(row[c]));
                }
            }
        }
        return Optional.of(v);
    }

    /** The rows of the echelon form as doubles, a basis of the span. */
    double[][] basis() {
        double[][] out = new double[rows.size()][length];
        for (int j = 0; j < rows.size(); j++) {
            for (int c = 0; c < length; c++) {
                out[j][c] = rows.get(j)[c].doubleValue();
            }
        }
        return out;
    }

    private Rational[] reduce(Rational[] v) {
        Rational[] r = v.clone();
        for (int j = 0; j < rows.size(); j++) {
            Rational f = r[pivots.get(j)];
            if (!f.isZero()) {
                Rational[] row = rows.get(j);
                for (int c = 0; c < length; c++) {
                    if (!row[c].isZero()) {
                        r[c] = r[c].subtract(f.multiply(row[c]));
                    }
                }
            }
        }
        return r;
    }

    static Rational[] zeros(int length) {
        Rational[] z = new Rational[length];
        Arrays.fill(z, Rational.ZERO);
        return z;
    }

    private static boolean isZero(Rational[] v) {
        for (Rational x : v) {
            if (!x.isZero()) {
                return false;
            }
        }
        return true;
    }
}
