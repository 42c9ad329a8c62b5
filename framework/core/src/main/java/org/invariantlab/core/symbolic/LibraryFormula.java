package org.invariantlab.core.symbolic;

import java.util.Objects;
import org.invariantlab.api.system.ScalarField;

/**
 * {@code g(x) = a_0 + Σ_m a_m φ_m(x)} over a {@link FeatureLibrary}: the normalised, rationalised formula of a
 * polynomial reading as a function of the state.
 *
 * <p>The gradient is analytic for monomials and a central difference for the system's extra features (see
 * {@link FeatureLibrary#addGradient}).
 */
final class LibraryFormula implements ScalarField {

    private final FeatureLibrary library;
    private final double constant;
    private final double[] coefficients;
    private final String expression;

    /**
     * @param library      the columns
     * @param constant     {@code a_0}
     * @param coefficients {@code a_m} per column, 0 for absent terms
     * @param expression   the formula in Symja syntax, for {@link #toString()}
     */
    LibraryFormula(FeatureLibrary library, double constant, double[] coefficients, String expression) {
        this.library = Objects.requireNonNull(library, "library");
        this.constant = constant;
        this.coefficients = coefficients.clone();
        this.expression = Objects.requireNonNull(expression, "expression");
        if (coefficients.length != library.size()) {
            throw new IllegalArgumentException(coefficients.length + " coefficients for " + library.size() + " columns");
        }
    }

    FeatureLibrary library() {
        return library;
    }

    /** {@code a_m} per column (a copy). */
    double[] coefficients() {
        return coefficients.clone();
    }

    @Override
    public double value(double[] x) {
        checkDimension(x);
        double v = constant;
        for (int m = 0; m < coefficients.length; m++) {
            if (coefficients[m] != 0) {
                v += coefficients[m] * library.value(m, x);
            }
        }
        return v;
    }

    @Override
    public double[] gradient(double[] x) {
        checkDimension(x);
        double[] g = new double[x.length];
        for (int m = 0; m < coefficients.length; m++) {
            if (coefficients[m] != 0) {
                library.addGradient(m, x, coefficients[m], g);
            }
        }
        return g;
    }

    private void checkDimension(double[] x) {
        if (x.length != library.space().dimension()) {
            throw new IllegalArgumentException("state has " + x.length + " values, expected " + library.space().dimension());
        }
    }

    @Override
    public String toString() {
        return expression;
    }
}
