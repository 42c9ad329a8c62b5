package org.invariantlab.api.system;

/** The right-hand side {@code h} of a dynamical system {@code dx/dt = h(x)}. */
@FunctionalInterface
public interface VectorField {

    /** {@code h(x)}, an array of length {@code d}. */
    double[] at(double[] x);
}
