package org.invariantlab.plugins.em;

import java.util.List;
import org.invariantlab.api.param.InvalidParameterException;
import org.invariantlab.physics.lorentz.BoxedLorentzGroups;
import org.invariantlab.physics.lorentz.FieldTensor;
import org.invariantlab.physics.lorentz.LorentzTransform;
import org.invariantlab.api.system.GroupedData;
import org.invariantlab.api.system.SamplingRequest;
import org.invariantlab.api.system.StateSpace;
import org.invariantlab.api.system.SystemModel;
import org.invariantlab.api.system.TrueInvariant;

/**
 * The {@code em} system with its parameters bound: groups of electromagnetic fields related by Lorentz
 * transformations {@code F' = Λ F Λᵀ}, every component within {@code [−R, R]}.
 *
 * <p>Sampling is {@link BoxedLorentzGroups} on the box {@code [−R, R]⁶} with the action
 * {@link FieldTensor#transform FieldTensor.transform}: per group a field {@code (E, B)} uniform in the box,
 * then each further member the first {@code Λ F Λᵀ} with {@code Λ = }{@link LorentzTransform#random
 * LorentzTransform.random}{@code (rng, φ_max)} that stays in range, with restarts from a new field; if the
 * limits run out, sampling fails with an {@link InvalidParameterException} naming {@code maxRapidity}.
 * Every member shares {@code E·B} and {@code E² − B²} up to rounding, which grows like
 * {@code e^{2φ_max}}: measured at most {@code 4·10⁻¹⁵·(|E|² + |B|²)} for {@code φ_max = 1} and
 * {@code 7·10⁻¹³·(|E|² + |B|²)} for {@code φ_max = 5}.
 *
 * <p>Overall acceptance per draw of {@code Λ}, measured with {@code R = 1}: 0.62 for {@code φ_max = 0}
 * (rotations move corners of the cube out), 0.44 for {@code φ_max = 1}, 0.11 for {@code φ_max = 5}; the
 * default limits of {@link BoxedLorentzGroups} are never reached in the allowed parameter range.
 *
 * <p>Reference: S. J. Wetzel, R. G. Melko, J. Scott, M. Panju, V. Ganesh, Phys. Rev. Research 2, 033499
 * (2020), where a positive pair is {@code (F, ΛF)}.
 *
 * @param fieldRange  bound {@code R > 0} on every field component
 * @param maxRapidity largest rapidity {@code φ_max ≥ 0} of the random boosts
 */
public record EmFieldModel(double fieldRange, double maxRapidity) implements SystemModel {

    private static final List<TrueInvariant> INVARIANTS =
            List.of(FieldInvariant.E_DOT_B.trueInvariant(), FieldInvariant.E2_MINUS_B2.trueInvariant());

    public EmFieldModel {
        BoxedLorentzGroups.checkBounds(EmFieldSystem.FIELD_RANGE, fieldRange, EmFieldSystem.MAX_RAPIDITY, maxRapidity);
    }

    @Override
    public StateSpace stateSpace() {
        return EmFieldSystem.STATE_SPACE;
    }

    @Override
    public List<TrueInvariant> invariants() {
        return INVARIANTS;
    }

    @Override
    public GroupedData sample(SamplingRequest request) {
        return fields().sample(request, EmFieldSystem.MAX_RAPIDITY);
    }

    /** {@link #sample(SamplingRequest)} with explicit rejection limits (for testing the failure path). */
    GroupedData sample(SamplingRequest request, int attemptsPerImage, int fieldsPerGroup) {
        return fields().sample(request, EmFieldSystem.MAX_RAPIDITY, attemptsPerImage, fieldsPerGroup);
    }

    private BoxedLorentzGroups fields() {
        return new BoxedLorentzGroups(EmFieldSystem.ID, EmFieldSystem.STATE_SPACE, fieldRange, maxRapidity,
                FieldTensor::transform);
    }
}
