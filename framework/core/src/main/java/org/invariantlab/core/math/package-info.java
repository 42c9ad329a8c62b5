/**
 * Small dense linear algebra in plain Java shared by scoring and symbolic interpretation:
 * {@link org.invariantlab.core.math.Linalg} (Gram–Schmidt bases, principal angles, Jacobi
 * eigen-decompositions, Householder least squares). The matrices are a few dozen wide at most, so no BLAS is
 * involved and nothing here loads ND4J.
 */
package org.invariantlab.core.math;
