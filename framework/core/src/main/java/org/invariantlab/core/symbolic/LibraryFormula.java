package org.invariantlab.core.symbolic;

import java.util.Objects;
import org.invariantlab.api.system.ScalarField;

/**
 * {@code g(x) = a_0 + Σ_m a_m φ_m(x)} over a {@link FeatureLibrary}: the normalised, rationalised formula of a
 * polynomial reading as a function of the state.
 *
 * <p>The gradient is analytic for monomials. The system's extra features come with values only, so their
 * gradients are central differences {@code (φ(x + h e_i) − φ(x − h e_i))/(2h)} with
 * {@code h = }{@value #RELATIVE_STEP}{@code ·max(1, |x_i|)}, near the optimum {@code ε^{1/3}} for double
 * precision; for smooth, well-scaled features this gives about ten correct digits (W. H. Press et al.,
 * <i>Numerical Recipes</i>, 3rd ed., §5.7, 2007).
 */
final class LibraryFormula implements ScalarField {

    /** Relative step of the central differences for extra features. */
    static final double RELATIVE_STEP = 1e-6;

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
            if (coefficients[m] == 0) {
                continue;
            }
            if (library.column(m).isMonomial()) {
                library.addMonomialGradient(m, x, coefficients[m], g);
            } else {
                addFeatureGradient(m, x, coefficients[m], g);
            }
        }
        return g;
    }

    private void addFeatureGradient(int m, double[] x, double weight, double[] g) {
        double[] probe = x.clone();
        for (int i = 0; i < x.length; i++) {
            double xi = x[i];
            double h = RELATIVE_STEP * Math.max(1, Math.abs(xi));
            // make x ± h exactly representable so that the divisor is the true distance
            double up = xi + h;
            h = up - xi;
            probe[i] = up;
            double fUp = library.value(m, probe);
            probe[i] = xi - h;
            double fDown = library.value(m, probe);
            probe[i] = xi;
            g[i] += weight * (fUp - fDown) / (2 * h);
        }
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
