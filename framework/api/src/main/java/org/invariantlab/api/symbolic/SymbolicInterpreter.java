package org.invariantlab.api.symbolic;

import org.invariantlab.api.Extension;
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
public interface SymbolicInterpreter extends Extension {

    /** Interprets {@code f} on the context's states. */
    Interpretation interpret(ScalarField f, InterpretationContext context, Parameters parameters);
}
