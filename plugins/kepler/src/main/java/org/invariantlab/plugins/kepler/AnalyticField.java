package org.invariantlab.plugins.kepler;

import java.util.Objects;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import org.invariantlab.api.system.ScalarField;

/**
 * A scalar field given by two functions: its value and its analytic gradient.
 *
 * @param value    {@code f(x)}
 * @param gradient {@code ∇f(x)}
 */
record AnalyticField(ToDoubleFunction<double[]> value, Function<double[], double[]> gradient) implements ScalarField {

    AnalyticField {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(gradient, "gradient");
    }

    @Override
    public double value(double[] x) {
        return value.applyAsDouble(x);
    }

    @Override
    public double[] gradient(double[] x) {
        return gradient.apply(x);
    }
}
