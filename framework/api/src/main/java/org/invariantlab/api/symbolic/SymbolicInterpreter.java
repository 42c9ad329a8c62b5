package org.invariantlab.api.symbolic;

import java.util.List;
import org.invariantlab.api.LabExtension;
import org.invariantlab.api.param.Parameters;
import org.invariantlab.api.system.ScalarField;

/**
 * Extension point that reads a learned function back as a formula.
 *
 * <p>The standard method fits {@code f(x) ≈ Σ c_m φ_m(x)} over a feature library (monomials up to a degree
 * plus the system's extra features) by ridge or sequentially thresholded least squares, normalises by the
 * largest coefficient, drops small terms, rationalises and simplifies with a computer-algebra system
 * (Wetzel et al., PRR 2, 033499, 2020). Fitting normalised gradients instead is blind to the unknown
 * reparametrisation {@code g(I)} (Patel &amp; Wetzel, 2024).
 */
public interface SymbolicInterpreter extends LabExtension {

    /**
     * Whether this interpreter searches expressions beyond a fixed library (symbolic regression): slower, but able to
     * read what no library holds. The host calls such an interpreter by itself when the chosen one does not explain
     * the network. Default {@code false}.
     *
     * @since 0.2.0
     */
    default boolean searchesExpressions() {
        return false;
    }

    /** Interprets {@code f} on the context's states. */
    Interpretation interpret(ScalarField f, InterpretationContext context, Parameters parameters);

    /**
     * Interprets {@code k ≥ 1} learned functions together, as a network with {@code k} outputs learns them:
     * any invertible mixture of {@code k} invariants is as good as the invariants themselves, so an
     * interpreter may return formulas for the invariants the functions jointly encode rather than for each
     * function. Returns at most {@code fs.size()} interpretations, best first. The default reads each function
     * alone with {@link #interpret}.
     */
    default List<Interpretation> interpretJointly(List<? extends ScalarField> fs, InterpretationContext context,
                                                  Parameters parameters) {
        if (fs.isEmpty()) {
            throw new IllegalArgumentException("nothing to interpret: no function given");
        }
        return fs.stream().map(f -> interpret(f, context, parameters)).toList();
    }
}
