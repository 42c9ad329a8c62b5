package org.invariantlab.physics.lorentz;

import java.util.List;
import java.util.Objects;
import org.invariantlab.api.DescribedExtension;
import org.invariantlab.api.param.Bound;
import org.invariantlab.api.param.ParameterSpec;
import org.invariantlab.api.param.Parameters;
import org.invariantlab.api.system.PhysicalSystem;
import org.invariantlab.api.system.StateSpace;
import org.invariantlab.api.system.SystemModel;

/**
 * Base of a {@link PhysicalSystem} whose groups are Lorentz-transformed states inside a box
 * {@code [−b, b]^d}, sampled by {@link BoxedLorentzGroups}: it declares the two parameters such a system
 * takes, the box half-width {@code b} (under a name the subclass chooses) and {@value #MAX_RAPIDITY}
 * {@code = φ_max}, and binds them in {@link #configure(Parameters)}.
 *
 * <p>Both parameters are reals with default 1: {@code b ∈ [10⁻⁶, 10⁶]} and {@code φ_max ∈ [0, 5]}. The
 * action of {@code Λ} is linear, so {@code b} only sets the units; the bounds keep quadratic invariants far
 * from overflow and underflow. {@code φ_max = 5} means {@code γ ≤ cosh 5 ≈ 74}; above that almost every
 * image leaves the box and the accepted boosts are the small ones anyway, so a larger bound would only cost
 * time.
 *
 * <p>A subclass is a concrete PF4J extension with a public no-argument constructor that passes its id,
 * description, state space and box parameter to {@link #BoxedLorentzSystem}, and builds its model in
 * {@link #model(double, double)}.
 *
 * <p>Reference: S. J. Wetzel, R. G. Melko, J. Scott, M. Panju, V. Ganesh, Phys. Rev. Research 2, 033499
 * (2020), where the data of the Lorentz and electromagnetic experiments are states related by random
 * {@code Λ = R₁ · B(n, φ) · R₂}.
 */
public abstract class BoxedLorentzSystem extends DescribedExtension implements PhysicalSystem {

    /** Parameter: largest rapidity {@code φ_max} of the random boosts. */
    public static final String MAX_RAPIDITY = "maxRapidity";

    private final StateSpace stateSpace;
    private final String halfWidthParameter;

    /**
     * @param id                     the extension id
     * @param description            one line for listings
     * @param stateSpace             the state variables
     * @param halfWidthParameter     name of the parameter that holds the box half-width {@code b}
     * @param halfWidthDescription   one-line description of that parameter
     */
    protected BoxedLorentzSystem(String id, String description, StateSpace stateSpace, String halfWidthParameter,
                                 String halfWidthDescription) {
        super(id, description, List.of(
                ParameterSpec.realIn(Objects.requireNonNull(halfWidthParameter, "halfWidthParameter"), 1.0, Bound.above(0),
                        Bound.atMost(1e6),
                        halfWidthDescription),
                ParameterSpec.real(MAX_RAPIDITY, 1.0, 0.0, 5.0, "largest boost rapidity (gamma <= cosh of it)")));
        this.stateSpace = Objects.requireNonNull(stateSpace, "stateSpace");
        this.halfWidthParameter = halfWidthParameter;
    }




    @Override
    public final StateSpace stateSpace() {
        return stateSpace;
    }

    /**
     * Binds the box half-width and {@value #MAX_RAPIDITY}. The values are resolved again against
     * {@link #parameters()}, so hand-built {@link Parameters} are validated too (missing ones take their
     * defaults, unknown or out-of-range ones are refused naming the parameter).
     */
    @Override
    public final SystemModel configure(Parameters parameters) {
        Parameters p = Parameters.resolve(id(), parameters(), parameters.asText());
        return model(p.getDouble(halfWidthParameter), p.getDouble(MAX_RAPIDITY));
    }

    /**
     * The model for validated values.
     *
     * @param halfWidth   the box half-width {@code b}, within its declared range
     * @param maxRapidity the largest rapidity {@code φ_max}, within its declared range
     */
    protected abstract SystemModel model(double halfWidth, double maxRapidity);
}
