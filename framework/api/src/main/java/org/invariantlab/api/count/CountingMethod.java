package org.invariantlab.api.count;

import org.invariantlab.api.LabExtension;
import org.invariantlab.api.param.Parameters;

/**
 * Extension point for a method that counts the conserved quantities of {@code dx/dt = h(x)} from states
 * {@code x_i} and unit directions of motion {@code ĥ(x_i)} — for example the library nullspace of sparse invariant
 * discovery: over functions {@code φ_j}, the combinations {@code Σ_j c_j φ_j} whose Lie derivative
 * {@code Σ_j c_j ∇φ_j(x_i)·ĥ(x_i)} vanishes on every state.
 *
 * <p>{@code invariantlab count --method ID} runs it (and {@code --method all} runs it beside the neural methods);
 * a grid names it in a method's {@code count: {method: ID}}. The host passes training states only: it keeps the
 * test trajectories to check every returned quantity along them and to give it a verdict.
 */
public interface CountingMethod extends LabExtension {

    /**
     * Whether the method needs the directions of motion; a method that does not also counts from unordered snapshots
     * of each trajectory (a data file without time stamps), from the trajectories' membership alone.
     */
    default boolean needsDirections() {
        return true;
    }

    /**
     * Counts.
     *
     * @param problem    the states, their directions and what is known about them
     * @param parameters this method's parameters, resolved against {@link #parameters()}
     * @throws org.invariantlab.api.InvalidInputException when the problem cannot be counted this way, with a
     *                   message saying why and what to change
     */
    CountingOutcome count(CountingProblem problem, Parameters parameters);
}
