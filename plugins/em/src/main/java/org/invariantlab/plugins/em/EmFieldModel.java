package org.invariantlab.plugins.em;

import java.util.List;
import java.util.SplittableRandom;
import org.invariantlab.api.param.InvalidParameterException;
import org.invariantlab.api.physics.FieldTensor;
import org.invariantlab.api.physics.LorentzTransform;
import org.invariantlab.api.system.GroupedData;
import org.invariantlab.api.system.SamplingRequest;
import org.invariantlab.api.system.StateSpace;
import org.invariantlab.api.system.SystemModel;
import org.invariantlab.api.system.TrueInvariant;

/**
 * The {@code em} system with its parameters bound: groups of electromagnetic fields related by Lorentz
 * transformations {@code F' = Λ F Λᵀ}, every component within {@code [−R, R]}.
 *
 * <p>Sampling, for each group in turn, from one {@link SplittableRandom} seeded with the request's seed:
 * <ol>
 *   <li>draw a field {@code (E, B)} with each component uniform in {@code [−R, R]}; it is member 0;</li>
 *   <li>for each further member {@code k = 1 … m−1}, draw {@code Λ = }{@link LorentzTransform#random
 *       LorentzTransform.random}{@code (rng, φ_max)} until every component of
 *       {@link FieldTensor#transform FieldTensor.transform}{@code (Λ, F)} lies in {@code [−R, R]}, at most
 *       {@value #ATTEMPTS_PER_IMAGE} times; member {@code k} is that transformed field;</li>
 *   <li>if some member exhausts its attempts, the field is discarded and step 1 starts again, at most
 *       {@value #FIELDS_PER_GROUP} times; after that sampling fails with an
 *       {@link InvalidParameterException} naming {@code maxRapidity}.</li>
 * </ol>
 * The procedure is deterministic given the seed, and the first {@code n} groups of a request depend only
 * on the seed and {@code perGroup}. Every member shares {@code E·B} and {@code E² − B²} up to rounding,
 * which grows like {@code e^{2φ_max}}: measured at most {@code 4·10⁻¹⁵·(|E|² + |B|²)} for
 * {@code φ_max = 1} and {@code 7·10⁻¹³·(|E|² + |B|²)} for {@code φ_max = 5}.
 *
 * <p>The rejection biases the accepted transformations towards small rapidities. Overall acceptance per
 * draw, measured with {@code R = 1}: 0.62 for {@code φ_max = 0} (rotations move corners of the cube out),
 * 0.44 for {@code φ_max = 1}, 0.11 for {@code φ_max = 5}; the limits are never reached in the allowed
 * parameter range.
 *
 * <p>Reference: S. J. Wetzel, R. G. Melko, J. Scott, M. Panju, V. Ganesh, Phys. Rev. Research 2, 033499
 * (2020), where a positive pair is {@code (F, ΛF)}.
 *
 * @param fieldRange  bound {@code R > 0} on every field component
 * @param maxRapidity largest rapidity {@code φ_max ≥ 0} of the random boosts
 */
public record EmFieldModel(double fieldRange, double maxRapidity) implements SystemModel {

    /** Draws of {@code Λ} per member before the field is given up. */
    static final int ATTEMPTS_PER_IMAGE = 1000;

    /** Fields drawn per group before sampling fails. */
    static final int FIELDS_PER_GROUP = 100;

    private static final int D = FieldTensor.COMPONENTS;

    private static final List<TrueInvariant> INVARIANTS =
            List.of(FieldInvariant.E_DOT_B.trueInvariant(), FieldInvariant.E2_MINUS_B2.trueInvariant());

    public EmFieldModel {
        if (!(fieldRange > 0) || !Double.isFinite(fieldRange)) {
            throw new InvalidParameterException(EmFieldSystem.FIELD_RANGE,
                    "fieldRange must be positive and finite, got " + fieldRange);
        }
        if (!(maxRapidity >= 0) || !Double.isFinite(maxRapidity)) {
            throw new InvalidParameterException(EmFieldSystem.MAX_RAPIDITY,
                    "maxRapidity must be non-negative and finite, got " + maxRapidity);
        }
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
        return sample(request, ATTEMPTS_PER_IMAGE, FIELDS_PER_GROUP);
    }

    /** {@link #sample(SamplingRequest)} with explicit rejection limits (for testing the failure path). */
    GroupedData sample(SamplingRequest request, int attemptsPerImage, int fieldsPerGroup) {
        int n = request.groups();
        int m = request.perGroup();
        double[] values = new double[n * m * D];
        double[] group = new double[m * D];
        SplittableRandom rng = new SplittableRandom(request.seed());
        for (int g = 0; g < n; g++) {
            if (!fillGroup(rng, group, m, attemptsPerImage, fieldsPerGroup)) {
                throw new InvalidParameterException(EmFieldSystem.MAX_RAPIDITY, "em: could not keep " + (m - 1)
                        + " transformed images of a field inside [-" + fieldRange + ", " + fieldRange + "]^6 (group " + g
                        + ": " + fieldsPerGroup + " fields tried, " + attemptsPerImage + " transformations per image);"
                        + " lower maxRapidity (now " + maxRapidity + ") or request fewer states per group (now " + m + ")");
            }
            System.arraycopy(group, 0, values, g * m * D, m * D);
        }
        return new GroupedData(stateSpace().variables(), n, m, values);
    }

    private boolean fillGroup(SplittableRandom rng, double[] group, int m, int attemptsPerImage, int fieldsPerGroup) {
        for (int e = 0; e < fieldsPerGroup; e++) {
            double[] field = new double[D];
            for (int i = 0; i < D; i++) {
                field[i] = rng.nextDouble(-fieldRange, fieldRange);
            }
            System.arraycopy(field, 0, group, 0, D);
            boolean complete = true;
            for (int k = 1; k < m && complete; k++) {
                double[] image = boundedImage(rng, field, attemptsPerImage);
                if (image == null) {
                    complete = false;
                } else {
                    System.arraycopy(image, 0, group, k * D, D);
                }
            }
            if (complete) {
                return true;
            }
        }
        return false;
    }

    private double[] boundedImage(SplittableRandom rng, double[] field, int attempts) {
        for (int a = 0; a < attempts; a++) {
            double[] image = FieldTensor.transform(LorentzTransform.random(rng, maxRapidity), field);
            if (inRange(image)) {
                return image;
            }
        }
        return null;
    }

    private boolean inRange(double[] v) {
        for (double c : v) {
            if (!(Math.abs(c) <= fieldRange)) {
                return false;
            }
        }
        return true;
    }
}
