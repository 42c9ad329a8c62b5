/**
 * Dynamical systems for plugin authors: a {@link org.invariantlab.physics.dynamics.DynamicalSystem} is a vector field
 * {@code h}, its conserved quantities and the ranges of initial states ({@link org.invariantlab.physics.dynamics.Dynamics},
 * {@link org.invariantlab.physics.dynamics.Range}); {@link org.invariantlab.physics.dynamics.TrajectoryModel} samples
 * each group as states along one trajectory of {@code dx/dt = h(x)} and checks that every declared invariant stays
 * constant on it.
 *
 * <p>Reference: S. J. Wetzel, R. G. Melko, J. Scott, M. Panju, V. Ganesh, "Discovering symmetry invariants and
 * conserved quantities by interpreting siamese neural networks", Phys. Rev. Research 2, 033499 (2020): a conserved
 * quantity of {@code dx/dt = h(x)} satisfies {@code ∇I(x)·h(x) = 0}, so it is constant along each trajectory and
 * states of one trajectory form a group.
 */
package org.invariantlab.physics.dynamics;
