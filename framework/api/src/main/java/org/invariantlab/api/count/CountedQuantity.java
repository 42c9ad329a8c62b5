package org.invariantlab.api.count;

import java.util.Objects;
import org.invariantlab.api.system.ScalarField;

/**
 * One quantity a {@link CountingMethod} counted: the function and the method's own expression of it (Symja syntax,
 * in the state variables; numeric coefficients are fine — the host reads the function back as an exact formula).
 */
public record CountedQuantity(String expression, ScalarField field) {

    public CountedQuantity {
        Objects.requireNonNull(expression, "expression");
        Objects.requireNonNull(field, "field");
    }
}
