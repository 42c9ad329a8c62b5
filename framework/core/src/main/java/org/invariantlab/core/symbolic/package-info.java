/**
 * Reading learned functions back as formulas.
 *
 * <p>{@link org.invariantlab.core.symbolic.Cas} is the single place where the computer-algebra system
 * Symja (matheclipse-core) is used: it loads Symja on first use only and funnels every evaluation through
 * one worker thread. {@link org.invariantlab.core.symbolic.PolynomialInterpreter} is the built-in
 * {@code polynomial} interpreter: a sparse polynomial fit of the learned function over a feature library,
 * normalised, rationalised and simplified (Wetzel et al., Phys. Rev. Research 2, 033499, 2020; sequentially
 * thresholded least squares after Brunton, Proctor &amp; Kutz, PNAS 113, 3932, 2016). Several latents are
 * read together by {@code JointReading}: the library polynomials that are functions of all latents on the
 * data, in a sparse basis.
 */
package org.invariantlab.core.symbolic;
