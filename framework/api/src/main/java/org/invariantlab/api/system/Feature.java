package org.invariantlab.api.system;

import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * An extra candidate feature for symbolic interpreters, such as {@code 1/r}.
 *
 * @param name       label in coefficient tables, e.g. {@code invR}
 * @param expression the feature in Symja syntax, e.g. {@code 1/Sqrt(x^2+y^2)}
 * @param evaluator  computes the feature from a state
 */
public record Feature(String name, String expression, ToDoubleFunction<double[]> evaluator) {

    public Feature {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(expression, "expression");
        Objects.requireNonNull(evaluator, "evaluator");
    }

    /** The feature's value at {@code x}. */
    public double value(double[] x) {
        return evaluator.applyAsDouble(x);
    }
}
