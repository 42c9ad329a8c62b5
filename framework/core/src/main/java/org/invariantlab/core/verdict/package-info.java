/**
 * Verdicts: what is known of a formula's conservation, and on what evidence (methods.md §11): <em>proven</em> (its
 * Lie derivative along the system's vector field is 0), <em>exact</em> (a function of the declared true
 * invariants), <em>conserved on held-out data</em> (constant along groups or trajectories the reader never saw,
 * far below a function that is not conserved), or <em>not conserved</em>. {@link org.invariantlab.core.verdict.Verifier}
 * is the one component that decides them; every result carries its verdicts. A verdict never rests on agreement
 * with the network alone.
 */
package org.invariantlab.core.verdict;
