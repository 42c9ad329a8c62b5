package org.invariantlab.api.symbolic;

import java.util.Objects;

/**
 * One point of a reading's Pareto front of simplicity against fit: the best formula the interpreter found at a given
 * complexity (Patel &amp; Wetzel, arXiv:2409.05305: the front, not one formula, is what a search over expressions
 * offers).
 *
 * @param expression   the formula, Symja syntax
 * @param complexity   its size (nodes of its expression tree)
 * @param misalignment {@code mean (1 − cos²)} of the angle between its gradient and the learned function's
 * @since 0.2.0
 */
public record Alternative(String expression, int complexity, double misalignment) {
    public Alternative {
        Objects.requireNonNull(expression, "expression");
    }
}
