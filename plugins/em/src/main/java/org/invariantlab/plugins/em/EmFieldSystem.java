package org.invariantlab.plugins.em;

import org.invariantlab.physics.lorentz.BoxedLorentzSystem;
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
 * <p>Parameters (declared by {@link BoxedLorentzSystem}): {@code fieldRange} = {@code R} (default 1;
 * {@code F' = ΛFΛᵀ} is linear, so {@code R} only sets the units and the bounds keep the invariants, up to
 * {@code 3R²}, far from overflow and underflow) and {@code maxRapidity} = {@code φ_max} (default 1).
 *
 * <p>Reference: S. J. Wetzel, R. G. Melko, J. Scott, M. Panju, V. Ganesh, Phys. Rev. Research 2, 033499
 * (2020); J. D. Jackson, <i>Classical Electrodynamics</i>, 3rd ed. (Wiley, 1999), §§11.9, 11.10.
 */
@Extension
public final class EmFieldSystem extends BoxedLorentzSystem {

    /** The extension id. */
    public static final String ID = "em";

    /** Parameter: bound {@code R} on every field component, {@code |E_i|, |B_i| ≤ R}. */
    public static final String FIELD_RANGE = "fieldRange";

    static final StateSpace STATE_SPACE = StateSpace.of("Ex", "Ey", "Ez", "Bx", "By", "Bz");

    /** Built by PF4J (or the host's injector). */
    public EmFieldSystem() {
        super(ID, "Electromagnetic fields under random Lorentz transformations; invariants E.B and E^2 - B^2",
                STATE_SPACE, FIELD_RANGE, "bound R on every field component, |E_i|, |B_i| <= R");
    }

    @Override
    protected SystemModel model(double fieldRange, double maxRapidity) {
        return new EmFieldModel(fieldRange, maxRapidity);
    }
}
