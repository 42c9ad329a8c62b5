package org.invariantlab.plugins.lorentz;

import org.invariantlab.physics.lorentz.BoxedLorentzSystem;
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
 * <p>Parameters (declared by {@link BoxedLorentzSystem}): {@code box} = {@code b} (default 1, the data are
 * scale-free and the bounds keep {@code s² ≤ 4b²} far from overflow and underflow) and
 * {@code maxRapidity} = {@code φ_max} (default 1, i.e. {@code γ ≤ cosh 1 ≈ 1.54},
 * {@code β ≤ tanh 1 ≈ 0.76}).
 *
 * <p>Reference: S. J. Wetzel, R. G. Melko, J. Scott, M. Panju, V. Ganesh, Phys. Rev. Research 2, 033499
 * (2020); J. D. Jackson, <i>Classical Electrodynamics</i>, 3rd ed. (Wiley, 1999), §§11.3, 11.7.
 */
@Extension
public final class LorentzSystem extends BoxedLorentzSystem {

    /** The extension id. */
    public static final String ID = "lorentz";

    /** Parameter: half-width {@code b} of the box {@code [−b, b]⁴} that holds every state. */
    public static final String BOX = "box";

    static final StateSpace STATE_SPACE = StateSpace.of("t", "x", "y", "z");

    /** Built by PF4J (or the host's injector). */
    public LorentzSystem() {
        super(ID, "Spacetime events under random Lorentz transformations; invariant s^2 = -t^2 + x^2 + y^2 + z^2",
                STATE_SPACE, BOX, "half-width b of the box [-b, b]^4 that holds every event");
    }

    @Override
    protected SystemModel model(double box, double maxRapidity) {
        return new LorentzModel(box, maxRapidity);
    }
}
