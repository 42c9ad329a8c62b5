/**
 * Test kit for InvariantLab plugin authors.
 *
 * <p>{@link org.invariantlab.testkit.PhysicalSystemContract} is an abstract JUnit 5 contract test that
 * every {@link org.invariantlab.api.system.PhysicalSystem} plugin subclasses: it checks the identity and
 * parameters of the extension, that the true invariants are constant within sampled groups and vary
 * across them, that their analytic gradients agree with finite differences, that they are conserved by the
 * system's vector field ({@code ∇I·h = 0}), that sampling is reproducible, and that inconsistent
 * parameters are refused with a message naming the parameter. A subclass supplies the system and, where a
 * variant needs it, parameter overrides, tolerances and the invalid parameter sets it expects to be
 * refused ({@link org.invariantlab.testkit.InvalidCase}).
 *
 * <p>{@link org.invariantlab.testkit.PluginLoadingContract} is the packaging counterpart: a plugin's
 * subclass names its plugin id and systems, and the contract packs the module's compiled classes into a
 * plugin jar, has PF4J start it, and checks that the systems are found through the generated extension
 * index.
 *
 * <p>{@link org.invariantlab.testkit.FiniteDifferences} computes central-difference gradients, for
 * plugin tests that check an analytic gradient by hand. {@link org.invariantlab.testkit.SamplingChecks}
 * holds assertions on sampled data that several systems share without the API promising them (states in a
 * box, drift relative to the state's scale, prefix-stable sampling, refusals naming a parameter).
 * {@link org.invariantlab.testkit.PluginJarBuilder} writes real PF4J plugin jars, for tests that load
 * plugins the way an installation does.
 */
package org.invariantlab.testkit;
