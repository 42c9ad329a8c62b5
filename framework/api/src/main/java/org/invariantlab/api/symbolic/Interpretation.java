package org.invariantlab.api.symbolic;

import java.util.List;
import java.util.Objects;
import org.invariantlab.api.system.ScalarField;

/**
 * A learned function read back as a formula.
 *
 * @param expression       readable formula in Symja syntax, normalised (e.g. {@code -t^2+x^2+y^2+z^2})
 * @param latex            the same formula in LaTeX
 * @param r2               coefficient of determination on the context's states: of the fit of the formula to
 *                         the function, or, for a reading of several functions together, of the formula by the
 *                         functions
 * @param terms            the full coefficient table behind the formula
 * @param formula          the simplified formula as a function of the state, with value and gradient, so it can
 *                         be scored against the truth
 * @param reading          which reading produced the formula, in words (e.g. {@code gradient direction, degree 2});
 *                         empty when the interpreter does not say
 * @param networkAlignment mean {@code |cos|} of the angle between the formula's gradient and the learned
 *                         functions' gradients on the context's states (1: the formula explains the network);
 *                         {@code NaN} when the interpreter does not say
 * @param alternatives     the Pareto front of simplicity against fit the interpreter explored, simplest first; empty
 *                         when it has none (since 0.2.0)
 */
public record Interpretation(String expression, String latex, double r2, List<Term> terms, ScalarField formula,
                             String reading, double networkAlignment, List<Alternative> alternatives) {
    public Interpretation {
        Objects.requireNonNull(expression, "expression");
        Objects.requireNonNull(latex, "latex");
        terms = List.copyOf(Objects.requireNonNull(terms, "terms"));
        Objects.requireNonNull(formula, "formula");
        Objects.requireNonNull(reading, "reading");
        alternatives = alternatives == null ? List.of() : List.copyOf(alternatives);
    }

    /** An interpretation without a front of alternatives. */
    public Interpretation(String expression, String latex, double r2, List<Term> terms, ScalarField formula,
                          String reading, double networkAlignment) {
        this(expression, latex, r2, terms, formula, reading, networkAlignment, List.of());
    }

    /** An interpretation that does not say how it was read (the 0.1 form of this record). */
    public Interpretation(String expression, String latex, double r2, List<Term> terms, ScalarField formula) {
        this(expression, latex, r2, terms, formula, "", Double.NaN);
    }
}
