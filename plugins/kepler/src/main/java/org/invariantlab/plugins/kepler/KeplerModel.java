package org.invariantlab.plugins.kepler;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import org.invariantlab.api.system.ConservedCounts;
import org.invariantlab.api.system.Feature;
import org.invariantlab.api.system.GroupedData;
import org.invariantlab.api.system.SamplingRequest;
import org.invariantlab.api.system.StateSpace;
import org.invariantlab.api.system.SystemModel;
import org.invariantlab.api.system.TrueInvariant;
import org.invariantlab.api.system.VectorField;

/**
 * A configured Kepler system: draws one orbit per group from its {@link OrbitFamily} and places the
 * members of the group at independent uniform mean anomalies {@code M ∈ [0, 2π)}, i.e. at uniformly random
 * times along the orbit, using the exact solution {@link Orbit#stateAt}. The members of a group therefore
 * share {@code L}, {@code E}, {@code Ax} and {@code Ay} up to rounding (the state lies on the orbit for any
 * value of the eccentric anomaly, so even the accuracy of Kepler's equation does not enter).
 *
 * <p>Random numbers come from {@code new SplittableRandom(seed)} in a fixed order (per group: the orbit's
 * draws, then one mean anomaly per member), so a request reproduces its data bit for bit. Immutable.
 */
final class KeplerModel implements SystemModel {

    private static final double TWO_PI = 2 * Math.PI;

    private final OrbitFamily family;

    KeplerModel(OrbitFamily family) {
        this.family = Objects.requireNonNull(family, "family");
    }

    /** The distribution of orbits. */
    OrbitFamily family() {
        return family;
    }

    @Override
    public StateSpace stateSpace() {
        return KeplerDynamics.STATE_SPACE;
    }

    @Override
    public GroupedData sample(SamplingRequest request) {
        SplittableRandom rng = new SplittableRandom(request.seed());
        int d = KeplerDynamics.STATE_SPACE.dimension();
        double[] values = new double[Math.multiplyExact(Math.multiplyExact(request.groups(), request.perGroup()), d)];
        int k = 0;
        for (int g = 0; g < request.groups(); g++) {
            Orbit orbit = family.draw(rng);
            for (int m = 0; m < request.perGroup(); m++) {
                double[] state = orbit.stateAt(TWO_PI * rng.nextDouble());
                System.arraycopy(state, 0, values, k, d);
                k += d;
            }
        }
        return new GroupedData(KeplerDynamics.STATE_SPACE.variables(), request.groups(), request.perGroup(), values);
    }

    @Override
    public List<TrueInvariant> invariants() {
        return KeplerDynamics.INVARIANTS;
    }

    @Override
    public Optional<VectorField> vectorField() {
        return Optional.of(KeplerDynamics.FIELD);
    }

    @Override
    public Optional<List<String>> vectorFieldExpressions() {
        return Optional.of(KeplerDynamics.FIELD_EXPRESSIONS);
    }

    /**
     * Planar Kepler: 3 independent conserved quantities ({@code E}, {@code L} and the direction of the Runge–Lenz
     * vector; {@code |A|² = 1 + 2EL²}) of which 2 commute ({@code L}, {@code E}, listed first).
     */
    @Override
    public Optional<ConservedCounts> conservedCounts() {
        return Optional.of(ConservedCounts.of(3, 2));
    }

    @Override
    public List<Feature> extraFeatures() {
        return KeplerDynamics.FEATURES;
    }
}
