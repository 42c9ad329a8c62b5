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
     * Extra candidate features for symbolic interpreters beside monomials of the state (e.g. {@code 1/r}
     * for a central potential, where energy is not polynomial).
     */
    default List<Feature> extraFeatures() {
        return List.of();
    }
}
