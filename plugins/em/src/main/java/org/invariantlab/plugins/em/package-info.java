/**
 * The {@code em} physical system: electromagnetic fields {@code (Ex, Ey, Ez, Bx, By, Bz)} seen from
 * randomly boosted and rotated frames, with the two Lorentz invariants {@code E·B} and {@code E² − B²}
 * (units with {@code c = 1}).
 *
 * <p>This is the electromagnetic experiment of S. J. Wetzel, R. G. Melko, J. Scott, M. Panju, V. Ganesh,
 * "Discovering symmetry invariants and conserved quantities by interpreting siamese neural networks",
 * Phys. Rev. Research 2, 033499 (2020). The field tensor and its transformation {@code F' = Λ F Λᵀ} come
 * from {@link org.invariantlab.physics.lorentz.FieldTensor} and
 * {@link org.invariantlab.physics.lorentz.LorentzTransform}.
 */
package org.invariantlab.plugins.em;
