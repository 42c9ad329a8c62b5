package org.invariantlab.physics.lorentz;

import java.util.Objects;
import java.util.SplittableRandom;
import org.invariantlab.api.param.InvalidParameterException;
import org.invariantlab.api.system.GroupedData;
import org.invariantlab.api.system.SamplingRequest;
import org.invariantlab.api.system.StateSpace;

/**
 * Groups of states related by random Lorentz transformations, every component kept inside the box
 * {@code [−b, b]^d}: the sampler shared by systems whose states are Lorentz tensors (events, fields).
 *
 * <p>A group is an original state {@code x} and its images under transformations {@code Λ_k} drawn by
 * {@link LorentzTransform#random LorentzTransform.random}{@code (rng, φ_max)}, acting through a caller's
 * {@link Action} {@code ρ},
 * <pre>
 *   { x, ρ(Λ₁) x, …, ρ(Λ_{m−1}) x },   x ~ U([−b, b]^d),   every component of ρ(Λ_k) x in [−b, b],
 * </pre>
 * for example {@code ρ(Λ) x = Λ x} on events or {@code ρ(Λ) F = Λ F Λᵀ} on the field tensor. Any function
 * invariant under the group action ({@code I(ρ(Λ) x) = I(x)}) is therefore shared by the members of a group;
 * a positive pair in the sense of the reference is {@code (x, ρ(Λ) x)}.
 *
 * <p>Sampling, for each group in turn, from one {@link SplittableRandom} seeded with the request's seed:
 * <ol>
 *   <li>draw {@code x} with each of its {@code d} components uniform in {@code [−b, b]} (in index order); it
 *       is member 0;</li>
 *   <li>for each further member {@code k = 1 … m−1}, draw {@code Λ} until every component of
 *       {@code ρ(Λ) x} lies in {@code [−b, b]}, at most {@code attemptsPerImage} times (default
 *       {@value #ATTEMPTS_PER_IMAGE}); member {@code k} is that image;</li>
 *   <li>if some member exhausts its attempts, {@code x} is discarded and step 1 starts again, at most
 *       {@code originalsPerGroup} times (default {@value #ORIGINALS_PER_GROUP}); after that sampling fails
 *       with an {@link InvalidParameterException} naming the parameter the caller designates (the one that
 *       controls {@code φ_max}).</li>
 * </ol>
 * The procedure is deterministic given the seed, and the first {@code n} groups of a request depend only on
 * the seed and {@code perGroup}, not on how many groups follow.
 *
 * <p>Without the box, pairs would be separable by scale alone; with it, the accepted transformations are
 * biased towards small rapidities (more so for originals near the edge of the box), and member 0 is uniform
 * in the box only up to the rare restarts.
 *
 * <p>Immutable, and safe to use from several threads if the action is.
 *
 * <p>Reference: S. J. Wetzel, R. G. Melko, J. Scott, M. Panju, V. Ganesh, "Discovering symmetry invariants
 * and conserved quantities by interpreting siamese neural networks", Phys. Rev. Research 2, 033499 (2020).
 */
public final class BoxedLorentzGroups {

    /** Default number of draws of {@code Λ} per member before the original state is given up. */
    public static final int ATTEMPTS_PER_IMAGE = 1000;

    /** Default number of original states drawn per group before sampling fails. */
    public static final int ORIGINALS_PER_GROUP = 100;

    /** How a Lorentz transformation acts on a state: {@code (Λ, x) ↦ ρ(Λ) x}. */
    @FunctionalInterface
    public interface Action {

        /**
         * The image of {@code state} under {@code transform}, with as many components as the state. The
         * sampler passes a copy of the state, so the action may use it as scratch space.
         */
        double[] apply(LorentzTransform transform, double[] state);
    }

    private final String system;
    private final StateSpace stateSpace;
    private final double halfWidth;
    private final double maxRapidity;
    private final Action action;

    /**
     * @param system      id of the system that samples, used in messages
     * @param stateSpace  the variables of a state; its dimension is {@code d}
     * @param halfWidth   half-width {@code b > 0} of the box, finite
     * @param maxRapidity largest rapidity {@code φ_max ≥ 0} of the random transformations, finite
     * @param action      how a transformation acts on a state
     * @throws IllegalArgumentException if {@code halfWidth} or {@code maxRapidity} is out of range (callers
     *         check user input first with {@link #checkBounds}, which names their parameters)
     */
    public BoxedLorentzGroups(String system, StateSpace stateSpace, double halfWidth, double maxRapidity,
                              Action action) {
        this.system = Objects.requireNonNull(system, "system");
        this.stateSpace = Objects.requireNonNull(stateSpace, "stateSpace");
        this.action = Objects.requireNonNull(action, "action");
        if (!isHalfWidth(halfWidth)) {
            throw new IllegalArgumentException("halfWidth must be positive and finite, got " + halfWidth);
        }
        if (!isRapidityBound(maxRapidity)) {
            throw new IllegalArgumentException("maxRapidity must be non-negative and finite, got " + maxRapidity);
        }
        this.halfWidth = halfWidth;
        this.maxRapidity = maxRapidity;
    }

