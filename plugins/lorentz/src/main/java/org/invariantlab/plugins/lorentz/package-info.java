/**
 * The {@code lorentz} physical system: spacetime events {@code (t, x, y, z)} seen from randomly boosted
 * and rotated frames, whose one invariant is the interval {@code s² = −t² + x² + y² + z²} (units with
 * {@code c = 1}, metric {@code diag(−1, 1, 1, 1)}).
 *
 * <p>This is the first experiment of S. J. Wetzel, R. G. Melko, J. Scott, M. Panju, V. Ganesh,
 * "Discovering symmetry invariants and conserved quantities by interpreting siamese neural networks",
 * Phys. Rev. Research 2, 033499 (2020). The Lorentz kinematics come from
 * {@link org.invariantlab.physics.lorentz.LorentzTransform}.
 */
package org.invariantlab.plugins.lorentz;
