package org.invariantlab.core.symbolic;

import java.util.Objects;

/**
 * A formula in the two forms a reader sees.
 *
 * @param expression one line of Symja syntax, in the caller's variable names, e.g. {@code -t^2+x^2+y^2+z^2-2/3}
 * @param latex      the same formula in LaTeX
 */
public record SymbolicForm(String expression, String latex) {
    public SymbolicForm {
        Objects.requireNonNull(expression, "expression");
        Objects.requireNonNull(latex, "latex");
    }
}
