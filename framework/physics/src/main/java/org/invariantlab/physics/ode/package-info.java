/**
 * Accurate numerical integration of autonomous ordinary differential equations {@code dx/dt = h(x)}, with
 * {@code h} an API {@link org.invariantlab.api.system.VectorField}: {@link org.invariantlab.physics.ode.OdeIntegrator}
 * returns the states at requested times, {@link org.invariantlab.physics.ode.IntegrationException} says in one line
 * why it could not.
 *
 * <p>The method is the adaptive explicit Runge–Kutta pair of order 8(5,3) of Dormand and Prince as implemented by
 * Hipparchus ({@code org.hipparchus.ode.nonstiff.DormandPrince853Integrator}), with its dense output of order 7
 * between steps. References: E. Hairer, S. P. Nørsett, G. Wanner, <i>Solving Ordinary Differential Equations I:
 * Nonstiff Problems</i>, 2nd ed. (Springer, 1993), §§II.4–II.6 (step-size control) and §II.10 (the DOP853
 * coefficients and its dense output); P. J. Prince, J. R. Dormand, "High order embedded Runge–Kutta formulae",
 * J. Comput. Appl. Math. 7, 67 (1981).
 */
package org.invariantlab.physics.ode;
