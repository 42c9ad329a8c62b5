package org.invariantlab.api.system;

import java.util.List;
import java.util.Optional;

/**
 * A {@link PhysicalSystem} with its parameters bound: samples groups and knows the truth. Immutable and
 * safe to use from several threads.
 */
public interface SystemModel {

    /** The state variables (same as the system's). */
    StateSpace stateSpace();

    /**
     * Draws {@code request.groups()} groups of {@code request.perGroup()} states each; all states of a group
     * share the values of every {@link #invariants() true invariant}. The same request (including its seed)
     * gives bit-identical data.
     */
    GroupedData sample(SamplingRequest request);

    /**
     * The true invariants, each with a Symja expression, value and gradient. At least one, except for a dynamical
     * system declared as a negative control ({@link #conservedCounts()} independent = 0), which has none.
     */
    List<TrueInvariant> invariants();

    /**
     * How many conserved quantities the system has, independent and in involution, when known (part of the truth
     * that {@code invariantlab count} is scored against). When the independent count is declared, the true
     * invariants must span exactly that many independent directions, and the first {@code inInvolution} of them
     * must pairwise Poisson-commute. Empty by default (since API 0.2.0).
     */
    default Optional<ConservedCounts> conservedCounts() {
        return Optional.empty();
    }

    /** The vector field {@code h(x)} of {@code dx/dt = h(x)}, for dynamical systems; empty otherwise. */
    default Optional<VectorField> vectorField() {
        return Optional.empty();
    }

    /**
     * The same vector field as formulas: one Symja expression per state variable, in state order, over the variable
     * names (the isotropic oscillator: {@code px, py, -x, -y}). With it a formula can be <em>proven</em> conserved:
     * its Lie derivative {@code Σ_i ∂F/∂x_i · h_i} simplifies to 0 (methods.md §11). Empty when the system does not
     * declare it (the default); when declared, it must describe {@link #vectorField()} (the contract test checks
     * both at sampled states).
     *
     * @since 0.2.0
     */
    default Optional<List<String>> vectorFieldExpressions() {
        return Optional.empty();
    }

    /**
     * Extra candidate features for symbolic interpreters beside monomials of the state (e.g. {@code 1/r}
     * for a central potential, where energy is not polynomial).
     */
    default List<Feature> extraFeatures() {
        return List.of();
    }
}
