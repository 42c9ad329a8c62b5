/**
 * Reading learned functions back as exact formulas.
 *
 * <p>{@link org.invariantlab.core.symbolic.Cas} is the single place where the computer-algebra system
 * Symja (matheclipse-core) is used: it loads Symja on first use only and funnels every evaluation through
 * one worker thread. {@link org.invariantlab.core.symbolic.PolynomialInterpreter} is the built-in
 * {@code polynomial} interpreter. Over a library of monomials, system features and their products
 * ({@code FeatureLibrary}) it tries three readings and keeps the one that explains the network best:
 * {@code GradientReading}, the combinations whose gradient direction matches the network's (Patel &amp; Wetzel,
 * arXiv:2409.05305, 2024), blind to the latent's unknown reparametrisation; {@code JointReading}, the
 * combinations that are functions of the latents; and the linear fit of Wetzel et al. (Phys. Rev. Research 2,
 * 033499, 2020) by sequentially thresholded least squares (Brunton, Proctor &amp; Kutz, PNAS 113, 3932, 2016).
 * The library grows by the evidence, and coefficients are rationalised only as far as the network allows.
 */
package org.invariantlab.core.symbolic;
