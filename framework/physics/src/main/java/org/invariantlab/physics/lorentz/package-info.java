/**
 * Special-relativity kinematics shared by physical-system plugins (a plugin may not depend on another
 * plugin, so what the {@code lorentz} and {@code em} systems have in common lives here, in the physics toolkit
 * that the host provides; until 0.1.0 it was {@code org.invariantlab.api.physics} in the API jar).
 *
 * <p>{@link org.invariantlab.physics.lorentz.Minkowski}, {@link org.invariantlab.physics.lorentz.LorentzTransform}
 * and {@link org.invariantlab.physics.lorentz.FieldTensor} are the kinematics;
 * {@link org.invariantlab.physics.lorentz.BoxedLorentzGroups} samples groups of states related by random
 * Lorentz transformations inside a box, and {@link org.invariantlab.physics.lorentz.BoxedLorentzSystem} is the
 * base of a system built on it (its box and {@code maxRapidity} parameters and their binding).
 *
 * <p>Conventions, used throughout the package:
 * <ul>
 *   <li>coordinates {@code x^μ = (t, x, y, z)}, units with {@code c = 1};</li>
 *   <li>Minkowski metric {@code η = diag(−1, 1, 1, 1)}, so the interval
 *       {@code s² = η_{μν} x^μ x^ν = −t² + x² + y² + z²};</li>
 *   <li>a Lorentz transformation is a real 4×4 matrix {@code Λ^μ_ν} with {@code Λᵀ η Λ = η}, stored
 *       row-major ({@code Λ^μ_ν} at index {@code 4μ + ν}), acting on events as {@code x' = Λ x}
 *       and on the contravariant field tensor as {@code F' = Λ F Λᵀ};</li>
 *   <li>the field tensor is {@code F^{0i} = E_i}, {@code F^{ij} = ε_{ijk} B_k} (see
 *       {@link org.invariantlab.physics.lorentz.FieldTensor}).</li>
 * </ul>
 *
 * <p>Transcendental functions are evaluated with {@link java.lang.StrictMath}, so that a seeded random
 * transformation is bit-identical on every JVM and platform.
 *
 * <p>References: J. D. Jackson, <i>Classical Electrodynamics</i>, 3rd ed. (Wiley, 1999), §§11.3, 11.7,
 * 11.9, 11.10; S. M. Carroll, <i>Spacetime and Geometry</i> (Addison-Wesley, 2004), chapter 1; S. J. Wetzel,
 * R. G. Melko, J. Scott, M. Panju, V. Ganesh, Phys. Rev. Research 2, 033499 (2020) (the sampled groups).
 */
package org.invariantlab.physics.lorentz;
