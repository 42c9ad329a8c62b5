package org.invariantlab.plugins.lorentz;

import java.util.List;
import java.util.SplittableRandom;
import org.invariantlab.api.param.InvalidParameterException;
import org.invariantlab.api.physics.LorentzTransform;
import org.invariantlab.api.system.GroupedData;
import org.invariantlab.api.system.SamplingRequest;
import org.invariantlab.api.system.StateSpace;
import org.invariantlab.api.system.SystemModel;
import org.invariantlab.api.system.TrueInvariant;

/**
 * The {@code lorentz} system with its parameters bound: groups of events related by Lorentz
 * transformations, all inside the box {@code [−b, b]⁴}.
 *
 * <p>Sampling, for each group in turn, from one {@link SplittableRandom} seeded with the request's seed:
 * <ol>
 *   <li>draw an event {@code X} uniformly from {@code [−b, b]⁴}; it is member 0 of the group;</li>
 *   <li>for each further member {@code k = 1 … m−1}, draw {@code Λ = }{@link LorentzTransform#random
 *       LorentzTransform.random}{@code (rng, φ_max)} until {@code ΛX} lies in the box (every coordinate in
 *       {@code [−b, b]}), at most {@value #ATTEMPTS_PER_IMAGE} times; member {@code k} is {@code ΛX};</li>
 *   <li>if some member exhausts its attempts, the event is discarded and step 1 starts again, at most
 *       {@value #EVENTS_PER_GROUP} times; after that sampling fails with an
 *       {@link InvalidParameterException} naming {@code maxRapidity}.</li>
 * </ol>
 * The procedure is deterministic given the seed, and the first {@code n} groups of a request depend only
 * on the seed and {@code perGroup}, not on how many groups follow. Every member satisfies
 * {@code s²(ΛX) = s²(X)} up to rounding, which grows like {@code e^{φ_max}}: measured at most
 * {@code 2·10⁻¹⁵·|X|²} for {@code φ_max = 1} and {@code 3·10⁻¹⁴·|X|²} for {@code φ_max = 5}.
 *
 * <p>Because of the rejection, the accepted transformations are biased towards small rapidities (more so
 * for events near the edge of the box), and member 0 is uniform in the box only up to the rare restarts.
 * Overall acceptance per draw, measured with {@code b = 1}: 0.79 for {@code φ_max = 0} (rotations move
 * corners out of the cube), 0.63 for {@code φ_max = 1}, 0.22 for {@code φ_max = 5}; the limits are never
 * reached in the allowed parameter range.
 *
 * <p>Reference: S. J. Wetzel, R. G. Melko, J. Scott, M. Panju, V. Ganesh, Phys. Rev. Research 2, 033499
 * (2020), where a positive pair is {@code (X, ΛX)}.
 *
 * @param box         half-width {@code b > 0} of the box holding every state
 * @param maxRapidity largest rapidity {@code φ_max ≥ 0} of the random boosts
 */
public record LorentzModel(double box, double maxRapidity) implements SystemModel {

    /** Draws of {@code Λ} per member before the event is given up. */
    static final int ATTEMPTS_PER_IMAGE = 1000;

    /** Events drawn per group before sampling fails. */
    static final int EVENTS_PER_GROUP = 100;

    private static final int D = 4;

    public LorentzModel {
        if (!(box > 0) || !Double.isFinite(box)) {
            throw new InvalidParameterException(LorentzSystem.BOX, "box must be positive and finite, got " + box);
        }
        if (!(maxRapidity >= 0) || !Double.isFinite(maxRapidity)) {
            throw new InvalidParameterException(LorentzSystem.MAX_RAPIDITY,
                    "maxRapidity must be non-negative and finite, got " + maxRapidity);
        }
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
        return sample(request, ATTEMPTS_PER_IMAGE, EVENTS_PER_GROUP);
    }

    /** {@link #sample(SamplingRequest)} with explicit rejection limits (for testing the failure path). */
    GroupedData sample(SamplingRequest request, int attemptsPerImage, int eventsPerGroup) {
        int n = request.groups();
        int m = request.perGroup();
        double[] values = new double[n * m * D];
        double[] group = new double[m * D];
        SplittableRandom rng = new SplittableRandom(request.seed());
        for (int g = 0; g < n; g++) {
            if (!fillGroup(rng, group, m, attemptsPerImage, eventsPerGroup)) {
                throw new InvalidParameterException(LorentzSystem.MAX_RAPIDITY, "lorentz: could not keep " + (m - 1)
                        + " transformed images of an event inside the box [-" + box + ", " + box + "]^4 (group " + g
                        + ": " + eventsPerGroup + " events tried, " + attemptsPerImage + " transformations per image);"
                        + " lower maxRapidity (now " + maxRapidity + ") or request fewer states per group (now " + m + ")");
            }
            System.arraycopy(group, 0, values, g * m * D, m * D);
        }
        return new GroupedData(stateSpace().variables(), n, m, values);
    }

    private boolean fillGroup(SplittableRandom rng, double[] group, int m, int attemptsPerImage, int eventsPerGroup) {
        for (int e = 0; e < eventsPerGroup; e++) {
            double[] event = new double[D];
            for (int i = 0; i < D; i++) {
                event[i] = rng.nextDouble(-box, box);
            }
            System.arraycopy(event, 0, group, 0, D);
            boolean complete = true;
            for (int k = 1; k < m && complete; k++) {
                double[] image = boundedImage(rng, event, attemptsPerImage);
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

    private double[] boundedImage(SplittableRandom rng, double[] event, int attempts) {
        for (int a = 0; a < attempts; a++) {
            double[] image = LorentzTransform.random(rng, maxRapidity).apply(event);
            if (inBox(image)) {
                return image;
            }
        }
        return null;
    }

    private boolean inBox(double[] v) {
        for (double c : v) {
            if (!(Math.abs(c) <= box)) {
                return false;
            }
        }
        return true;
    }
}
