package org.invariantlab.api.system;

import java.util.Objects;

/**
 * A known invariant of a system, against which learned invariants are scored.
 *
 * @param name        short symbol, e.g. {@code L}, {@code E}, {@code s2}
 * @param expression  the formula in Symja syntax over the state variables, e.g. {@code x*vy - y*vx}
 * @param description one line, e.g. "angular momentum"
 * @param field       evaluator of value and gradient
 */
public record TrueInvariant(String name, String expression, String description, ScalarField field) {

    public TrueInvariant {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(expression, "expression");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(field, "field");
        if (!name.matches("[A-Za-z][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("invariant name '" + name + "' is not a plain symbol");
        }
    }

    /** {@code I(x)}. */
    public double value(double[] x) {
        return field.value(x);
    }

    /** {@code ∇I(x)}. */
    public double[] gradient(double[] x) {
        return field.gradient(x);
    }
}