    /**
     * Refuses a half-width that is not positive and finite, or a largest rapidity that is not non-negative and
     * finite, with an {@link InvalidParameterException} naming the caller's parameter.
     *
     * @param halfWidthParameter name of the caller's parameter that holds {@code b}
     * @param halfWidth          the value of {@code b}
     * @param rapidityParameter  name of the caller's parameter that holds {@code φ_max}
     * @param maxRapidity        the value of {@code φ_max}
     */
    public static void checkBounds(String halfWidthParameter, double halfWidth, String rapidityParameter,
                                   double maxRapidity) {
        if (!isHalfWidth(halfWidth)) {
            throw new InvalidParameterException(halfWidthParameter,
                    halfWidthParameter + " must be positive and finite, got " + halfWidth);
        }
        if (!isRapidityBound(maxRapidity)) {
            throw new InvalidParameterException(rapidityParameter,
                    rapidityParameter + " must be non-negative and finite, got " + maxRapidity);
        }
    }

    /** The variables of a state. */
    public StateSpace stateSpace() {
        return stateSpace;
    }

    /** The half-width {@code b} of the box. */
    public double halfWidth() {
        return halfWidth;
    }

    /** The largest rapidity {@code φ_max} of the random transformations. */
    public double maxRapidity() {
        return maxRapidity;
    }

    /**
     * Samples with the default limits {@value #ATTEMPTS_PER_IMAGE} and {@value #ORIGINALS_PER_GROUP}.
     *
     * @param request           how many groups of how many states, and the seed
     * @param rapidityParameter the caller's parameter a failure names (the one that sets {@code φ_max})
     * @throws InvalidParameterException naming {@code rapidityParameter} if a group cannot be completed
     */
    public GroupedData sample(SamplingRequest request, String rapidityParameter) {
        return sample(request, rapidityParameter, ATTEMPTS_PER_IMAGE, ORIGINALS_PER_GROUP);
    }

    /**
     * Samples with explicit rejection limits.
     *
     * @param request           how many groups of how many states, and the seed
     * @param rapidityParameter the caller's parameter a failure names (the one that sets {@code φ_max})
     * @param attemptsPerImage  draws of {@code Λ} per member before the original is given up, at least 1
     * @param originalsPerGroup original states drawn per group before sampling fails, at least 1
     * @throws InvalidParameterException naming {@code rapidityParameter} if a group cannot be completed
     */
    public GroupedData sample(SamplingRequest request, String rapidityParameter, int attemptsPerImage,
                              int originalsPerGroup) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(rapidityParameter, "rapidityParameter");
        if (attemptsPerImage < 1 || originalsPerGroup < 1) {
            throw new IllegalArgumentException("rejection limits must be at least 1, got " + attemptsPerImage
                    + " attempts per image and " + originalsPerGroup + " originals per group");
        }
        int d = stateSpace.dimension();
        int n = request.groups();
        int m = request.perGroup();
        double[] values = new double[Math.multiplyExact(Math.multiplyExact(n, m), d)];
        double[] group = new double[m * d];
        SplittableRandom rng = new SplittableRandom(request.seed());
        for (int g = 0; g < n; g++) {
            if (!fillGroup(rng, group, m, attemptsPerImage, originalsPerGroup)) {
                throw new InvalidParameterException(rapidityParameter, "'" + system + "': could not keep " + (m - 1)
                        + " transformed images of a state " + stateSpace.variables() + " inside [-" + halfWidth + ", "
                        + halfWidth + "]^" + d + " (group " + g + ": " + originalsPerGroup + " states tried, "
                        + attemptsPerImage + " transformations per image); lower " + rapidityParameter + " (now "
                        + maxRapidity + ") or request fewer states per group (now " + m + ")");
            }
            System.arraycopy(group, 0, values, g * m * d, m * d);
        }
        return new GroupedData(stateSpace.variables(), n, m, values);
    }

    /** Fills {@code group} with an original and {@code m − 1} images in the box; false if the limits ran out. */
    private boolean fillGroup(SplittableRandom rng, double[] group, int m, int attemptsPerImage,
                              int originalsPerGroup) {
        int d = stateSpace.dimension();
        for (int e = 0; e < originalsPerGroup; e++) {
            double[] original = new double[d];
            for (int i = 0; i < d; i++) {
                original[i] = rng.nextDouble(-halfWidth, halfWidth);
            }
            System.arraycopy(original, 0, group, 0, d);
            boolean complete = true;
            for (int k = 1; k < m && complete; k++) {
                double[] image = boundedImage(rng, original, attemptsPerImage);
                if (image == null) {
                    complete = false;
                } else {
                    System.arraycopy(image, 0, group, k * d, d);
                }
            }
            if (complete) {
                return true;
            }
        }
        return false;
    }

    /** An image of {@code original} inside the box, or {@code null} after {@code attempts} draws outside it. */
    private double[] boundedImage(SplittableRandom rng, double[] original, int attempts) {
        for (int a = 0; a < attempts; a++) {
            double[] image = action.apply(LorentzTransform.random(rng, maxRapidity), original.clone());
            if (image == null || image.length != original.length) {
                throw new IllegalStateException("the action of '" + system + "' returned "
                        + (image == null ? "null" : image.length + " components") + " for a state of "
                        + original.length);
            }
            if (inBox(image)) {
                return image;
            }
        }
        return null;
    }

    /** Whether every component lies in {@code [−b, b]}; a NaN component does not. */
    private boolean inBox(double[] v) {
        for (double c : v) {
            if (!(Math.abs(c) <= halfWidth)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isHalfWidth(double b) {
        return b > 0 && Double.isFinite(b);
    }

    private static boolean isRapidityBound(double phi) {
        return phi >= 0 && Double.isFinite(phi);
    }
}
