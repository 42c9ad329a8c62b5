/**
 * The Kepler problem as an InvariantLab {@link org.invariantlab.api.system.PhysicalSystem}: a unit mass in
 * the potential {@code V = −GM/r} with {@code GM = 1}, state {@code (x, y, vx, vy)}, Hamiltonian
 * {@code H = (vx² + vy²)/2 − 1/r}.
 *
 * <p>A group is a set of states at random times on one bound orbit, computed from the exact solution
 * ({@link org.invariantlab.plugins.kepler.KeplerEquation Kepler's equation} solved to machine precision), so
 * the true invariants (angular momentum {@code L}, energy {@code E} and the Laplace–Runge–Lenz vector
 * {@code (Ax, Ay)}) are shared by the members of a group up to rounding. Two extensions:
 * <ul>
 *   <li>{@link org.invariantlab.plugins.kepler.KeplerSystem} ({@code kepler}): energy and eccentricity drawn
 *       per orbit, so {@code L} and {@code E} both vary;</li>
 *   <li>{@link org.invariantlab.plugins.kepler.KeplerFixedLSystem} ({@code kepler-fixed-l}): every orbit has
 *       the same {@code L}, only the energy varies.</li>
 * </ul>
 * Both extend {@code OrbitFamilySystem}, which holds what they share (state space, parameter resolution into
 * an {@code OrbitFamily}, the sampling model).
 * These are the Kepler experiments of S. J. Wetzel, R. G. Melko, J. Scott, M. Panju, V. Ganesh, Phys. Rev.
 * Research 2, 033499 (2020).
 */
package org.invariantlab.plugins.kepler;
