package org.invariantlab.core.symbolic;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.invariantlab.api.system.Feature;
import org.invariantlab.api.system.StateSpace;

/**
 * The candidate terms {@code φ_m} of a polynomial reading: every monomial of the state variables of total
 * degree 1 to {@code degree}, then each extra feature of the system alone. The constant is not a column;
 * fits carry it as the intercept.
 *
 * <p>Monomials are ordered by degree, then lexicographically in the order of the state space, and named in
 * Symja syntax with their variables in that order ({@code x^2}, {@code x*vy}, {@code x^2*vy}).
 */
final class FeatureLibrary {

    /**
     * One column.
     *
     * @param name      the term in Symja syntax: a monomial such as {@code x*vy}, or a feature's expression
     * @param exponents exponent of each state variable for a monomial; {@code null} for an extra feature
     * @param feature   the extra feature; {@code null} for a monomial
     */
    record Column(String name, int[] exponents, Feature feature) {
        Column {
            Objects.requireNonNull(name, "name");
            if ((exponents == null) == (feature == null)) {
                throw new IllegalArgumentException("a column is either a monomial or a feature");
            }
            exponents = exponents == null ? null : exponents.clone();
        }

        boolean isMonomial() {
            return exponents != null;
        }

        /** This term's factor in a Symja product: the monomial, or the feature's expression in parentheses. */
        String symjaFactor() {
            return isMonomial() ? name : "(" + feature.expression() + ")";
        }
    }

    private final StateSpace space;
    private final int degree;
    private final List<Column> columns;
    private final int monomials;

    FeatureLibrary(StateSpace space, List<Feature> features, int degree) {
        this.space = Objects.requireNonNull(space, "space");
        if (degree < 1) {
            throw new IllegalArgumentException("degree must be at least 1, got " + degree);
        }
        this.degree = degree;
        List<Column> out = new ArrayList<>();
        int d = space.dimension();
        for (int k = 1; k <= degree; k++) {
            addMonomials(out, new int[d], 0, k);
        }
        monomials = out.size();
        for (Feature f : features) {
            out.add(new Column(f.expression(), null, f));
        }
        columns = List.copyOf(out);
    }

    /** Number of monomials of {@code d} variables of total degree 1 to {@code degree}: C(d+degree, degree) − 1. */
    static long monomialCount(int d, int degree) {
        long c = 1;
        for (int i = 1; i <= degree; i++) {
            c = c * (d + i) / i;
        }
        return c - 1;
    }

    StateSpace space() {
        return space;
    }

    int degree() {
        return degree;
    }

    /** Number of columns (monomials and features, without the constant). */
    int size() {
        return columns.size();
    }

    /** Number of monomial columns; they come first. */
    int monomials() {
        return monomials;
    }

    Column column(int m) {
        return columns.get(m);
    }

    List<Column> columns() {
        return columns;
    }

    /** Value of column {@code m} at state {@code x}. */
    double value(int m, double[] x) {
        Column c = columns.get(m);
        if (!c.isMonomial()) {
            return c.feature().value(x.clone());
        }
        double p = 1;
        int[] e = c.exponents;
        for (int i = 0; i < e.length; i++) {
            for (int k = 0; k < e[i]; k++) {
                p *= x[i];
            }
        }
        return p;
    }

    /** Adds {@code ∂φ_m/∂x · weight} to {@code gradient}, for a monomial column {@code m}. */
    void addMonomialGradient(int m, double[] x, double weight, double[] gradient) {
        int[] e = columns.get(m).exponents;
        for (int i = 0; i < e.length; i++) {
            if (e[i] == 0) {
                continue;
            }
            double p = e[i];
            for (int j = 0; j < e.length; j++) {
                int power = j == i ? e[j] - 1 : e[j];
                for (int k = 0; k < power; k++) {
                    p *= x[j];
                }
            }
            gradient[i] += weight * p;
        }
    }

    /** Exponent vectors of total degree {@code remaining} over variables {@code from..d-1}, lexicographically. */
    private void addMonomials(List<Column> out, int[] exponents, int from, int remaining) {
        if (remaining == 0) {
            out.add(new Column(monomialName(exponents), exponents, null));
            return;
        }
        for (int i = from; i < exponents.length; i++) {
            exponents[i]++;
            addMonomials(out, exponents, i, remaining - 1);
            exponents[i]--;
        }
    }

    private String monomialName(int[] exponents) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < exponents.length; i++) {
            if (exponents[i] == 0) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append('*');
            }
            sb.append(space.variables().get(i));
            if (exponents[i] > 1) {
                sb.append('^').append(exponents[i]);
            }
        }
        return sb.toString();
    }
}
