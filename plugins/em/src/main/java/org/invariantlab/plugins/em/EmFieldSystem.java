package org.invariantlab.plugins.em;

import java.util.List;
import org.invariantlab.api.param.ParameterSpec;
import org.invariantlab.api.param.Parameters;
import org.invariantlab.api.system.PhysicalSystem;
import org.invariantlab.api.system.StateSpace;
import org.invariantlab.api.system.SystemModel;
import org.pf4j.Extension;

/**
 * Electromagnetic fields under random Lorentz transformations (Wetzel et al. 2020, electromagnetic
 * experiment).
 *
 * <p>State {@code (Ex, Ey, Ez, Bx, By, Bz)}, {@code c = 1}. A group is one field drawn uniformly from
 * {@code [−R, R]⁶} and its images under random proper orthochronous transformations
 * {@code Λ = R₁ · B(n, φ) · R₂} with rapidity {@code φ ≤ φ_max}, acting on the field tensor
 * ({@code F^{0i} = E_i}, {@code F^{ij} = ε_{ijk} B_k}) as
 * <pre>
 *   F' = Λ F Λᵀ,
 * </pre>
 * which leaves {@code E·B} and {@code E² − B²} unchanged. Images with a component outside {@code [−R, R]}
 * are redrawn, so every state is bounded (methods notes §2); see {@link EmFieldModel} for the procedure.
 *
 * <p>Parameters: {@code fieldRange} = {@code R} (default 1) and {@code maxRapidity} = {@code φ_max}
 * (default 1).
 *
 * <p>Reference: S. J. Wetzel, R. G. Melko, J. Scott, M. Panju, V. Ganesh, Phys. Rev. Research 2, 033499
 * (2020); J. D. Jackson, <i>Classical Electrodynamics</i>, 3rd ed. (Wiley, 1999), §§11.9, 11.10.
 */
@Extension
public final class EmFieldSystem implements PhysicalSystem {

    /** The extension id. */
    public static final String ID = "em";

    /** Parameter: bound {@code R} on every field component, {@code |E_i|, |B_i| ≤ R}. */
    public static final String FIELD_RANGE = "fieldRange";

    /** Parameter: largest rapidity {@code φ_max} of the random boosts. */
    public static final String MAX_RAPIDITY = "maxRapidity";

    static final StateSpace STATE_SPACE = StateSpace.of("Ex", "Ey", "Ez", "Bx", "By", "Bz");

    /*
     * fieldRange: F' = ΛFΛᵀ is linear, so R only sets the units; the bounds keep the invariants (up to 3R²)
     * far from overflow and underflow. maxRapidity: up to 5 (γ ≤ cosh 5 ≈ 74); above that almost every image
     * leaves the range and the accepted boosts are the small ones anyway.
     */
    private static final List<ParameterSpec> PARAMETERS = List.of(
            ParameterSpec.real(FIELD_RANGE, 1.0, 1e-6, 1e6, "bound R on every field component, |E_i|, |B_i| <= R"),
            ParameterSpec.real(MAX_RAPIDITY, 1.0, 0.0, 5.0, "largest boost rapidity (gamma <= cosh of it)"));

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Electromagnetic fields under random Lorentz transformations; invariants E.B and E^2 - B^2";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMETERS;
    }

    @Override
    public StateSpace stateSpace() {
        return STATE_SPACE;
    }

    /**
     * Binds {@code fieldRange} and {@code maxRapidity}. The values are resolved again against
     * {@link #parameters()}, so hand-built {@link Parameters} are validated too (missing ones take their
     * defaults, unknown or out-of-range ones are refused naming the parameter).
     */
    @Override
    public SystemModel configure(Parameters parameters) {
        Parameters p = Parameters.resolve(ID, PARAMETERS, parameters.asText());
        return new EmFieldModel(p.getDouble(FIELD_RANGE), p.getDouble(MAX_RAPIDITY));
    }
}
