package org.invariantlab.plugins.lorentz;

import java.util.List;
import org.invariantlab.api.param.ParameterSpec;
import org.invariantlab.api.param.Parameters;
import org.invariantlab.api.system.PhysicalSystem;
import org.invariantlab.api.system.StateSpace;
import org.invariantlab.api.system.SystemModel;
import org.pf4j.Extension;

/**
 * Spacetime events under random Lorentz transformations (Wetzel et al. 2020, first experiment).
 *
 * <p>State {@code (t, x, y, z)}, {@code c = 1}. A group is one event {@code X} drawn uniformly from the
 * box {@code [−b, b]⁴} and its images {@code Λ_k X} under random proper orthochronous transformations
 * {@code Λ = R₁ · B(n, φ) · R₂} with rapidity {@code φ ≤ φ_max}; every member shares the interval
 * <pre>
 *   s² = −t² + x² + y² + z²,   s²(ΛX) = s²(X)  because  Λᵀ η Λ = η.
 * </pre>
 * Images that leave the box are redrawn, so all states lie in {@code [−b, b]⁴}: without the bound, pairs
 * would be separable by scale alone (methods notes §2). See {@link LorentzModel} for the exact procedure.
 *
 * <p>Parameters: {@code box} = {@code b} (default 1) and {@code maxRapidity} = {@code φ_max} (default 1,
 * i.e. {@code γ ≤ cosh 1 ≈ 1.54}, {@code β ≤ tanh 1 ≈ 0.76}).
 *
 * <p>Reference: S. J. Wetzel, R. G. Melko, J. Scott, M. Panju, V. Ganesh, Phys. Rev. Research 2, 033499
 * (2020); J. D. Jackson, <i>Classical Electrodynamics</i>, 3rd ed. (Wiley, 1999), §§11.3, 11.7.
 */
@Extension
public final class LorentzSystem implements PhysicalSystem {

    /** The extension id. */
    public static final String ID = "lorentz";

    /** Parameter: half-width {@code b} of the box {@code [−b, b]⁴} that holds every state. */
    public static final String BOX = "box";

    /** Parameter: largest rapidity {@code φ_max} of the random boosts. */
    public static final String MAX_RAPIDITY = "maxRapidity";

    static final StateSpace STATE_SPACE = StateSpace.of("t", "x", "y", "z");

    /*
     * box: the data are scale-free (Λ is linear), so b only sets the units; the bounds keep s² ≤ 4b² far from
     * overflow and underflow. maxRapidity: 5 means γ up to cosh 5 ≈ 74; above that almost every image leaves
     * the box and the accepted boosts are the small ones anyway, so a larger bound would only cost time.
     */
    private static final List<ParameterSpec> PARAMETERS = List.of(
            ParameterSpec.real(BOX, 1.0, 1e-6, 1e6, "half-width b of the box [-b, b]^4 that holds every event"),
            ParameterSpec.real(MAX_RAPIDITY, 1.0, 0.0, 5.0, "largest boost rapidity (gamma <= cosh of it)"));

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Spacetime events under random Lorentz transformations; invariant s^2 = -t^2 + x^2 + y^2 + z^2";
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
     * Binds {@code box} and {@code maxRapidity}. The values are resolved again against
     * {@link #parameters()}, so hand-built {@link Parameters} are validated too (missing ones take their
     * defaults, unknown or out-of-range ones are refused naming the parameter).
     */
    @Override
    public SystemModel configure(Parameters parameters) {
        Parameters p = Parameters.resolve(ID, PARAMETERS, parameters.asText());
        return new LorentzModel(p.getDouble(BOX), p.getDouble(MAX_RAPIDITY));
    }
}
