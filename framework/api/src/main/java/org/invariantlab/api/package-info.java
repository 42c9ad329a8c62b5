/**
 * The InvariantLab API: what a plugin author compiles against.
 *
 * <p>Six extension points, each a small interface extending {@link org.invariantlab.api.LabExtension}
 * (which extends PF4J's {@code ExtensionPoint}):
 * <ul>
 *   <li>{@link org.invariantlab.api.system.PhysicalSystem}: states, groups that share invariants, the true invariants;</li>
 *   <li>{@link org.invariantlab.api.training.PairSampler}: turns groups into training examples (pairs or groups);</li>
 *   <li>{@link org.invariantlab.api.training.NetworkHead}: turns latents of a batch into a loss and its gradient;</li>
 *   <li>{@link org.invariantlab.api.training.IndependenceLoss}: keeps several learned invariants independent;</li>
 *   <li>{@link org.invariantlab.api.symbolic.SymbolicInterpreter}: reads a learned function back as a formula;</li>
 *   <li>{@link org.invariantlab.api.count.CountingMethod}: counts conserved quantities from states and their
 *       directions of motion without the host's networks (e.g. a library nullspace).</li>
 * </ul>
 *
 * <p><b>Compatibility policy.</b> The API follows semantic versioning; its version
 * ({@link org.invariantlab.api.ApiVersion#current()}) is PF4J's system version, so a plugin declares
 * {@code Plugin-Requires: >=X.Y.0 & <(X+1).0.0}. Within a major version methods may be added to the
 * interfaces only as {@code default} methods and record components are never removed.
 */
package org.invariantlab.api;
