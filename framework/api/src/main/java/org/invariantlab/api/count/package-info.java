/**
 * Counting extension point: {@link org.invariantlab.api.count.CountingMethod}, a way of counting the conserved
 * quantities of a dynamical system from states and their directions of motion that is not one of the host's neural
 * methods (AI Poincaré 2.0's singular values, neural deflation). It sees numbers only ({@link
 * org.invariantlab.api.count.CountingProblem}) and answers with a count, its evidence and the counted quantities as
 * functions ({@link org.invariantlab.api.count.CountingOutcome}); the host reads those functions as formulas, gives
 * each its verdict and checks it along trajectories the method never saw, exactly as for the neural methods.
 */
package org.invariantlab.api.count;
