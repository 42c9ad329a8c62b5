package org.invariantlab.core.symbolic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.invariantlab.api.system.Feature;
import org.invariantlab.api.system.StateSpace;

/**
 * The candidate terms {@code φ_m} of a polynomial reading: every monomial of the state variables of total
 * degree 1 to {@code degree}, then each extra feature of the system alone, then (when {@code productDegree > 0})
 * each feature times every monomial of degree 1 to {@code productDegree} (e.g. {@code x/Sqrt(x^2+y^2)}). The
 * constant is not a column; fits carry it as the intercept.
 *
 * <p>Monomials are ordered by degree, then lexicographically in the order of the state space, and named in
 * Symja syntax with their variables in that order ({@code x^2}, {@code x*vy}, {@code x^2*vy}).
 */
final class FeatureLibrary {

    /**
     * One column.
     *
     * @param name      the term in Symja syntax: a monomial such as {@code x*vy}, a feature's expression, or
     *                  their product
     * @param exponents exponent of each state variable of the monomial factor (all 0 for a feature alone);
     *                  never {@code null}
     * @param feature   the extra feature factor; {@code null} for a monomial
     */
    record Column(String name, int[] exponents, Feature feature) {
        Column {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(exponents, "exponents");
            exponents = exponents.clone();
        }

        boolean isMonomial() {
            return feature == null;
        }

        /** This term's factor in a Symja product: the monomial, or the feature's expression in parentheses. */
        String symjaFactor() {
            return isMonomial() ? name : "(" + name + ")";
        }
    }

    /** Relative step of the central differences for extra features. */
    static final double RELATIVE_STEP = 1e-6;

    private final StateSpace space;
    private final int degree;
    private final int productDegree;
    private final List<Column> columns;
    private final int monomials;

    FeatureLibrary(StateSpace space, List<Feature> features, int degree) {
        this(space, features, degree, 0);
    }

    /**
     * @param productDegree highest degree of the monomials multiplied with each feature (0: features alone)
     */
    FeatureLibrary(StateSpace space, List<Feature> features, int degree, int productDegree) {
        this.space = Objects.requireNonNull(space, "space");
        if (degree < 1) {
            throw new IllegalArgumentException("degree must be at least 1, got " + degree);
        }
        if (productDegree < 0) {
            throw new IllegalArgumentException("productDegree must be at least 0, got " + productDegree);
        }
        this.degree = degree;
        this.productDegree = productDegree;
        List<Column> out = new ArrayList<>();
        int d = space.dimension();
        for (int k = 1; k <= degree; k++) {
            addMonomials(out, new int[d], 0, k);
        }
        monomials = out.size();
        List<Column> productMonomials = new ArrayList<>();
        for (int k = 1; k <= productDegree; k++) {
            addMonomials(productMonomials, new int[d], 0, k);
        }
        for (Feature f : features) {
            out.add(new Column(f.expression(), new int[d], f));
        }
        for (Feature f : features) {
            for (Column m : productMonomials) {
                out.add(new Column(m.name() + "*(" + f.expression() + ")", m.exponents(), f));
            }
        }
        columns = List.copyOf(out);
    }

    /** The extra features of the library, in the order of their columns. */
    List<Feature> features() {
        return columns.stream().filter(c -> !c.isMonomial() && Arrays.stream(c.exponents()).sum() == 0)
                .map(Column::feature).toList();
    }

    /** Highest degree of the monomials multiplied with each feature; 0 when features stand alone. */
    int productDegree() {
        return productDegree;
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
        double p = monomial(c.exponents, x);
        return c.isMonomial() ? p : p * c.feature().value(x.clone());
    }

    /**
     * Adds {@code weight·∇φ_m(x)} to {@code gradient}. Monomials are differentiated analytically; the system's
     * extra features come with values only, so a feature factor is differentiated by central differences
     * {@code (φ(x + h e_i) − φ(x − h e_i))/(2h)} with {@code h = }{@value #RELATIVE_STEP}{@code ·max(1, |x_i|)},
     * near the optimum {@code ε^{1/3}} for double precision; for smooth, well-scaled features this gives about
     * ten correct digits (W. H. Press et al., <i>Numerical Recipes</i>, 3rd ed., §5.7, 2007). Products use the
     * product rule.
     */
    void addGradient(int m, double[] x, double weight, double[] gradient) {
        Column c = columns.get(m);
        if (c.isMonomial()) {
            addMonomialGradient(c.exponents, x, weight, gradient);
            return;
        }
        double p = monomial(c.exponents, x);
        double f = c.feature().value(x.clone());
        addMonomialGradient(c.exponents, x, weight * f, gradient);
        if (p == 0) {
            return;
        }
        double[] probe = x.clone();
        for (int i = 0; i < x.length; i++) {
            double xi = x[i];
            double h = RELATIVE_STEP * Math.max(1, Math.abs(xi));
            // make x ± h exactly representable so that the divisor is the true distance
            double up = xi + h;
            h = up - xi;
            probe[i] = up;
            double fUp = c.feature().value(probe.clone());
            probe[i] = xi - h;
            double fDown = c.feature().value(probe.clone());
            probe[i] = xi;
            gradient[i] += weight * p * (fUp - fDown) / (2 * h);
        }
    }

    /** {@code ∇φ_m(x)}. */
    double[] gradient(int m, double[] x) {
        double[] g = new double[x.length];
        addGradient(m, x, 1.0, g);
        return g;
    }

    private static double monomial(int[] e, double[] x) {
        double p = 1;
        for (int i = 0; i < e.length; i++) {
            for (int k = 0; k < e[i]; k++) {
                p *= x[i];
            }
        }
        return p;
    }

    private static void addMonomialGradient(int[] e, double[] x, double weight, double[] gradient) {
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
