package org.invariantlab.api.system;

import org.invariantlab.api.LabExtension;
import org.invariantlab.api.param.Parameters;

/**
 * Extension point for a physical system whose invariants are to be discovered.
 *
 * <p>A system has a fixed {@link StateSpace} and typed {@link #parameters() parameters} (ranges,
 * variants). {@link #configure(Parameters)} binds the parameters and returns a {@link SystemModel}, which
 * samples groups of states sharing their invariants and knows the true invariants:
 * a function {@code I} is a symmetry invariant if {@code I(x) = I(Ux)} for every transformation {@code U}
 * of the family, and a conserved quantity of {@code dx/dt = h(x)} if {@code ∇I(x)·h(x) = 0}.
 *
 * <p>Reference: S. J. Wetzel, R. G. Melko, J. Scott, M. Panju, V. Ganesh, "Discovering symmetry
 * invariants and conserved quantities by interpreting siamese neural networks", Phys. Rev. Research 2,
 * 033499 (2020).
 */
public interface PhysicalSystem extends LabExtension {

    /**
     * The name of the parameter that a trajectory system's time span goes by: the host lengthens it when it checks
     * counted quantities over longer times ({@code count --check-horizon}) and draws long orbits. A system without it
     * is not lengthened (since 0.2.0).
     */
    String TIME_SPAN = "tMax";

    /** The state variables, independent of parameters. */
    StateSpace stateSpace();

    /**
     * Binds validated parameters (resolved against {@link #parameters()}) and returns the configured model.
     *
     * @throws org.invariantlab.api.param.InvalidParameterException if the combination of values is
     *         inconsistent (for example a minimum above a maximum), naming the parameters
     */
    SystemModel configure(Parameters parameters);
}
