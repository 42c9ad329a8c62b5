package org.invariantlab.plugins.lorentz;

import java.util.List;
import org.invariantlab.api.param.InvalidParameterException;
import org.invariantlab.physics.lorentz.BoxedLorentzGroups;
import org.invariantlab.physics.lorentz.LorentzTransform;
import org.invariantlab.api.system.GroupedData;
import org.invariantlab.api.system.SamplingRequest;
import org.invariantlab.api.system.StateSpace;
import org.invariantlab.api.system.SystemModel;
import org.invariantlab.api.system.TrueInvariant;

/**
 * The {@code lorentz} system with its parameters bound: groups of events related by Lorentz
 * transformations, all inside the box {@code [−b, b]⁴}.
 *
 * <p>Sampling is {@link BoxedLorentzGroups} with the action {@code X ↦ ΛX}
 * ({@link LorentzTransform#apply}): per group an event {@code X} uniform in the box, then each further
 * member the first {@code ΛX} with {@code Λ = }{@link LorentzTransform#random
 * LorentzTransform.random}{@code (rng, φ_max)} that stays in the box, with restarts from a new event; if
 * the limits run out, sampling fails with an {@link InvalidParameterException} naming
 * {@code maxRapidity}. Every member satisfies {@code s²(ΛX) = s²(X)} up to rounding, which grows like
 * {@code e^{φ_max}}: measured at most {@code 2·10⁻¹⁵·|X|²} for {@code φ_max = 1} and
 * {@code 3·10⁻¹⁴·|X|²} for {@code φ_max = 5}.
 *
 * <p>Overall acceptance per draw of {@code Λ}, measured with {@code b = 1}: 0.79 for {@code φ_max = 0}
 * (rotations move corners out of the cube), 0.63 for {@code φ_max = 1}, 0.22 for {@code φ_max = 5}; the
 * default limits of {@link BoxedLorentzGroups} are never reached in the allowed parameter range.
 *
 * <p>Reference: S. J. Wetzel, R. G. Melko, J. Scott, M. Panju, V. Ganesh, Phys. Rev. Research 2, 033499
 * (2020), where a positive pair is {@code (X, ΛX)}.
 *
 * @param box         half-width {@code b > 0} of the box holding every state
 * @param maxRapidity largest rapidity {@code φ_max ≥ 0} of the random boosts
 */
public record LorentzModel(double box, double maxRapidity) implements SystemModel {

    public LorentzModel {
        BoxedLorentzGroups.checkBounds(LorentzSystem.BOX, box, LorentzSystem.MAX_RAPIDITY, maxRapidity);
    }

    @Override
    public StateSpace stateSpace() {
        return LorentzSystem.STATE_SPACE;
    }

    @Override
    public List<TrueInvariant> invariants() {
        return List.of(SpacetimeInterval.INVARIANT);
    }

    @Override
    public GroupedData sample(SamplingRequest request) {
        return groups().sample(request, LorentzSystem.MAX_RAPIDITY);
    }

    /** {@link #sample(SamplingRequest)} with explicit rejection limits (for testing the failure path). */
    GroupedData sample(SamplingRequest request, int attemptsPerImage, int eventsPerGroup) {
        return groups().sample(request, LorentzSystem.MAX_RAPIDITY, attemptsPerImage, eventsPerGroup);
    }

    private BoxedLorentzGroups groups() {
        return new BoxedLorentzGroups(LorentzSystem.ID, LorentzSystem.STATE_SPACE, box, maxRapidity,
                LorentzTransform::apply);
    }
}
