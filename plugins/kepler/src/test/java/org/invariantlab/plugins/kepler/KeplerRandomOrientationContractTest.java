package org.invariantlab.plugins.kepler;

import java.util.Map;
import org.invariantlab.api.system.PhysicalSystem;
import org.invariantlab.testkit.PhysicalSystemContract;

/**
 * The system contract for {@code kepler} with randomly oriented orbits turning either way: all four
 * invariants ({@code L} of either sign, {@code E}, {@code Ax}, {@code Ay}) label the groups. Tolerance as in
 * {@link KeplerSystemContractTest}: the rotation by {@code ω} adds a few ulps.
 */
class KeplerRandomOrientationContractTest extends PhysicalSystemContract {

    @Override
    protected PhysicalSystem system() {
        return new KeplerSystem();
    }

    @Override
    protected Map<String, String> parameterOverrides() {
        return Map.of("orientation", "random", "direction", "both", "eccentricityMin", "0.1", "eccentricityMax", "0.95");
    }
}
