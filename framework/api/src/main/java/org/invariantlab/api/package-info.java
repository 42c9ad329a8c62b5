/**
 * The InvariantLab API: what a plugin author compiles against.
 *
 * <p>Six extension points, each a small interface extending {@link org.invariantlab.api.LabExtension}
 * (which extends PF4J's {@code ExtensionPoint}):
 * <ul>
 *   <li>{@link org.invariantlab.api.system.PhysicalSystem}: states, groups that share invariants, the true invariants;</li>
 *   <li>{@link org.invariantlab.api.training.ExampleSampler}: turns groups into training examples (pairs or groups);</li>
 *   <li>{@link org.invariantlab.api.training.NetworkHead}: turns latents of a batch into a loss and its gradient;</li>
 *   <li>{@link org.invariantlab.api.training.GradientLoss}: keeps several learned invariants independent;</li>
 *   <li>{@link org.invariantlab.api.symbolic.SymbolicInterpreter}: reads a learned function back as a formula;</li>
 *   <li>{@link org.invariantlab.api.count.CountingMethod}: counts conserved quantities from states and their
 *       directions of motion without the host's networks (e.g. a library nullspace).</li>
 * </ul>
 *
 * <p><b>Compatibility policy</b> ({@link org.invariantlab.api.ApiVersion}). The API follows semantic versioning,
 * with {@code 0.Y} counted as a major line: within a line methods are added to the interfaces only as
 * {@code default} methods and record components are never removed, so a plugin runs on every later version of the
 * line it was built against; a host refuses a plugin built against another line, with one line naming both
 * versions. A plugin declares {@code Plugin-Requires: }{@link org.invariantlab.api.ApiVersion#compatibleRange()}
 * (for 0.2.0: {@code >=0.2.0 & <0.3.0}), whose lower bound says which API it was built against. The physics
 * toolkit carries the same version and follows the same policy.
 */
package org.invariantlab.api;
