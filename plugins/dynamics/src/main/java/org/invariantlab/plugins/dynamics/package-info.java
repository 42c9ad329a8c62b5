/**
 * The {@code dynamics} plugin: physical systems given by an ordinary differential equation, sampled along
 * trajectories with the physics toolkit's {@link org.invariantlab.physics.dynamics.DynamicalSystem}, each group one
 * trajectory sharing its conserved quantities.
 * <ul>
 *   <li>{@code lotka-volterra} ({@link org.invariantlab.plugins.dynamics.LotkaVolterraSystem}): predator and prey,
 *       set P1 of S. Ha, H. Jeong, Phys. Rev. Research 3, L042035 (2021);</li>
 *   <li>{@code oscillator-2d} ({@link org.invariantlab.plugins.dynamics.Oscillator2dSystem}): the isotropic or
 *       anisotropic 2-D harmonic oscillator, with its two partial energies and, if isotropic, the angular
 *       momentum.</li>
 * </ul>
 */
package org.invariantlab.plugins.dynamics;
