package org.invariantlab.api.system;

/**
 * A differentiable scalar function of the state, {@code f: R^d → R}: a true invariant, a learned latent, a
 * candidate formula.
 */
public interface ScalarField {

    /** {@code f(x)}. */
    double value(double[] x);

    /** {@code ∇f(x)}, an array of length {@code d}. */
    double[] gradient(double[] x);
}
