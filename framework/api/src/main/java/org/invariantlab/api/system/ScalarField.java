package org.invariantlab.api.system;

import java.util.Objects;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * A differentiable scalar function of the state, {@code f: R^d → R}: a true invariant, a learned latent, a
 * candidate formula.
 */
public interface ScalarField {

    /** {@code f(x)}. */
    double value(double[] x);

    /** {@code ∇f(x)}, an array of length {@code d}. */
    double[] gradient(double[] x);

    /**
     * The field with value {@code value} and analytic gradient {@code gradient}, e.g. the angular momentum
     * {@code ScalarField.of(x -> x[0]*x[3] - x[1]*x[2], x -> new double[] {x[3], -x[2], -x[1], x[0]})}.
     */
    static ScalarField of(ToDoubleFunction<double[]> value, Function<double[], double[]> gradient) {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(gradient, "gradient");
        return new ScalarField() {
            @Override
            public double value(double[] x) {
                return value.applyAsDouble(x);
            }

            @Override
            public double[] gradient(double[] x) {
                return gradient.apply(x);
            }
        };
    }
}
